import { DL3021 } from '../../src/rules/DL3021.js';
import { describeRule } from './harness.js';

describeRule(DL3021, [
  // hadolint DL3021Spec: every case below, by its case name
  { name: 'no warn on 2 args', dockerfile: 'COPY foo bar', lines: [] },
  { name: 'warn on 3 args', dockerfile: 'COPY foo bar baz', lines: [1], message: 'COPY with more than 2 arguments requires the last argument to end with /' },
  { name: 'no warn on 3 args', dockerfile: 'COPY foo bar baz/', lines: [] },
  { name: 'warn on 3 args with quotes', dockerfile: 'COPY foo bar "baz"', lines: [1] },
  { name: 'no warn on 3 args with quotes', dockerfile: 'COPY foo bar "baz/"', lines: [] },
  // corner cases
  { name: 'flags are not arguments', dockerfile: 'COPY --from=build --chown=1:1 foo bar', lines: [] },
  { name: 'exec form, three arguments', dockerfile: 'COPY ["foo", "bar", "baz"]', lines: [1] },
  { name: 'exec form, directory destination', dockerfile: 'COPY ["foo", "bar", "baz/"]', lines: [] },
  { name: 'continuation lines', dockerfile: 'COPY a \\\n  b \\\n  /dest', lines: [1] },
  { name: 'lowercase keyword', dockerfile: 'copy a b c', lines: [1] },
  { name: 'ADD is not checked', dockerfile: 'ADD a.tar b.tar /dest', lines: [] },
  { name: 'COPY inside ONBUILD is not checked', dockerfile: 'ONBUILD COPY a b c', lines: [] },
  { name: 'second stage', dockerfile: 'FROM alpine:3.19\nCOPY a b\nFROM alpine:3.19\nCOPY a b c', lines: [4] },
]);
