import { JSONArgsRecommended } from '../../../src/rules/buildkit/JSONArgsRecommended.js';
import { describeBuildKit } from './harness.js';

const msg = (name: string): string => `JSON arguments recommended for ${name} to prevent unintended behavior related to OS signals`;

describeBuildKit(JSONArgsRecommended, [
  { name: 'CMD in shell form', from: 'testJSONArgsRecommended', dockerfile: '\nFROM scratch\nCMD mycommand\n', expect: [[3, msg('CMD')]] },
  { name: 'ENTRYPOINT in shell form', from: 'testJSONArgsRecommended', dockerfile: '\nFROM scratch\nENTRYPOINT mycommand\n', expect: [[3, msg('ENTRYPOINT')]] },
  { name: 'SHELL before CMD', from: 'testJSONArgsRecommended', dockerfile: '\nFROM scratch\nSHELL ["/usr/bin/customshell"]\nCMD mycommand\n', expect: [] },
  { name: 'SHELL before ENTRYPOINT', from: 'testJSONArgsRecommended', dockerfile: '\nFROM scratch\nSHELL ["/usr/bin/customshell"]\nENTRYPOINT mycommand\n', expect: [] },
  { name: 'SHELL in the base stage (CMD)', from: 'testJSONArgsRecommended', dockerfile: '\nFROM scratch AS base\nSHELL ["/usr/bin/customshell"]\n\nFROM base\nCMD mycommand\n', expect: [] },
  { name: 'SHELL in the base stage (ENTRYPOINT)', from: 'testJSONArgsRecommended', dockerfile: '\nFROM scratch AS base\nSHELL ["/usr/bin/customshell"]\n\nFROM base\nENTRYPOINT mycommand\n', expect: [] },
  { name: 'check=skip=JSONArgsRecommended above a CMD', from: 'testMaintainerDeprecated', dockerfile: '\nFROM scratch\n# check=skip=JSONArgsRecommended\nCMD mycommand\n', expect: [] },
  { name: 'check=skip=JSONArgsRecommended above an ENTRYPOINT', from: 'testMaintainerDeprecated', dockerfile: '\nFROM scratch\n# check=skip=JSONArgsRecommended\nENTRYPOINT mycommand\n', expect: [] },
  { name: 'exec form', from: 'ours', dockerfile: 'FROM scratch\nCMD ["a", "b"]\nENTRYPOINT ["c"]\n', expect: [] },
  { name: 'named as written', from: 'ours', dockerfile: 'from scratch\ncmd run\n', expect: [[2, msg('cmd')]] },
  { name: 'HEALTHCHECK is not checked', from: 'ours', dockerfile: 'FROM scratch\nHEALTHCHECK CMD curl -f http://localhost/\n', expect: [] },
  { name: "a base image whose config sets a shell", from: 'ours', dockerfile: 'FROM mcr.microsoft.com/powershell:7\nCMD Get-Date\n', images: { 'mcr.microsoft.com/powershell:7': { os: 'linux', architecture: 'amd64', env: [], shell: true } }, expect: [] },
]);
