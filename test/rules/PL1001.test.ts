import { PL1001 } from '../../src/rules/PL1001.js';
import { firesInEveryForm, quietInEveryForm } from '../policy/from-forms.js';
import { DIGEST_A, legacyBilling, legacyBillingLater, policy } from '../policy/rules-policy.js';
import { describeRule } from './harness.js';

describeRule(PL1001, [
  ...firesInEveryForm('node:20.9.0-bookworm-slim', policy, 'node 20.9.0 is not allowed; allowed: 20.11.1, 20.10.0, 18.19.1 — use node:20.11.1-bookworm-slim'),
  ...quietInEveryForm('node:20.11.1-bookworm-slim', policy),
  ...firesInEveryForm('ruby:3.3', policy, 'ruby is not on the image whitelist; allowed images: node, gcr.io/distroless/static-debian12, ghcr.io/acme/app, localhost:5000/team/tool, python, docker/dockerfile'),
  { name: 'no policy, no finding', dockerfile: 'FROM ruby:3.3', lines: [] },
  { name: 'every Docker Hub spelling is the same image', dockerfile: 'FROM docker.io/library/node:20.11.1\nFROM index.docker.io/library/node:20.11.1\nFROM library/node:20.11.1', lines: [], policy },
  { name: 'a lookalike namespace is another image', dockerfile: 'FROM acme/node:20.11.1', lines: [1], policy, message: 'acme/node is not on the image whitelist' },
  { name: 'bare version allowed by ""', dockerfile: 'FROM node:20.11.1', lines: [], policy },
  {
    name: 'variant not allowed',
    dockerfile: 'FROM node:20.11.1-alpine3.18',
    lines: [1],
    policy,
    message: `node variant alpine3.18 is not allowed; allowed variants: alpine3.19, bookworm-slim, the bare version — use node:20.11.1-alpine3.19@${DIGEST_A}`,
  },
  { name: 'no tag', dockerfile: 'FROM node', lines: [1], policy, message: 'node (no tag) is not allowed; allowed: 20.11.1, 20.10.0, 18.19.1 — use node:20.11.1' },
  { name: 'latest', dockerfile: 'FROM node:latest', lines: [1], policy, message: 'node:latest is not allowed' },
  { name: 'partial version', dockerfile: 'FROM node:20-alpine3.19', lines: [1], policy, message: 'node 20 is not allowed' },
  { name: 'digest the policy pins, no tag', dockerfile: `FROM node@${DIGEST_A}`, lines: [], policy },
  { name: 'digest the policy does not pin', dockerfile: `FROM node@sha256:${'c'.repeat(64)}`, lines: [1], policy, message: 'node@sha256:cccccccccccc… is not allowed' },
  { name: 'tag and digest', dockerfile: `FROM node:20.11.1-alpine3.19@${DIGEST_A}`, lines: [], policy },
  { name: 'literal tag allowed', dockerfile: 'FROM gcr.io/distroless/static-debian12:nonroot', lines: [], policy },
  {
    name: 'other tag of a tags-only image',
    dockerfile: 'FROM gcr.io/distroless/static-debian12:debug',
    lines: [1],
    policy,
    message: 'gcr.io/distroless/static-debian12:debug is not allowed; allowed: nonroot — use gcr.io/distroless/static-debian12:nonroot',
  },
  { name: 'image with any version', dockerfile: 'FROM ghcr.io/acme/app:2024-05-01\nFROM ghcr.io/acme/app:edge', lines: [], policy },
  { name: 'registry with a port', dockerfile: 'FROM localhost:5000/team/tool:1.2.4\nFROM localhost:5000/team/tool:2.0.0', lines: [2], policy, message: 'localhost:5000/team/tool 2.0.0 is not allowed; allowed: 1.2.4, 1.2.3' },
  { name: 'banned versions are PL1002, not PL1001', dockerfile: 'FROM node:18.19.0\nFROM ubuntu:22.04', lines: [], policy },
  { name: 'scratch and stages are not images', dockerfile: 'FROM scratch AS a\nFROM a\nCOPY --from=a / /\nCOPY --from=0 / /', lines: [], policy },
  { name: 'an ARG without default is PL1006', dockerfile: 'ARG BASE\nFROM ${BASE}', lines: [], policy },
  { name: 'a FROM inside a heredoc is data', dockerfile: 'FROM node:20.11.1\nRUN <<EOF\nFROM ruby:3\nEOF', lines: [], policy },
  { name: 'ARG redeclared in a stage does not feed a later FROM', dockerfile: 'ARG V=20.11.1\nFROM node:${V}\nARG V=20.9.0\nFROM node:${V}', lines: [], policy },
  { name: 'an inline pragma does not waive it where a policy applies', dockerfile: '# plimsoll ignore=PL1001\nFROM ruby:3.3', lines: [2], policy },
  { name: 'unless the policy lets it be waived inline', dockerfile: '# plimsoll ignore=PL1001\nFROM ruby:3.3', lines: [], policy: { ...policy, policy: { ...policy.policy, inlineIgnore: ['PL1001'] } } },
  { name: 'standing exception for this repository', dockerfile: 'FROM centos:7\nFROM centos:8', lines: [2], policy: legacyBilling },
  {
    name: 'expired exception: the finding comes back, saying so',
    dockerfile: 'FROM centos:7',
    lines: [1],
    policy: legacyBillingLater,
    message: 'centos is not on the image whitelist; allowed images: node, gcr.io/distroless/static-debian12, ghcr.io/acme/app, localhost:5000/team/tool, python, docker/dockerfile (the exception for acme/legacy-billing expired on 2027-01-31: vendor SDK needs EL7)',
  },
  { name: 'exception of another repository does not apply', dockerfile: 'FROM centos:7', lines: [1], policy },
]);
