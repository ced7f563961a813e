import { DL3029 } from '../../src/rules/DL3029.js';
import { describeRule } from './harness.js';

describeRule(DL3029, [
  // hadolint DL3029Spec: every case below, by its case name
  { name: 'explicit platform flag', dockerfile: 'FROM --platform=linux debian:jessie', lines: [1], message: 'Do not use --platform flag with FROM' },
  { name: 'no platform flag', dockerfile: 'FROM debian:jessie', lines: [] },
  { name: 'allows platform $BUILDPLATFORM flag', dockerfile: 'FROM --platform=$BUILDPLATFORM debian:jessie', lines: [] },
  { name: 'allows platform "$BUILDPLATFORM" flag', dockerfile: 'FROM --platform="$BUILDPLATFORM" debian:jessie', lines: [] },
  { name: 'allows platform ${BUILDPLATFORM} flag', dockerfile: 'FROM --platform=${BUILDPLATFORM} debian:jessie', lines: [] },
  { name: 'allows platform ${BUILDPLATFORM:-} flag', dockerfile: 'FROM --platform=${BUILDPLATFORM:-} debian:jessie', lines: [] },
  { name: 'allows platform "${BUILDPLATFORM:-}" flag', dockerfile: 'FROM --platform="${BUILDPLATFORM:-}" debian:jessie', lines: [] },
  { name: 'allows platform $TARGETPLATFORM flag', dockerfile: 'FROM --platform=$TARGETPLATFORM debian:jessie', lines: [] },
  // corner cases
  { name: 'linux/amd64 with alias', dockerfile: 'FROM --platform=linux/amd64 debian:12 AS build', lines: [1] },
  { name: 'another variable is still a fixed choice to hadolint', dockerfile: 'ARG PLATFORM=linux/arm64\nFROM --platform=$PLATFORM debian:12', lines: [2] },
  { name: 'second stage', dockerfile: 'FROM debian:12\nFROM --platform=linux/arm64 debian:12', lines: [2] },
  { name: 'lowercase keyword', dockerfile: 'from --platform=linux/arm64 debian:12', lines: [1] },
  { name: '--platform on COPY is not FROM', dockerfile: 'FROM debian:12\nCOPY --platform=linux/arm64 a b', lines: [] },
]);
