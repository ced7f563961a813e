import { WorkdirRelativePath } from '../../../src/rules/buildkit/WorkdirRelativePath.js';
import { describeBuildKit } from './harness.js';

describeBuildKit(WorkdirRelativePath, [
  { name: 'a relative WORKDIR', from: 'testWorkdirRelativePath', dockerfile: '\nFROM scratch\nWORKDIR app/\n', expect: [[3, 'Relative workdir "app/" can have unexpected results if the base image changes']] },
  { name: 'after an absolute WORKDIR in the base stage', from: 'testWorkdirRelativePath', dockerfile: '\nFROM scratch AS a\nWORKDIR /app\n\nFROM a AS b\nWORKDIR subdir/\n', expect: [] },
  { name: 'check=skip=WorkdirRelativePath above it', from: 'testWorkdirRelativePath', dockerfile: '\nFROM scratch\n# check=skip=WorkdirRelativePath\nWORKDIR app/\n', expect: [] },
  { name: 'only the first WORKDIR of a stage', from: 'ours', dockerfile: 'FROM scratch\nWORKDIR /app\nWORKDIR sub\nFROM scratch\nWORKDIR a\nWORKDIR b\n', expect: [[5, 'Relative workdir "a" can have unexpected results if the base image changes']] },
  { name: 'variables expand first', from: 'ours', dockerfile: 'FROM scratch\nENV DIR=/srv\nWORKDIR $DIR/app\nFROM scratch\nARG SUB=src\nWORKDIR $SUB\n', expect: [[6, 'Relative workdir "src" can have unexpected results if the base image changes']] },
  { name: 'a drive path on an image whose config is unknown (it may be Windows)', from: 'ours', dockerfile: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR c:/app\n', expect: [] },
  { name: 'a drive path on a Linux image is relative', from: 'ours', images: { 'docker.io/library/alpine:latest': { os: 'linux', architecture: 'amd64', env: [], shell: false } }, dockerfile: 'FROM alpine\nWORKDIR C:/app\n', expect: [[2, 'Relative workdir "C:/app" can have unexpected results if the base image changes']] },
  { name: 'a Windows stage', from: 'ours', dockerfile: 'FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\\\app\n', expect: [] },
]);
