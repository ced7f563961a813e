import { DL3056 } from '../../src/rules/DL3056.js';
import { describeRule } from './harness.js';

const settings = { labelSchema: { semver: 'semver' } };

describeRule(DL3056, [
  { name: 'not a version', dockerfile: 'LABEL semver="not-sem-ver"', lines: [1], settings, message: 'Label `semver` does not conform to semantic versioning.' },
  { name: '1.0.0', dockerfile: 'LABEL semver="1.0.0"', lines: [], settings },
  { name: 'pre-release', dockerfile: 'LABEL semver="2.0.1-rc1"', lines: [], settings },
  { name: 'other label', dockerfile: 'LABEL other="foo"', lines: [], settings },
  { name: 'build metadata', dockerfile: 'LABEL semver="1.2.3-beta.1+build.5"', lines: [], settings },
  { name: 'two components', dockerfile: 'LABEL semver="1.2"', lines: [1], settings },
  { name: 'v prefix', dockerfile: 'LABEL semver="v1.2.3"', lines: [1], settings },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3056Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3056Spec: ok with other label not containing semantic version (ONBUILD)', dockerfile: 'LABEL other="bar"\n', lines: [], settings: { labelSchema: { semver: 'semver' } } },
]);
