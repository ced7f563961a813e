import { DL3051 } from '../../src/rules/DL3051.js';
import { describeRule } from './harness.js';

const settings = { labelSchema: { emptylabel: 'text' } };

describeRule(DL3051, [
  { name: 'label empty', dockerfile: 'LABEL emptylabel=""', lines: [1], settings, message: 'label `emptylabel` is empty.' },
  { name: 'label not empty', dockerfile: 'LABEL emptylabel="foo"', lines: [], settings },
  { name: 'other label empty', dockerfile: 'LABEL other=""', lines: [], settings },
  { name: 'no schema', dockerfile: 'LABEL emptylabel=""', lines: [] },
]);
