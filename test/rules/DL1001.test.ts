import { DL1001 } from '../../src/rules/DL1001.js';
import { describeRule } from './harness.js';

describeRule(DL1001, [
  // hadolint DL1001Spec: every case below, by its case name
  { name: 'catches inline ignore pragma', dockerfile: '# hadolint ignore=DL3003\nRUN foo bar', lines: [1] },
  { name: 'does not catch other pragma', dockerfile: '# hadolint shell=powershell\nRUN foo bar', lines: [] },
  { name: 'does not catch other comment', dockerfile: '# foobar\nRUN foo bar', lines: [] },
  { name: 'does not catch when inline ignore pragma is absent', dockerfile: 'FROM debian\nRUN foo bar', lines: [] },
  // corner cases
  { name: 'global ignore is not an inline pragma', dockerfile: '# hadolint global ignore=DL3003\nFROM debian', lines: [] },
  { name: 'stage ignore is not an inline pragma', dockerfile: '# hadolint stage ignore=DL3003\nFROM debian', lines: [] },
  {
    name: 'every inline pragma is reported',
    dockerfile: 'FROM debian:12\n# hadolint ignore=DL3008\nRUN a\n# hadolint ignore=DL3003,SC2086 # why\nRUN b',
    lines: [2, 4],
  },
  { name: 'pragma without the blank after #', dockerfile: '#hadolint ignore=DL3003\nRUN cd /x', lines: [1] },
  { name: 'indented pragma', dockerfile: 'FROM debian:12\n   # hadolint ignore=DL3003\nRUN cd /x', lines: [2] },
  { name: 'plimsoll spelling counts too', dockerfile: '# plimsoll ignore=PL1001\nFROM debian', lines: [1] },
  { name: 'a pragma that does not parse is not one', dockerfile: '# hadolint ignore=dl3003\nRUN cd /x', lines: [] },
  { name: 'trailing comma does not parse', dockerfile: '# hadolint ignore=DL3003,\nRUN cd /x', lines: [] },
  {
    name: 'a pragma inside a continued instruction is not a comment line',
    dockerfile: 'RUN a \\\n# hadolint ignore=DL3003\n  && b',
    lines: [],
  },
  {
    name: 'ignoring DL1001 on the next line does not hide the pragma itself',
    dockerfile: '# hadolint ignore=DL1001\nFROM debian',
    lines: [1],
  },
  { name: 'CRLF line endings', dockerfile: '# hadolint ignore=DL3003\r\nRUN cd /x\r\n', lines: [1] },
  { name: 'message is hadolint\'s', dockerfile: '# hadolint ignore=DL3003\nRUN cd /x', lines: [1], message: 'Please refrain from using inline ignore pragmas' },
]);
