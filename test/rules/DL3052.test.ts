import { DL3052 } from '../../src/rules/DL3052.js';
import { describeRule } from './harness.js';

const settings = { labelSchema: { urllabel: 'url' } };

describeRule(DL3052, [
  { name: 'not a URL', dockerfile: 'LABEL urllabel="not-url"', lines: [1], settings, message: 'Label `urllabel` is not a valid URL.' },
  { name: 'a URL', dockerfile: 'LABEL urllabel="http://example.com"', lines: [], settings },
  { name: 'other label', dockerfile: 'LABEL other="foo"', lines: [], settings },
  { name: 'URL with path, query and fragment', dockerfile: 'LABEL urllabel="https://github.com/acme/app/tree/main?x=1#readme"', lines: [], settings },
  { name: 'URN', dockerfile: 'LABEL urllabel="urn:isbn:0451450523"', lines: [], settings },
  { name: 'space inside', dockerfile: 'LABEL urllabel="http://exa mple.com"', lines: [1], settings },
  { name: 'relative reference', dockerfile: 'LABEL urllabel="/docs/index.html"', lines: [1], settings },
  { name: 'label typed text is not checked', dockerfile: 'LABEL urllabel="not-url"', lines: [], settings: { labelSchema: { urllabel: 'text' } } },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3052Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3052Spec: ok with other label not containing URL (ONBUILD)', dockerfile: 'LABEL other="bar"\n', lines: [], settings: { labelSchema: { urllabel: 'url' } } },
]);
