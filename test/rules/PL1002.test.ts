import { PL1002 } from '../../src/rules/PL1002.js';
import { contextOf } from '../policy/fixtures.js';
import { firesInEveryForm, quietInEveryForm } from '../policy/from-forms.js';
import { policy } from '../policy/rules-policy.js';
import { describeRule } from './harness.js';

const noReason = contextOf('version: 1\nbanned:\n  - name: python\n    versions: ">=3.0.0 <3.8.0 || 2.x"\n');

describeRule(PL1002, [
  ...firesInEveryForm('node:18.19.0-alpine3.19', policy, 'node 18.19.0 is banned by policy ("<18.19.1"): CVE-2024-27983 — use node:18.19.1-alpine3.19'),
  ...quietInEveryForm('node:18.19.1-alpine3.19', policy),
  ...firesInEveryForm('ubuntu:22.04', policy, 'ubuntu 22.04 is banned by policy (every version): use debian'),
  { name: 'no policy, no finding', dockerfile: 'FROM node:18.19.0', lines: [] },
  { name: 'a whole image banned, any tag', dockerfile: 'FROM ubuntu\nFROM ubuntu:jammy\nFROM docker.io/library/ubuntu:24.04', lines: [1, 2, 3], policy },
  { name: 'partial version inside the range', dockerfile: 'FROM node:16', lines: [1], policy, message: 'node 16 is banned' },
  { name: 'floating tag cannot be judged by a range', dockerfile: 'FROM node:lts', lines: [], policy },
  {
    name: 'banned with no listed version beyond in scope goes beyond it',
    dockerfile: 'FROM node:16.20.2',
    lines: [1],
    policy,
    message: 'node 16.20.2 is banned by policy ("<18.19.1"): CVE-2024-27983 — use node:18.19.1',
  },
  { name: 'without a reason, and without a whitelist', dockerfile: 'FROM python:3.7.17-slim\nFROM python:2.7\nFROM python:3.8.0', lines: [1, 2], policy: noReason, message: 'is banned by policy (">=3.0.0 <3.8.0 || 2.x")' },
  { name: 'digest only: the version is unknown', dockerfile: `FROM node@sha256:${'c'.repeat(64)}`, lines: [], policy },
  { name: 'COPY --from a banned image', dockerfile: 'FROM scratch\nCOPY --from=ubuntu:20.04 /etc/os-release /', lines: [2], policy },
  { name: 'an inline pragma does not waive it where a policy applies', dockerfile: '# hadolint ignore=PL1002\nFROM node:18.0.0', lines: [2], policy },
]);
