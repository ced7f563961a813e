import { ConsistentInstructionCasing } from '../../../src/rules/buildkit/ConsistentInstructionCasing.js';
import { describeBuildKit } from './harness.js';

const msg = (command: string, casing: string): string => `Command '${command}' should match the case of the command majority (${casing})`;

describeBuildKit(ConsistentInstructionCasing, [
  { name: "'From' among upper case", from: 'testConsistentInstructionCasing', dockerfile: "\n# warning: 'FROM' should be either lowercased or uppercased\n#\nFrom scratch as base\nFROM scratch AS base2\n", expect: [[4, msg('From', 'uppercase')]] },
  { name: "'copy' among upper case", from: 'testConsistentInstructionCasing', dockerfile: "\nFROM scratch\n# warning: 'copy' should match command majority's casing (uppercase)\ncopy Dockerfile /foo\nCOPY Dockerfile /bar\n", expect: [[4, msg('copy', 'uppercase')]] },
  { name: "'frOM' among lower case", from: 'testConsistentInstructionCasing', dockerfile: "\n# warning: 'frOM' should be either lowercased or uppercased\n#\nfrOM scratch as base\nfrom scratch as base2\n", expect: [[4, msg('frOM', 'lowercase')]] },
  { name: "'COPY' among lower case", from: 'testConsistentInstructionCasing', dockerfile: "\nfrom scratch\n# warning: 'COPY' should match command majority's casing (lowercase)\nCOPY Dockerfile /foo\ncopy Dockerfile /bar\n", expect: [[4, msg('COPY', 'lowercase')]] },
  { name: "'from' outnumbered", from: 'testConsistentInstructionCasing', dockerfile: "\n# warning: 'from' should match command majority's casing (uppercase)\n#\nfrom scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\nCOPY Dockerfile /baz\n", expect: [[4, msg('from', 'uppercase')]] },
  { name: "'FROM' outnumbered", from: 'testConsistentInstructionCasing', dockerfile: "\n# warning: 'FROM' should match command majority's casing (lowercase)\n#\nFROM scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\ncopy Dockerfile /baz\n", expect: [[4, msg('FROM', 'lowercase')]] },
  { name: 'all lower case', from: 'testConsistentInstructionCasing', dockerfile: '\nfrom scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\n', expect: [] },
  { name: 'all upper case', from: 'testConsistentInstructionCasing', dockerfile: '\nFROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\n', expect: [] },
  { name: 'a heredoc body is not instructions', from: 'testConsistentInstructionCasing', dockerfile: "\nFROM alpine\nRUN <<'EOT'\nenv\nEOT\n", expect: [] },
  { name: 'skip=ConsistentInstructionCasing', from: 'testRuleCheckOption', dockerfile: '#check=skip=ConsistentInstructionCasing\nFROM scratch as base\ncopy Dockerfile .\n', expect: [] },
  { name: 'a tie counts as upper case; ARGs above the first FROM are not counted', from: 'ours', dockerfile: 'arg A=1\narg B=2\nFROM scratch\ncopy a /a\n', expect: [[4, msg('copy', 'uppercase')]] },
  { name: 'a check comment above does not apply (BuildKit checks casing file-wide)', from: 'ours', dockerfile: 'FROM scratch\n# check=skip=ConsistentInstructionCasing\ncopy a /a\nCOPY b /b\n', expect: [[3, msg('copy', 'uppercase')]] },
]);
