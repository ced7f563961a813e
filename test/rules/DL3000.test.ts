import { DL3000 } from '../../src/rules/DL3000.js';
import { describeRule } from './harness.js';

describeRule(DL3000, [
  // hadolint DL3000Spec: every case below, by its case name
  { name: 'workdir relative', dockerfile: 'WORKDIR relative/dir', lines: [1] },
  { name: 'workdir absolute', dockerfile: 'WORKDIR /usr/local', lines: [] },
  { name: 'workdir variable', dockerfile: 'WORKDIR ${work}', lines: [] },
  { name: 'workdir relative single quotes', dockerfile: "WORKDIR 'relative/dir'", lines: [1] },
  { name: 'workdir absolute single quotes', dockerfile: "WORKDIR '/usr/local'", lines: [] },
  { name: 'workdir relative double quotes', dockerfile: 'WORKDIR "relative/dir"', lines: [1] },
  { name: 'workdir absolute double quotes', dockerfile: 'WORKDIR "/usr/local"', lines: [] },
  { name: 'workdir variable double quotes', dockerfile: 'WORKDIR "${dir}"', lines: [] },
  { name: 'workdir absolute windows', dockerfile: "WORKDIR 'C:\\'", lines: [] },
  { name: 'workdir absolute windows quotes', dockerfile: 'WORKDIR "C:\\"', lines: [] },
  { name: 'workdir absolute windows alternative', dockerfile: 'WORKDIR C:/', lines: [] },
  { name: 'workdir absolute windows quotes alternative', dockerfile: 'WORKDIR "C:/"', lines: [] },
  // corner cases
  { name: 'lowercase keyword', dockerfile: 'FROM debian:12\nworkdir app', lines: [2] },
  { name: 'home-relative path', dockerfile: 'WORKDIR ~/app', lines: [1] },
  { name: 'dot path', dockerfile: 'WORKDIR ./app', lines: [1] },
  { name: 'single letter is relative', dockerfile: 'WORKDIR a', lines: [1] },
  { name: '$HOME is assumed absolute', dockerfile: 'WORKDIR $HOME/app', lines: [] },
  { name: 'only relative ones in a multi-stage file', dockerfile: 'FROM a:1\nWORKDIR /x\nFROM b:1\nWORKDIR y', lines: [4] },
  { name: 'continued onto a second line, reported on the first', dockerfile: 'FROM a:1\nWORKDIR \\\n  app', lines: [2] },
  { name: 'ONBUILD WORKDIR is not checked', dockerfile: 'FROM a:1\nONBUILD WORKDIR app', lines: [] },
  { name: 'ignored by pragma', dockerfile: '# hadolint ignore=DL3000\nWORKDIR app', lines: [] },
]);
