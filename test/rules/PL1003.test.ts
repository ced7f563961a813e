import { PL1003 } from '../../src/rules/PL1003.js';
import { contextOf } from '../policy/fixtures.js';
import { firesInEveryForm, quietInEveryForm } from '../policy/from-forms.js';
import { DIGEST_A, policy } from '../policy/rules-policy.js';
import { describeRule } from './harness.js';

const scopes = contextOf(`version: 1
images:
  - name: postgres
    versions: [16.3, 16.2, 15.7, 15.6]
    update: patch
  - name: redis
    versions: [7.2.5, 7.2.4, 6.2.14]
    update: major
  - name: golang
    versions: [1.22.4, 1.22.3, 1.23.0rc1, 1.21.11]
    variants: [alpine3.20, bookworm]
  - name: temurin
    versions: [jdk-21.0.3_9, jdk-21.0.2_13, 21.0.3_9]
`);

describeRule(PL1003, [
  ...firesInEveryForm('node:20.10.0-alpine3.19', policy, `node 20.10.0 is outdated: 20.11.1 is allowed within minor updates — use node:20.11.1-alpine3.19@${DIGEST_A}`),
  ...quietInEveryForm('node:20.11.1-alpine3.19', policy),
  { name: 'no policy, no finding', dockerfile: 'FROM node:20.10.0', lines: [] },
  { name: 'the newest in another major is not due under minor', dockerfile: 'FROM node:18.19.1', lines: [], policy },
  { name: 'bare version keeps the bare variant', dockerfile: 'FROM node:20.10.0', lines: [1], policy, message: '— use node:20.11.1' },
  { name: 'patch scope: 2-part versions', dockerfile: 'FROM postgres:16.2\nFROM postgres:15.6\nFROM postgres:15.7', lines: [], policy: scopes },
  { name: 'major scope', dockerfile: 'FROM redis:6.2.14\nFROM redis:7.2.4-alpine', lines: [1, 2], policy: scopes, message: 'is allowed within major updates' },
  { name: 'a stable pin never moves to a pre-release', dockerfile: 'FROM golang:1.22.4-alpine3.20', lines: [], policy: scopes },
  { name: 'minor scope moves within the major', dockerfile: 'FROM golang:1.21.11-bookworm', lines: [1], policy: scopes, message: 'golang 1.21.11 is outdated: 1.22.4 is allowed within minor updates — use golang:1.22.4-bookworm' },
  { name: 'only the same shape compares', dockerfile: 'FROM temurin:jdk-21.0.2_13\nFROM temurin:21.0.3_9', lines: [1], policy: scopes, message: 'temurin jdk-21.0.2_13 is outdated: jdk-21.0.3_9' },
  { name: 'an unlisted version is PL1001, not PL1003', dockerfile: 'FROM node:20.9.0', lines: [], policy },
  { name: 'COPY --from and RUN --mount from', dockerfile: 'FROM scratch\nCOPY --from=localhost:5000/team/tool:1.2.3 / /\nRUN --mount=from=node:20.10.0,target=/n true', lines: [2, 3], policy },
]);
