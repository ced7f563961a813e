import { DL3022 } from '../../src/rules/DL3022.js';
import { describeRule } from './harness.js';

describeRule(DL3022, [
  // hadolint DL3022Spec: every case below, by its case name
  { name: 'warn on missing alias', dockerfile: 'COPY --from=foo bar .', lines: [1], message: '`COPY --from` should reference a previously defined `FROM` alias' },
  { name: 'warn on alias defined after', dockerfile: 'FROM scratch\nCOPY --from=build foo .\nFROM node as build\nRUN baz', lines: [2] },
  { name: "don't warn on correctly defined aliases", dockerfile: 'FROM scratch as build\nRUN foo\nFROM node\nCOPY --from=build foo .\nRUN baz', lines: [] },
  { name: "don't warn on external images", dockerfile: 'COPY --from=haskell:latest bar .', lines: [] },
  { name: 'warn on invalid stage count as --from=<count>', dockerfile: 'COPY --from=0 bar .', lines: [1] },
  { name: "don't warn on valid stage count (aliased stage)", dockerfile: 'FROM scratch as build\nRUN foo\nFROM node\nCOPY --from=0 foo .', lines: [] },
  { name: "don't warn on valid stage count (no alias)", dockerfile: 'FROM scratch\nRUN foo\nFROM node\nCOPY --from=0 foo .', lines: [] },
  // corner cases
  { name: 'stage number of the current stage counts', dockerfile: 'FROM node:20\nCOPY --from=0 a b', lines: [] },
  { name: 'stage number not yet defined', dockerfile: 'FROM node:20\nCOPY --from=1 a b', lines: [2] },
  { name: 'alias compared as written (case-sensitive, as hadolint)', dockerfile: 'FROM node:20 AS Build\nFROM node:20\nCOPY --from=build a b', lines: [3] },
  { name: 'uppercase AS keyword', dockerfile: 'FROM node:20 AS build\nFROM node:20\nCOPY --from=build a b', lines: [] },
  { name: 'image with digest', dockerfile: 'FROM node:20\nCOPY --from=nginx@sha256:abc /a /b', lines: [] },
  { name: 'image without tag is not known', dockerfile: 'FROM node:20\nCOPY --from=nginx /a /b', lines: [2] },
  { name: 'COPY without --from', dockerfile: 'FROM node:20\nCOPY a b', lines: [] },
  { name: 'ADD is not checked', dockerfile: 'FROM node:20\nADD --from=foo a b', lines: [] },
  { name: 'COPY inside ONBUILD is not checked', dockerfile: 'FROM node:20\nONBUILD COPY --from=foo a b', lines: [] },
  { name: 'lowercase keywords', dockerfile: 'from node:20 as build\nfrom node:20\ncopy --from=build a b\ncopy --from=nope a b', lines: [4] },
]);
