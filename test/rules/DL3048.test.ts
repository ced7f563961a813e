import { DL3048 } from '../../src/rules/DL3048.js';
import { describeRule } from './harness.js';

describeRule(DL3048, [
  { name: 'reserved com.docker.', dockerfile: 'LABEL com.docker.label="foo"', lines: [1] },
  { name: 'reserved io.docker.', dockerfile: 'LABEL io.docker.label="foo"', lines: [1] },
  { name: 'reserved org.dockerproject.', dockerfile: 'LABEL org.dockerproject.label="foo"', lines: [1] },
  { name: 'invalid character', dockerfile: 'LABEL invalid$character="foo"', lines: [1] },
  { name: 'starts with a dot', dockerfile: 'LABEL .invalid="foo"', lines: [1] },
  { name: 'starts with a dash', dockerfile: 'LABEL -invalid="foo"', lines: [1] },
  { name: 'starts with a digit', dockerfile: 'LABEL 1invalid="foo"', lines: [1] },
  { name: 'consecutive dots', dockerfile: 'LABEL invalid..character="foo"', lines: [1] },
  { name: 'consecutive dashes', dockerfile: 'LABEL invalid--character="foo"', lines: [1] },
  { name: 'upper case', dockerfile: 'LABEL Maintainer="foo"', lines: [1] },
  { name: 'ends with a dot', dockerfile: 'LABEL invalid.="foo"', lines: [1] },
  { name: 'valid reverse-DNS key', dockerfile: 'LABEL org.valid-key.label3="foo"', lines: [] },
  { name: 'valid plain key', dockerfile: 'LABEL validlabel="foo"', lines: [] },
  { name: 'one bad key among good ones', dockerfile: 'FROM alpine:3\nLABEL a="1" \\\n  B="2"', lines: [2] },
  { name: 'ONBUILD LABEL is not checked', dockerfile: 'ONBUILD LABEL com.docker.label="foo"', lines: [] },
  // hadolint DL3048Spec: "not ok with invalid start and end characters" (written with a space before `=`)
  { name: 'starts with a dot, space before =', dockerfile: 'LABEL .invalid ="foo"', lines: [1] },
  { name: 'starts with a dash, space before =', dockerfile: 'LABEL -invalid ="foo"', lines: [1] },
  { name: 'starts with a digit, space before =', dockerfile: 'LABEL 1invalid ="foo"', lines: [1] },
]);
