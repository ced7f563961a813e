import { DL3023 } from '../../src/rules/DL3023.js';
import { describeRule } from './harness.js';

describeRule(DL3023, [
  // hadolint DL3023Spec: every case below, by its case name
  { name: 'warn on copying from your the same FROM', dockerfile: 'FROM node as foo\nCOPY --from=foo bar .', lines: [2], message: '`COPY --from` cannot reference its own `FROM` alias' },
  { name: "don't warn on copying from other sources", dockerfile: 'FROM scratch as build\nRUN foo\nFROM node as run\nCOPY --from=build foo .\nRUN baz', lines: [] },
  // corner cases
  { name: 'stage without alias', dockerfile: 'FROM node:20\nCOPY --from=foo bar .', lines: [] },
  { name: 'alias of an earlier stage reused by name in a later one', dockerfile: 'FROM node:20 AS a\nFROM node:20 AS b\nCOPY --from=a x y\nCOPY --from=b x y', lines: [4] },
  { name: 'COPY before any FROM', dockerfile: 'COPY --from=foo bar .', lines: [] },
  { name: 'lowercase keywords', dockerfile: 'from node as foo\ncopy --from=foo bar .', lines: [2] },
  { name: 'COPY inside ONBUILD is not checked', dockerfile: 'FROM node AS foo\nONBUILD COPY --from=foo bar .', lines: [] },
]);
