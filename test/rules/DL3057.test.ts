import { DL3057 } from '../../src/rules/DL3057.js';
import { describeRule } from './harness.js';

describeRule(DL3057, [
  { name: 'no HEALTHCHECK', dockerfile: 'FROM scratch', lines: [1] },
  { name: 'one HEALTHCHECK', dockerfile: 'FROM scratch\nHEALTHCHECK CMD /bin/bla', lines: [] },
  { name: 'inherited HEALTHCHECK', dockerfile: 'FROM scratch AS base\nHEALTHCHECK CMD /bin/bla\nFROM base', lines: [] },
  { name: 'not inherited', dockerfile: 'FROM scratch AS base\nHEALTHCHECK CMD /bin/bla\nFROM scratch', lines: [3] },
  {
    name: 'HEALTHCHECK at the end of an inheritance chain',
    dockerfile: 'FROM scratch AS base1\nFROM base1 AS base2\nFROM base2 AS base3\nFROM base3 AS end\nHEALTHCHECK NONE\n',
    lines: [],
  },
  {
    name: 'inheritance chain that forks',
    dockerfile:
      'FROM scratch AS base1\nFROM base1 AS base2\nFROM base2 AS base3.1\nFROM base2 AS base3.2\n\nFROM base3.1 AS end1\nHEALTHCHECK NONE\n\nFROM base3.2 AS end2\n',
    lines: [4, 9],
  },
  { name: 'HEALTHCHECK NONE counts', dockerfile: 'FROM alpine:3\nHEALTHCHECK NONE', lines: [] },
  { name: 'every stage without one', dockerfile: 'FROM alpine:3 AS a\nFROM alpine:3 AS b\nHEALTHCHECK CMD true', lines: [1] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3057Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3057Spec: ok when HEALTHCHECK is explicitly disabled', dockerfile: 'FROM scratch\nHEALTHCHECK NONE\n\n', lines: [] },
]);
