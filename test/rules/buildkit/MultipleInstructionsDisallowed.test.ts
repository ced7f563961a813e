import { MultipleInstructionsDisallowed } from '../../../src/rules/buildkit/MultipleInstructionsDisallowed.js';
import { describeBuildKit } from './harness.js';

const msg = (name: string): string => `Multiple ${name} instructions should not be used in the same stage because only the last one will be used`;

describeBuildKit(MultipleInstructionsDisallowed, [
  {
    name: 'each twice', from: 'testMultipleInstructionsDisallowed',
    dockerfile: '\nFROM scratch\nENTRYPOINT ["/myapp"]\nENTRYPOINT ["/myotherapp"]\nCMD ["/myapp"]\nCMD ["/myotherapp"]\nHEALTHCHECK CMD ["/myapp"]\nHEALTHCHECK CMD ["/myotherapp"]\n',
    expect: [[3, msg('ENTRYPOINT')], [5, msg('CMD')], [7, msg('HEALTHCHECK')]],
  },
  {
    name: 'apart, the earlier one reported', from: 'testMultipleInstructionsDisallowed',
    dockerfile: '\nFROM scratch\nENTRYPOINT ["/myapp"]\nCMD ["/myapp"]\nHEALTHCHECK CMD ["/myapp"]\nCOPY <<EOF /a.txt\nHello, World!\nEOF\nENTRYPOINT ["/myotherapp"]\nCMD ["/myotherapp"]\nHEALTHCHECK CMD ["/myotherapp"]\n',
    expect: [[3, msg('ENTRYPOINT')], [4, msg('CMD')], [5, msg('HEALTHCHECK')]],
  },
  {
    name: 'in a stage built on another', from: 'testMultipleInstructionsDisallowed',
    dockerfile: '\nFROM scratch AS a\nENTRYPOINT ["/myapp"]\nCMD ["/myapp"]\nHEALTHCHECK CMD ["/myapp"]\n\nFROM a AS b\nENTRYPOINT ["/myotherapp"]\nCMD ["/myotherapp"]\nHEALTHCHECK CMD ["/myotherapp"]\n',
    expect: [],
  },
  { name: 'a check comment above the later one applies', from: 'ours', dockerfile: 'FROM scratch\nCMD ["a"]\n# check=skip=MultipleInstructionsDisallowed\nCMD ["b"]\n', expect: [] },
  { name: 'the later one names it as written', from: 'ours', dockerfile: 'FROM scratch\nCMD ["a"]\ncmd ["b"]\n', expect: [[2, msg('cmd')]] },
]);
