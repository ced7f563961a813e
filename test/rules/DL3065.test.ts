import { DL3065 } from '../../src/rules/DL3065.js';
import { describeRule } from './harness.js';

describeRule(DL3065, [
  { name: 'no --platform', dockerfile: 'FROM alpine:3.24', lines: [] },
  { name: '--platform=$FOOBAR', dockerfile: 'FROM --platform=$FOOBAR alpine:3.24', lines: [] },
  { name: '--platform=foobar', dockerfile: 'FROM --platform=foobar alpine:3.24', lines: [] },
  { name: '--platform=foobar/arm64', dockerfile: 'FROM --platform=foobar/arm64 alpine:3.24', lines: [] },
  { name: '--platform=$TARGETPLATFORM', dockerfile: 'FROM --platform=$TARGETPLATFORM alpine:3.24', lines: [1] },
  { name: '--platform=${TARGETPLATFORM}', dockerfile: 'FROM --platform=${TARGETPLATFORM} alpine:3.24', lines: [1] },
  { name: '$BUILDPLATFORM is meaningful', dockerfile: 'FROM --platform=$BUILDPLATFORM golang:1 AS build', lines: [] },
]);
