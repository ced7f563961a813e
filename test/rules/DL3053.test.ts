import { DL3053 } from '../../src/rules/DL3053.js';
import { describeRule } from './harness.js';

const settings = { labelSchema: { datelabel: 'rfc3339' } };

describeRule(DL3053, [
  { name: 'not a date', dockerfile: 'LABEL datelabel="not-date"', lines: [1], settings, message: 'Label `datelabel` is not a valid time format - must conform to RFC3339.' },
  { name: 'RFC 3339 with fraction and offset', dockerfile: 'LABEL datelabel="2021-03-10T10:26:33.564595127+01:00"', lines: [], settings },
  { name: 'other label', dockerfile: 'LABEL other="doo"', lines: [], settings },
  { name: 'UTC', dockerfile: 'LABEL datelabel="2024-02-29T23:59:60Z"', lines: [], settings },
  { name: 'date only', dockerfile: 'LABEL datelabel="2024-02-29"', lines: [1], settings },
  { name: 'impossible date', dockerfile: 'LABEL datelabel="2023-02-29T10:00:00Z"', lines: [1], settings },
  { name: 'no zone', dockerfile: 'LABEL datelabel="2023-02-28T10:00:00"', lines: [1], settings },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3053Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3053Spec: ok with other label not containing RFC3339 date (ONBUILD)', dockerfile: 'LABEL other="bar"\n', lines: [], settings: { labelSchema: { datelabel: 'rfc3339' } } },
]);
