import { FromAsCasing } from '../../../src/rules/buildkit/FromAsCasing.js';
import { describeBuildKit } from './harness.js';

describeBuildKit(FromAsCasing, [
  {
    name: "'as' after 'FROM'", from: 'testStageName',
    dockerfile: '\n# warning: stage name should be lowercase\n#\nFROM scratch AS BadStageName\n\n# warning: \'as\' should match \'FROM\' cmd casing.\n#\nFROM scratch as base2\n\nFROM scratch AS base3\n',
    expect: [[8, "'as' and 'FROM' keywords' casing do not match"]],
  },
  {
    name: "'AS' after 'from'", from: 'testStageName',
    dockerfile: "\n# warning: 'AS' should match 'from' cmd casing.\n#\nfrom scratch AS base\n\nfrom scratch as base2\n",
    expect: [[4, "'AS' and 'from' keywords' casing do not match"]],
  },
  { name: 'skip=ConsistentInstructionCasing leaves it on', from: 'testRuleCheckOption', dockerfile: '#check=skip=ConsistentInstructionCasing\nFROM scratch as base\ncopy Dockerfile .\n', expect: [[2, "'as' and 'FROM' keywords' casing do not match"]] },
  { name: 'skip=ConsistentInstructionCasing,FromAsCasing', from: 'testRuleCheckOption', dockerfile: '#check=skip=ConsistentInstructionCasing,FromAsCasing\nFROM scratch as base\ncopy Dockerfile .\n', expect: [] },
  { name: 'a mixed-case FROM is ConsistentInstructionCasing\'s', from: 'testConsistentInstructionCasing', dockerfile: 'From scratch as base\nFROM scratch AS base2\n', expect: [] },
  { name: 'matching cases', from: 'ours', dockerfile: 'FROM scratch AS a\nfrom scratch as b\n', expect: [] },
]);
