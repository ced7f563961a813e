import { DL3063 } from '../../src/rules/DL3063.js';
import { describeRule } from './harness.js';

describeRule(DL3063, [
  { name: 'stage named context', dockerfile: 'FROM foo:bar AS context', lines: [1] },
  { name: 'stage named scratch', dockerfile: 'FROM foo:bar AS scratch', lines: [1] },
  { name: 'stage named foobar', dockerfile: 'FROM foo:bar AS foobar', lines: [] },
  { name: 'lowercase as', dockerfile: 'FROM foo:bar as scratch', lines: [1] },
  { name: 'second stage', dockerfile: 'FROM foo:bar AS build\nFROM foo:bar AS context', lines: [2] },
  { name: 'no alias', dockerfile: 'FROM scratch', lines: [] },
]);
