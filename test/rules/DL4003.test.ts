import { DL4003 } from '../../src/rules/DL4003.js';
import { describeRule } from './harness.js';

describeRule(DL4003, [
  { name: 'many cmds', dockerfile: 'FROM debian\nCMD bash\nRUN foo\nCMD another\n', lines: [4], message: 'only the last `CMD` will take effect' },
  { name: 'single cmds, different stages', dockerfile: 'FROM debian as distro1\nCMD bash\nRUN foo\nFROM debian as distro2\nCMD another\n', lines: [] },
  { name: 'many cmds, different stages', dockerfile: 'FROM debian as distro1\nCMD bash\nRUN foo\nCMD another\nFROM debian as distro2\nCMD another\n', lines: [4] },
  { name: 'single cmd', dockerfile: 'CMD /bin/true', lines: [] },
  { name: 'three cmds report the second and third', dockerfile: 'FROM debian\nCMD a\nCMD ["b"]\nCMD c', lines: [3, 4] },
  { name: 'lowercase cmd', dockerfile: 'FROM debian\ncmd a\ncmd b', lines: [3] },
  { name: 'ONBUILD CMD does not count', dockerfile: 'FROM debian\nONBUILD CMD a\nCMD b', lines: [] },
  { name: 'HEALTHCHECK CMD does not count', dockerfile: 'FROM debian\nHEALTHCHECK CMD true\nCMD b', lines: [] },
  { name: 'CMD before the first FROM counts with the first stage', dockerfile: 'CMD a\nFROM debian\nCMD b', lines: [] },
  { name: 'fragment with two CMDs', dockerfile: 'CMD a\nCMD b', lines: [2] },
  { name: 'ENTRYPOINT does not count', dockerfile: 'FROM debian\nENTRYPOINT a\nCMD b', lines: [] },
]);
