import { DL4000 } from '../../src/rules/DL4000.js';
import { describeRule } from './harness.js';

describeRule(DL4000, [
  { name: 'has deprecated maintainer', dockerfile: 'FROM busybox\nMAINTAINER hudu@mail.com', lines: [2], message: 'MAINTAINER is deprecated' },
  { name: 'has maintainer', dockerfile: 'FROM debian\nMAINTAINER Lukas', lines: [2] },
  { name: 'has maintainer first', dockerfile: 'MAINTAINER Lukas\nFROM DEBIAN', lines: [1] },
  { name: 'has no maintainer', dockerfile: 'FROM debian', lines: [] },
  { name: 'lowercase keyword', dockerfile: 'FROM debian\nmaintainer Lukas <l@example.com>', lines: [2] },
  { name: 'one finding per MAINTAINER, in every stage', dockerfile: 'FROM a:1\nMAINTAINER x\nFROM b:1\nMAINTAINER y', lines: [2, 4] },
  { name: 'a LABEL is the replacement', dockerfile: 'FROM debian\nLABEL maintainer="Lukas"', lines: [] },
  { name: 'ONBUILD MAINTAINER is left to DL3043', dockerfile: 'FROM debian\nONBUILD MAINTAINER Lukas', lines: [] },
  { name: 'MAINTAINER continued over lines', dockerfile: 'FROM debian\nMAINTAINER Lukas \\\n  <l@example.com>', lines: [2] },
  { name: 'ignored by pragma', dockerfile: 'FROM debian\n# hadolint ignore=DL4000\nMAINTAINER Lukas', lines: [] },
]);
