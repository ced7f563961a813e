import { PL1004 } from '../../src/rules/PL1004.js';
import { contextOf } from '../policy/fixtures.js';
import { firesInEveryForm, quietInEveryForm } from '../policy/from-forms.js';
import { DIGEST_A, policy } from '../policy/rules-policy.js';
import { describeRule } from './harness.js';

const EXCEPTION = 'version: 1\nexceptions:\n  - repo: acme/legacy\n    image: docker.io/library/centos:7\n    codes: [PL1004]\n    reason: EL7 only\n';
const floatingException = contextOf(EXCEPTION.replace('centos:7', 'centos:latest'), 'acme/legacy');
const floatingElsewhere = contextOf(EXCEPTION.replace('centos:7', 'centos:latest'), 'acme/other');
const noWhitelist = contextOf('version: 1\n');

describeRule(PL1004, [
  ...firesInEveryForm('node:latest', policy, 'node:latest is a floating tag — use node:20.11.1'),
  ...firesInEveryForm('node:lts-alpine3.19', policy, 'node:lts-alpine3.19 is a floating tag — use node:20.11.1'),
  ...quietInEveryForm('node:20.9.0', policy),
  { name: 'no policy, no finding', dockerfile: 'FROM node', lines: [] },
  { name: 'no tag', dockerfile: 'FROM node', lines: [1], policy, message: 'node (no tag) floats to whatever latest is at build time — use node:20.11.1' },
  { name: 'partial version', dockerfile: 'FROM node:20-alpine3.19', lines: [1], policy, message: `node:20-alpine3.19 is a floating tag (20 moves with every release) — use node:20.11.1-alpine3.19@${DIGEST_A}` },
  { name: 'partial minor version', dockerfile: 'FROM node:20.10', lines: [1], policy, message: 'use node:20.10.0' },
  { name: 'a latest piece', dockerfile: 'FROM mcr.microsoft.com/mssql/server:2019-latest', lines: [1], policy: noWhitelist, message: 'is a floating tag; pin a version' },
  { name: 'a codename without whitelist', dockerfile: 'FROM debian:bookworm\nFROM debian:12.5', lines: [1], policy: noWhitelist },
  { name: 'a pinned digest is not floating', dockerfile: `FROM node@${DIGEST_A}\nFROM node:latest@${DIGEST_A}`, lines: [], policy },
  { name: 'a listed literal tag is pinned by policy', dockerfile: 'FROM gcr.io/distroless/static-debian12:nonroot', lines: [], policy },
  { name: 'any-version image: a word tag still floats', dockerfile: 'FROM ghcr.io/acme/app:main\nFROM ghcr.io/acme/app:1.4.2', lines: [1], policy },
  { name: 'exception covers its tag only, for its repository', dockerfile: 'FROM centos:latest\nFROM centos:stream9', lines: [2], policy: floatingException },
  { name: 'exception of another repository', dockerfile: 'FROM centos:latest', lines: [1], policy: floatingElsewhere },
  { name: 'scratch, stages, unresolved ARGs', dockerfile: 'ARG X\nFROM scratch AS a\nFROM a\nFROM ${X}', lines: [], policy },
]);
