import { DL3061 } from '../../src/rules/DL3061.js';
import { describeRule } from './harness.js';

describeRule(DL3061, [
  { name: 'LABEL before FROM', dockerfile: 'LABEL foo=bar\nFROM foo', lines: [1] },
  { name: 'FROM before LABEL', dockerfile: 'FROM foo\nLABEL foo=bar', lines: [] },
  { name: 'ARG, FROM, LABEL', dockerfile: 'ARG A=B\nFROM foo\nLABEL foo=bar', lines: [] },
  { name: 'parser directive before FROM', dockerfile: '# syntax = docker/dockerfile:1.0-experimental\nFROM node:16-alpine3.13', lines: [] },
  { name: 'FROM, ARG, RUN', dockerfile: 'FROM foo\nARG A=B\nRUN echo bla', lines: [] },
  { name: 'every instruction before FROM', dockerfile: 'ENV A=1\nRUN true\nFROM foo', lines: [1, 2] },
  { name: 'no FROM at all', dockerfile: 'RUN true', lines: [1] },
  { name: 'comment and blank lines before FROM', dockerfile: '# hello\n\nFROM foo', lines: [] },
]);
