import { DL3066 } from '../../src/rules/DL3066.js';
import { describeRule } from './harness.js';

describeRule(DL3066, [
  { name: 'numeric UID', dockerfile: 'USER 12345', lines: [] },
  { name: 'numeric UID and GID', dockerfile: 'USER 1234:5678', lines: [] },
  { name: 'user name', dockerfile: 'USER foobar', lines: [1] },
  { name: 'user and group names', dockerfile: 'USER foobar:barfoo', lines: [1] },
  { name: 'numeric UID, named group', dockerfile: 'FROM alpine:3\nUSER 1000:staff', lines: [] },
  { name: 'variable', dockerfile: 'FROM alpine:3\nUSER ${UID}', lines: [2] },
]);
