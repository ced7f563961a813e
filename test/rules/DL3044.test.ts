import { DL3044 } from '../../src/rules/DL3044.js';
import { describeRule } from './harness.js';

describeRule(DL3044, [
  { name: 'separate ENVs', dockerfile: 'ENV BLA="blubb"\nENV BLUBB="${BLA}/blubb"', lines: [] },
  { name: 'partial match 1', dockerfile: 'ENV BLA="blubb" BLUBB="${FOOBLA}/blubb"', lines: [] },
  { name: 'partial match 2', dockerfile: 'ENV BLA="blubb" BLUBB="${BLAFOO}/blubb"', lines: [] },
  { name: 'partial match 3', dockerfile: 'ENV BLA="blubb" BLUBB="$FOOBLA/blubb"', lines: [] },
  { name: 'partial match 4', dockerfile: 'ENV BLA="blubb" BLUBB="$BLAFOO/blubb"', lines: [] },
  { name: 'partial match 5 also refers to the name', dockerfile: 'ENV BLA="blubb" BLUBB="$BLA/$BLAFOO/blubb"', lines: [1] },
  { name: 'partial match 6', dockerfile: 'ENV BLA="blubb" BLUBB="BLA/$BLAFOO/BLA"', lines: [] },
  { name: 'defined before by ARG', dockerfile: 'ARG BLA\nENV BLA=${BLA}', lines: [] },
  { name: 'defined before by ENV', dockerfile: 'ENV BLA blubb\nENV BLA=${BLA}', lines: [] },
  { name: 'referring to itself', dockerfile: 'ENV PATH=/bla:${PATH}', lines: [] },
  { name: 'referring to itself in two ENVs', dockerfile: 'ENV PATH=/bla:${PATH}\nENV PATH=/blubb:${PATH}', lines: [] },
  { name: 'defining twice in one ENV', dockerfile: 'ENV PATH=/bla:${PATH} PATH=/blubb:${PATH}', lines: [1] },
  { name: 'with curly braces', dockerfile: 'ENV BLA="blubb" BLUBB="${BLA}/blubb"', lines: [1] },
  { name: 'without curly braces', dockerfile: 'ENV BLA="blubb" BLUBB="$BLA/blubb"', lines: [1] },
  { name: 'full match 1', dockerfile: 'ENV BLA="blubb" BLUBB="$BLA"', lines: [1] },
  { name: 'full match 2', dockerfile: 'ENV BLA="blubb" BLUBB="${BLA}"', lines: [1] },
  { name: 'across continuation lines', dockerfile: 'FROM alpine:3\nENV A=1 \\\n    B=$A/x', lines: [2] },
  { name: 'lowercase keyword', dockerfile: 'env A=1 B=${A}', lines: [1] },
]);
