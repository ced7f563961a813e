import { DL3055 } from '../../src/rules/DL3055.js';
import { describeRule } from './harness.js';

const settings = { labelSchema: { githash: 'hash' } };

describeRule(DL3055, [
  { name: 'not a hash', dockerfile: 'LABEL githash="not-git-hash"', lines: [1], settings, message: 'Label `githash` is not a valid git hash.' },
  { name: 'short hash', dockerfile: 'LABEL githash="2dbfae9"', lines: [], settings },
  { name: 'long hash', dockerfile: 'LABEL githash="43c572f1272b6b3171dd1db9e41b7027128ce080"', lines: [], settings },
  { name: 'other label', dockerfile: 'LABEL other="foo"', lines: [], settings },
  { name: 'upper-case hex', dockerfile: 'LABEL githash="2DBFAE9"', lines: [1], settings },
  { name: 'eight characters', dockerfile: 'LABEL githash="2dbfae91"', lines: [1], settings },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3055Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3055Spec: ok with other label not containing git hash (ONBUILD)', dockerfile: 'LABEL other="bar"\n', lines: [], settings: { labelSchema: { githash: 'hash' } } },
]);
