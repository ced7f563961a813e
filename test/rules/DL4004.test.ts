import { DL4004 } from '../../src/rules/DL4004.js';
import { describeRule } from './harness.js';

describeRule(DL4004, [
  { name: 'no cmd', dockerfile: 'FROM busybox', lines: [] },
  { name: 'many entrypoints', dockerfile: 'FROM debian\nENTRYPOINT bash\nRUN foo\nENTRYPOINT another\n', lines: [4], message: 'only the last `ENTRYPOINT` will take effect' },
  { name: 'single entrypoint, different stages', dockerfile: 'FROM debian as distro1\nENTRYPOINT bash\nRUN foo\nFROM debian as distro2\nENTRYPOINT another\n', lines: [] },
  { name: 'many entrypoints, different stages', dockerfile: 'FROM debian as distro1\nENTRYPOINT bash\nRUN foo\nENTRYPOINT another\nFROM debian as distro2\nENTRYPOINT another\n', lines: [4] },
  { name: 'single entry', dockerfile: 'ENTRYPOINT /bin/true', lines: [] },
  { name: 'no entry', dockerfile: 'FROM busybox', lines: [] },
  { name: 'exec and shell form together', dockerfile: 'FROM debian\nENTRYPOINT ["a"]\nENTRYPOINT b\nENTRYPOINT c', lines: [3, 4] },
  { name: 'lowercase entrypoint', dockerfile: 'FROM debian\nentrypoint a\nentrypoint b', lines: [3] },
  { name: 'ONBUILD ENTRYPOINT does not count', dockerfile: 'FROM debian\nONBUILD ENTRYPOINT a\nENTRYPOINT b', lines: [] },
  { name: 'CMD does not count', dockerfile: 'FROM debian\nCMD a\nENTRYPOINT b', lines: [] },
]);
