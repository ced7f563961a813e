import { ExposeInvalidFormat } from '../../../src/rules/buildkit/ExposeInvalidFormat.js';
import { describeBuildKit } from './harness.js';

const msg = (port: string): string => `EXPOSE instruction should not define an IP address or host-port mapping, found '${port}'`;

describeBuildKit(ExposeInvalidFormat, [
  { name: 'IP addresses and host ports', from: 'testExposeInvalidFormat', dockerfile: '\nFROM scratch\nEXPOSE 127.0.0.1:80:80 [::1]:8080:8080 5000:5000 8000\n', expect: [[3, msg('127.0.0.1:80:80')], [3, msg('[::1]:8080:8080')], [3, msg('5000:5000')]] },
  { name: 'ports and ranges', from: 'ours', dockerfile: 'FROM scratch\nEXPOSE 80 443/tcp 7000-7010/udp\n', expect: [] },
]);
