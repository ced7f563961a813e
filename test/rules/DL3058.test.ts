import { DL3058 } from '../../src/rules/DL3058.js';
import { describeRule } from './harness.js';

const settings = { labelSchema: { maintainer: 'email' } };

describeRule(DL3058, [
  { name: 'not an e-mail', dockerfile: 'LABEL maintainer="not-email"', lines: [1], settings, message: 'Label `maintainer` is not a valid email format - must conform to RFC5322.' },
  { name: 'an e-mail', dockerfile: 'LABEL maintainer="abcd@google.com"', lines: [], settings },
  { name: 'other label', dockerfile: 'LABEL other="doo"', lines: [], settings },
  { name: 'plus addressing', dockerfile: 'LABEL maintainer="ops+docker@example.org"', lines: [], settings },
  { name: 'name and address', dockerfile: 'LABEL maintainer="Jane Doe <jane@example.org>"', lines: [1], settings },
  { name: 'two @', dockerfile: 'LABEL maintainer="a@b@example.org"', lines: [1], settings },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3058Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3058Spec: ok with other label not containing valid email (ONBUILD)', dockerfile: 'LABEL other="bar"\n', lines: [], settings: { labelSchema: { maintainer: 'email' } } },
]);
