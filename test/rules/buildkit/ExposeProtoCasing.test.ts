import { ExposeProtoCasing } from '../../../src/rules/buildkit/ExposeProtoCasing.js';
import { describeBuildKit } from './harness.js';

describeBuildKit(ExposeProtoCasing, [
  {
    name: 'TcP and TCP', from: 'testExposeProtoCasing', dockerfile: '\nFROM scratch\nEXPOSE 80/TcP 8080/TCP 8080/udp\n',
    expect: [[3, "Defined protocol '80/TcP' in EXPOSE instruction should be lowercase"], [3, "Defined protocol '8080/TCP' in EXPOSE instruction should be lowercase"]],
  },
  { name: 'after a variable expands', from: 'ours', dockerfile: 'FROM scratch\nENV P="80/UDP 81/udp"\nEXPOSE $P\n', expect: [[3, "Defined protocol '80/UDP' in EXPOSE instruction should be lowercase"]] },
  { name: 'an unknown protocol ends the instruction (the build fails)', from: 'ours', dockerfile: 'FROM scratch\nEXPOSE 80/TcP 81/foo 82/TCP\n', expect: [[2, "Defined protocol '80/TcP' in EXPOSE instruction should be lowercase"]] },
]);
