import { DL3002 } from '../../src/rules/DL3002.js';
import { describeRule } from './harness.js';

describeRule(DL3002, [
  // hadolint DL3002Spec: every case below, by its case name
  { name: 'last user should not be root', dockerfile: 'FROM scratch\nUSER root', lines: [2] },
  { name: 'no root', dockerfile: 'FROM scratch\nUSER foo', lines: [] },
  { name: 'no root UID', dockerfile: 'FROM scratch\nUSER 0', lines: [2] },
  { name: 'no root:root', dockerfile: 'FROM scratch\nUSER root:root', lines: [2] },
  { name: 'no UID:GID', dockerfile: 'FROM scratch\nUSER 0:0', lines: [2] },
  { name: 'can switch back to non root', dockerfile: 'FROM scratch\nUSER root\nRUN something\nUSER foo', lines: [] },
  {
    name: 'warns on transitive root user',
    dockerfile: 'FROM debian as base\nUSER root\nRUN something\nFROM base\nRUN something else',
    lines: [2],
  },
  {
    name: 'warns on multiple stages',
    dockerfile: 'FROM debian as base\nUSER root\nRUN something\nFROM scratch\nUSER foo\nRUN something else',
    lines: [2],
  },
  {
    name: 'does not warn when switching in multiple stages',
    dockerfile: 'FROM debian as base\nUSER root\nRUN something\nUSER foo\nFROM scratch\nRUN something else',
    lines: [],
  },
  // corner cases
  { name: 'no USER at all is not reported', dockerfile: 'FROM debian:12\nRUN x', lines: [] },
  { name: 'the last root USER of the stage is reported', dockerfile: 'FROM scratch\nUSER root\nUSER 0', lines: [3] },
  { name: 'root with a group', dockerfile: 'FROM scratch\nUSER root:staff', lines: [2] },
  { name: 'a user whose name starts with root is not root', dockerfile: 'FROM scratch\nUSER rooted', lines: [] },
  { name: 'uid 0 with a group', dockerfile: 'FROM scratch\nUSER 0:1000', lines: [2] },
  { name: 'uid 1000:0 is not root', dockerfile: 'FROM scratch\nUSER 1000:0', lines: [] },
  { name: 'each stage on its own', dockerfile: 'FROM a:1\nUSER root\nFROM b:1\nUSER 0', lines: [2, 4] },
  { name: 'USER before any FROM is not a stage user', dockerfile: 'USER root\nFROM scratch', lines: [] },
  { name: 'ONBUILD USER root is not checked', dockerfile: 'FROM scratch\nONBUILD USER root', lines: [] },
  { name: 'lowercase keyword', dockerfile: 'from scratch\nuser root', lines: [2] },
  { name: 'variable user is not root', dockerfile: 'FROM scratch\nUSER ${APP_USER}', lines: [] },
]);
