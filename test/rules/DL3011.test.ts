import { DL3011 } from '../../src/rules/DL3011.js';
import { describeRule } from './harness.js';

describeRule(DL3011, [
  // hadolint DL3011Spec: every case below, by its case name
  { name: 'invalid port', dockerfile: 'EXPOSE 80000', lines: [1] },
  { name: 'valid port', dockerfile: 'EXPOSE 60000', lines: [] },
  { name: 'valid port variable', dockerfile: 'EXPOSE ${FOOBAR}', lines: [] },
  { name: 'invalid port in range', dockerfile: 'EXPOSE 40000-80000/tcp', lines: [1] },
  { name: 'valid port range', dockerfile: 'EXPOSE 40000-60000/tcp', lines: [] },
  { name: 'valid port range variable', dockerfile: 'EXPOSE 40000-${FOOBAR}', lines: [] },
  // corner cases
  { name: 'boundary 65535', dockerfile: 'EXPOSE 65535', lines: [] },
  { name: 'boundary 65536', dockerfile: 'EXPOSE 65536', lines: [1] },
  { name: 'invalid port with protocol', dockerfile: 'EXPOSE 70000/udp', lines: [1] },
  { name: 'one bad port among good ones', dockerfile: 'FROM a:1\nEXPOSE 80 443 99999', lines: [2] },
  { name: 'invalid lower bound', dockerfile: 'EXPOSE 70000-70001', lines: [1] },
  { name: 'one finding per EXPOSE', dockerfile: 'EXPOSE 70000 80000', lines: [1] },
  { name: 'continued EXPOSE reported on its first line', dockerfile: 'FROM a:1\nEXPOSE 80 \\\n  90000', lines: [2] },
  { name: 'lowercase keyword', dockerfile: 'expose 80000', lines: [1] },
  { name: 'ONBUILD EXPOSE is not checked', dockerfile: 'FROM a:1\nONBUILD EXPOSE 80000', lines: [] },
]);
