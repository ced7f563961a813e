import { DL3050 } from '../../src/rules/DL3050.js';
import { describeRule } from './harness.js';

const settings = { labelSchema: { required: 'text' }, strictLabels: true };

describeRule(DL3050, [
  { name: 'no label', dockerfile: '', lines: [], settings },
  { name: 'required label', dockerfile: 'LABEL required="foo"', lines: [], settings },
  { name: 'other label only', dockerfile: 'LABEL other="bar"', lines: [1], settings },
  { name: 'other label and required label', dockerfile: 'LABEL required="foo" other="bar"', lines: [1], settings },
  { name: 'not strict: other labels allowed', dockerfile: 'LABEL other="bar"', lines: [], settings: { labelSchema: { required: 'text' } } },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3050Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3050Spec: ok with required label (ONBUILD)', dockerfile: 'LABEL required="bar"\n', lines: [], settings: { labelSchema: { required: 'text' }, strictLabels: true } },
]);
