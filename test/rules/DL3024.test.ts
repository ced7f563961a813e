import { DL3024 } from '../../src/rules/DL3024.js';
import { describeRule } from './harness.js';

describeRule(DL3024, [
  // hadolint DL3024Spec: every case below, by its case name
  { name: 'warn on duplicate aliases', dockerfile: 'FROM node as foo\nRUN something\nFROM scratch as foo\nRUN something', lines: [3], message: 'FROM aliases (stage names) must be unique' },
  { name: "don't warn on unique aliases", dockerfile: 'FROM scratch as build\nRUN foo\nFROM node as run\nRUN baz', lines: [] },
  // corner cases
  { name: 'every repeat is reported', dockerfile: 'FROM a:1 AS x\nFROM b:1 AS x\nFROM c:1 AS x', lines: [2, 3] },
  { name: 'names differing in case are distinct (as in hadolint)', dockerfile: 'FROM a:1 AS x\nFROM b:1 AS X', lines: [] },
  { name: 'stages without alias', dockerfile: 'FROM a:1\nFROM a:1', lines: [] },
  { name: 'with --platform', dockerfile: 'FROM --platform=$BUILDPLATFORM a:1 AS x\nFROM --platform=linux/arm64 b:1 AS x', lines: [2] },
]);
