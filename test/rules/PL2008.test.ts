import { PL2008 } from '../../src/rules/PL2008.js';
import { describeRule } from './harness.js';

describeRule(PL2008, [
  { name: 'an unknown option', dockerfile: '# check=skipp=all\nFROM scratch', lines: [1], message: 'failed to parse check options: invalid check option "skipp"' },
  { name: 'a part without =', dockerfile: '# check=skip\nFROM scratch', lines: [1], message: 'invalid check option "skip"' },
  { name: 'error= not a boolean', dockerfile: '# syntax=docker/dockerfile:1\n# check=error=yes\nFROM scratch', lines: [2], message: 'strconv.ParseBool: parsing "yes": invalid syntax' },
  { name: 'a valid directive', dockerfile: '# check=skip=all;error=true\nFROM scratch', lines: [] },
  { name: 'not a directive below the first instruction', dockerfile: 'FROM scratch\n# check=skipp=all\nRUN true', lines: [] },
  { name: 'the build argument replaces the directive', dockerfile: '# check=skipp=all\nFROM scratch', lines: [], settings: { buildkitCheck: 'skip=all' } },
]);
