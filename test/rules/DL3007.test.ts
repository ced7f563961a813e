import { DL3007 } from '../../src/rules/DL3007.js';
import { describeRule } from './harness.js';

const DIGEST = 'sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb';

describeRule(DL3007, [
  // hadolint DL3007Spec: every case below, by its case name
  { name: 'explicit latest', dockerfile: 'FROM debian:latest', lines: [1] },
  { name: 'explicit latest with name', dockerfile: 'FROM debian:latest AS builder', lines: [1] },
  { name: 'explicit tagged', dockerfile: 'FROM debian:jessie', lines: [] },
  { name: 'explicit SHA', dockerfile: `FROM hub.docker.io/debian@${DIGEST}`, lines: [] },
  { name: 'explicit tagged and SHA', dockerfile: `FROM hub.docker.io/debian:latest@${DIGEST}`, lines: [] },
  { name: 'explicit tagged with name', dockerfile: 'FROM debian:jessie AS builder', lines: [] },
  // corner cases
  { name: 'untagged is DL3006, not DL3007', dockerfile: 'FROM debian', lines: [] },
  { name: 'registry with port and latest', dockerfile: 'FROM localhost:5000/a/b:latest', lines: [1] },
  { name: 'registry with port, no tag', dockerfile: 'FROM localhost:5000/a/b', lines: [] },
  { name: 'with platform', dockerfile: 'FROM --platform=linux/amd64 node:latest', lines: [1] },
  { name: 'tag is case-sensitive', dockerfile: 'FROM debian:Latest', lines: [] },
  { name: 'a tag that only contains latest', dockerfile: 'FROM debian:latest-slim', lines: [] },
  { name: 'variable image with latest written out', dockerfile: 'ARG IMAGE=debian\nFROM ${IMAGE}:latest', lines: [2] },
  { name: 'latest hidden in an ARG default is not seen', dockerfile: 'ARG TAG=latest\nFROM debian:${TAG}', lines: [] },
  { name: 'second stage', dockerfile: 'FROM debian:12 AS a\nFROM alpine:latest', lines: [2] },
  { name: 'lowercase keyword', dockerfile: 'from debian:latest as b', lines: [1] },
  { name: 'COPY --from an image is not a FROM', dockerfile: 'FROM debian:12\nCOPY --from=busybox:latest /bin/sh /sh', lines: [] },
  { name: 'ignored by pragma', dockerfile: '# hadolint ignore=DL3007\nFROM debian:latest', lines: [] },
]);
