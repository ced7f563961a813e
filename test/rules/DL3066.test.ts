import { DL3066 } from '../../src/rules/DL3066.js';
import { describeRule } from './harness.js';

describeRule(DL3066, [
  { name: 'numeric UID', dockerfile: 'USER 12345', lines: [] },
  { name: 'numeric UID and GID', dockerfile: 'USER 1234:5678', lines: [] },
  { name: 'user name', dockerfile: 'USER foobar', lines: [1] },
  { name: 'user and group names', dockerfile: 'USER foobar:barfoo', lines: [1] },
  { name: 'numeric UID, named group', dockerfile: 'FROM alpine:3\nUSER 1000:staff', lines: [] },
  { name: 'variable', dockerfile: 'FROM alpine:3\nUSER ${UID}', lines: [2] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3066Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3066Spec: ok: UID is non-numeric, but is a defined ARG', dockerfile: 'ARG APP_UID\nFROM foobar:barfoo\nUSER ${APP_UID}\n\n', lines: [] },
]);
