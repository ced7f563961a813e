import { DL3049 } from '../../src/rules/DL3049.js';
import { describeRule, type RuleCase } from './harness.js';

const settings = { labelSchema: { foo: 'text' } };
const cases: Array<Omit<RuleCase, 'settings'>> = [
  { name: 'single stage, no label', dockerfile: 'FROM baseimage', lines: [1], message: 'Label `foo` is missing.' },
  { name: 'single stage, wrong label', dockerfile: 'FROM baseimage\nLABEL bar="baz"', lines: [1] },
  { name: 'single stage, label present', dockerfile: 'FROM baseimage\nLABEL foo="bar"', lines: [] },
  { name: 'two stages, no labels', dockerfile: 'FROM stage1\nFROM stage2\n', lines: [1, 2] },
  { name: 'two stages, wrong labels only', dockerfile: 'FROM stage1\nLABEL bar="baz"\nFROM stage2\nLABEL buzz="fuzz"\n', lines: [1, 3] },
  { name: 'label in the second stage only', dockerfile: 'FROM baseimage\nFROM newimage\nLABEL foo="bar"\n', lines: [1] },
  { name: 'wrong label in one stage', dockerfile: 'FROM baseimage\nLABEL baz="bar"\nFROM newimage\nLABEL foo="bar"\n', lines: [1] },
  { name: 'label in the first stage only', dockerfile: 'FROM baseimage\nLABEL foo="bar"\nFROM newimage\n', lines: [3] },
  { name: 'inheritance, no labels', dockerfile: 'FROM baseimage as base\nFROM base\n', lines: [1, 2] },
  // The parent of a labelled stage is part of the result, so it is not reported on its own.
  { name: 'inheritance, label in the second stage', dockerfile: 'FROM baseimage as base\nFROM base\nLABEL foo="bar"\n', lines: [] },
  { name: 'label in the last stage, copied-from stage', dockerfile: 'FROM baseimage as base\nFROM anotherimage\nLABEL foo="bar"\nCOPY --from=base /bar /baz\n', lines: [] },
  { name: 'label in the last stage, unconnected stage', dockerfile: 'FROM baseimage as base\nFROM anotherimage\nLABEL foo="bar"\n', lines: [1] },
  { name: 'inheritance from a labelled stage', dockerfile: 'FROM baseimage as base\nLABEL foo="bar"\nFROM base\n', lines: [] },
  {
    name: 'several results, no inheritance, label in one',
    dockerfile: 'FROM baseimage as base\nFROM newimage\nLABEL foo="bar"\nCOPY --from=base /bar /baz\n\nFROM newimage\nCOPY --from=base /bar /baz\n',
    lines: [6],
  },
  { name: 'several results, inheritance, label in the first', dockerfile: 'FROM baseimage as base\nFROM base\nLABEL foo="bar"\n\nFROM base\n', lines: [5] },
  { name: 'several results, inheritance, label in the last', dockerfile: 'FROM baseimage as base\nFROM base\n\nFROM base\nLABEL foo="bar"\n', lines: [2] },
  { name: 'a stage only copied from is not reported', dockerfile: 'FROM golang:1 AS build\nFROM alpine:3\nCOPY --from=build /app /app\nLABEL foo="x"', lines: [] },
  { name: 'no FROM at all', dockerfile: 'LABEL bar="baz"', lines: [] },
];

describeRule(DL3049, [
  ...cases.map((c) => ({ ...c, settings })),
  { name: 'empty schema: nothing required', dockerfile: 'FROM baseimage', lines: [] },
  {
    name: 'one finding per missing label',
    dockerfile: 'FROM baseimage\nLABEL a="1"',
    lines: [1, 1],
    settings: { labelSchema: { a: 'text', b: 'url', c: 'email' } },
  },
]);
