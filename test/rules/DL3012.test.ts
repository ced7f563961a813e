import { DL3012 } from '../../src/rules/DL3012.js';
import { describeRule } from './harness.js';

describeRule(DL3012, [
  // hadolint DL3012Spec: every case below, by its case name
  { name: 'ok with no HEALTHCHECK instruction', dockerfile: 'FROM scratch', lines: [] },
  { name: 'ok with one HEALTHCHECK instruction', dockerfile: 'FROM scratch\nHEALTHCHECK CMD /bin/bla', lines: [] },
  {
    name: 'ok with two HEALTHCHECK instructions in two stages',
    dockerfile: 'FROM scratch\nHEALTHCHECK CMD /bin/bla1\nFROM scratch\nHEALTHCHECK CMD /bin/bla2',
    lines: [],
  },
  { name: 'warn with two HEALTHCHECK instructions', dockerfile: 'FROM scratch\nHEALTHCHECK CMD /bin/bla1\nHEALTHCHECK CMD /bin/bla2', lines: [3] },
  // corner cases
  { name: 'every extra HEALTHCHECK is reported', dockerfile: 'FROM scratch\nHEALTHCHECK NONE\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b', lines: [3, 4] },
  { name: 'HEALTHCHECK NONE counts', dockerfile: 'FROM scratch\nHEALTHCHECK CMD a\nHEALTHCHECK NONE', lines: [3] },
  { name: 'ONBUILD HEALTHCHECK is not counted', dockerfile: 'FROM scratch\nHEALTHCHECK CMD a\nONBUILD HEALTHCHECK CMD b', lines: [] },
  { name: 'second stage repeats', dockerfile: 'FROM a:1\nHEALTHCHECK CMD a\nFROM b:1\nHEALTHCHECK CMD a\nhealthcheck CMD b', lines: [5] },
]);
