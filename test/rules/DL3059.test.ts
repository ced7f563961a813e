import { DL3059 } from '../../src/rules/DL3059.js';
import { describeRule } from './harness.js';

describeRule(DL3059, [
  { name: 'no RUN', dockerfile: 'FROM debian:10', lines: [] },
  { name: 'one RUN', dockerfile: 'RUN /foo.sh', lines: [] },
  { name: 'two RUNs apart', dockerfile: 'RUN /foo.sh\nWORKDIR /\nRUN /bar.sh', lines: [] },
  { name: 'two consecutive RUNs', dockerfile: 'RUN /foo.sh\nRUN /bar.sh', lines: [2] },
  { name: 'separated by a comment', dockerfile: 'RUN /foo.sh\n# a comment\nRUN /bar.sh', lines: [3] },
  { name: 'separated by two comments', dockerfile: 'RUN /foo.sh\n# a comment\n# another comment\nRUN /bar.sh', lines: [4] },
  { name: 'one RUN after a comment', dockerfile: '# a comment\nRUN /foo.sh', lines: [] },
  { name: 'different flags 1', dockerfile: 'RUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh', lines: [] },
  { name: 'different flags 2', dockerfile: 'RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh\n', lines: [] },
  { name: 'equal flags', dockerfile: 'RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh\n', lines: [2] },
  { name: 'equal mounts written in another order', dockerfile: 'RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=id=foo,type=secret /bar.sh\n', lines: [2] },
  { name: 'chained first (&&)', dockerfile: 'RUN foo && bar\nRUN foobar\n', lines: [] },
  { name: 'chained first (;)', dockerfile: 'RUN foo; bar\nRUN foobar\n', lines: [] },
  { name: 'chained second (&&)', dockerfile: 'RUN foobar\nRUN foo && bar\n', lines: [] },
  { name: 'chained second (;)', dockerfile: 'RUN foobar\nRUN foo; bar\n', lines: [] },
  { name: 'both chained', dockerfile: 'RUN foo && bar\nRUN foo; bar\n', lines: [] },
  { name: 'two single commands after a chain', dockerfile: 'RUN foo && bar\nRUN foo\nRUN bar\n', lines: [3] },
  { name: 'three in a row', dockerfile: 'FROM debian:12\nRUN a\nRUN b\nRUN c', lines: [3, 4] },
  { name: 'a new stage breaks the run', dockerfile: 'FROM debian:12\nRUN a\nFROM debian:12\nRUN b', lines: [] },
  { name: 'ONBUILD RUN breaks the run', dockerfile: 'RUN a\nONBUILD RUN b\nRUN c', lines: [] },
  { name: 'multi-line RUN reported on its first line', dockerfile: 'RUN a\nRUN b \\\n  --flag', lines: [2] },
]);
