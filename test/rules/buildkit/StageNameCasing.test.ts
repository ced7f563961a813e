import { StageNameCasing } from '../../../src/rules/buildkit/StageNameCasing.js';
import { describeBuildKit } from './harness.js';

describeBuildKit(StageNameCasing, [
  {
    name: 'an upper-case stage name', from: 'testStageName',
    dockerfile: '\n# warning: stage name should be lowercase\n#\nFROM scratch AS BadStageName\n\n# warning: \'as\' should match \'FROM\' cmd casing.\n#\nFROM scratch as base2\n\nFROM scratch AS base3\n',
    expect: [[4, "Stage name 'BadStageName' should be lowercase"]],
  },
  {
    name: 'reported before the line BuildKit cannot parse', from: 'testWarningsBeforeError',
    dockerfile: '\nFROM scratch AS BadStageName\nMAINTAINER me@example.org\nBADCMD\n',
    expect: [[2, "Stage name 'BadStageName' should be lowercase"]],
  },
  { name: 'lower-case names pass', from: 'testStageName', dockerfile: 'FROM scratch AS base3\nFROM base3 AS a-b.c_d\n', expect: [] },
  { name: 'a stage without a name', from: 'ours', dockerfile: 'FROM Scratch\n', expect: [] },
  { name: 'skipped by the directive', from: 'ours', dockerfile: '# check=skip=StageNameCasing\nFROM scratch AS Build\n', expect: [] },
  { name: 'skipped by a check comment above the FROM', from: 'ours', dockerfile: 'FROM scratch\n# check=skip=StageNameCasing\nFROM scratch AS Build\nFROM scratch AS Other\n', expect: [[4, "Stage name 'Other' should be lowercase"]] },
]);
