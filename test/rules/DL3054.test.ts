import { DL3054 } from '../../src/rules/DL3054.js';
import { describeRule } from './harness.js';

const settings = { labelSchema: { spdxlabel: 'spdx' } };

describeRule(DL3054, [
  { name: 'not SPDX', dockerfile: 'LABEL spdxlabel="not-spdx"', lines: [1], settings, message: 'Label `spdxlabel` is not a valid SPDX identifier.' },
  { name: 'BSD-3-Clause', dockerfile: 'LABEL spdxlabel="BSD-3-Clause"', lines: [], settings },
  { name: 'MIT', dockerfile: 'LABEL spdxlabel="MIT"', lines: [], settings },
  { name: 'other label', dockerfile: 'LABEL other="fooo"', lines: [], settings },
  { name: 'Apache-2.0', dockerfile: 'LABEL spdxlabel="Apache-2.0"', lines: [], settings },
  { name: 'case matters', dockerfile: 'LABEL spdxlabel="mit"', lines: [1], settings },
  { name: 'an expression is not an identifier', dockerfile: 'LABEL spdxlabel="MIT OR Apache-2.0"', lines: [1], settings },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3054Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3054Spec: ok with other label not containing SPDX identifier (ONBUILD)', dockerfile: 'LABEL other="bar"\n', lines: [], settings: { labelSchema: { spdxlabel: 'spdx' } } },
]);
