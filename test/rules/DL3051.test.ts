import { DL3051 } from '../../src/rules/DL3051.js';
import { describeRule } from './harness.js';

const settings = { labelSchema: { emptylabel: 'text' } };

describeRule(DL3051, [
  { name: 'label empty', dockerfile: 'LABEL emptylabel=""', lines: [1], settings, message: 'label `emptylabel` is empty.' },
  { name: 'label not empty', dockerfile: 'LABEL emptylabel="foo"', lines: [], settings },
  { name: 'other label empty', dockerfile: 'LABEL other=""', lines: [], settings },
  { name: 'no schema', dockerfile: 'LABEL emptylabel=""', lines: [] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3051Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3051Spec: ok with label not empty (ONBUILD)', dockerfile: 'LABEL emptylabel="bar"\n', lines: [], settings: { labelSchema: { emptylabel: 'text' } } },
]);
