import { digestKey } from '../../src/policy/digests.js';
import { PL1008 } from '../../src/rules/PL1008.js';
import { contextOf } from '../policy/fixtures.js';
import { firesInEveryForm, quietInEveryForm } from '../policy/from-forms.js';
import { DIGEST_A, DIGEST_B, RULES_POLICY, policy as withoutRequire } from '../policy/rules-policy.js';
import { describeRule } from './harness.js';

const required = contextOf(`${RULES_POLICY}require-digest: true\n`, 'acme/app');
const withRegistry = { ...required, resolvedDigests: new Map([[digestKey('docker.io/library/python', '3.12.4'), DIGEST_B]]) };
const excepted = contextOf(`${RULES_POLICY}require-digest: true\n`.replace('codes: [PL1006]', 'codes: [PL1006, PL1008]'), 'acme/legacy-billing');

describeRule(PL1008, [
  ...firesInEveryForm('node:20.11.1-alpine3.19', required, `node:20.11.1-alpine3.19 carries no digest; pin the one the policy pins: node:20.11.1-alpine3.19@${DIGEST_A}`),
  ...quietInEveryForm(`node:20.11.1-alpine3.19@${DIGEST_A}`, required),
  { name: 'the registry\'s answer where the policy pins none', dockerfile: 'FROM python:3.12.4', lines: [1], policy: withRegistry, message: `python:3.12.4 carries no digest; pin the one the registry reports: python:3.12.4@${DIGEST_B}` },
  { name: 'no digest known: says how to find one', dockerfile: 'FROM node:20.11.1-bookworm-slim', lines: [1], policy: required, message: 'node:20.11.1-bookworm-slim carries no digest, and none is known for it: the policy pins none for 20.11.1-bookworm-slim; pin the digest the registry reports (`plimsoll lint --registry` asks it)' },
  { name: 'an untagged reference: the digest of latest, if known', dockerfile: 'FROM ghcr.io/acme/app', lines: [1], policy: required, message: 'ghcr.io/acme/app carries no digest' },
  { name: 'any digest satisfies PL1008 (PL1005 compares it)', dockerfile: `FROM node:20.11.1-alpine3.19@${DIGEST_B}`, lines: [], policy: required },
  { name: 'digest only', dockerfile: `FROM node@${DIGEST_B}`, lines: [], policy: required },
  { name: 'stages and scratch carry nothing to pin', dockerfile: 'FROM scratch AS a\nFROM a\nCOPY --from=a /x /y', lines: [], policy: required },
  { name: 'every reference without a digest, one finding each', dockerfile: `FROM node:20.11.1-alpine3.19 AS a\nFROM python:3.12.4@${DIGEST_A}\nCOPY --from=gcr.io/distroless/static-debian12:nonroot /a /b`, lines: [1, 3], policy: required },
  { name: 'off unless the policy requires digests', dockerfile: 'FROM node:20.11.1-alpine3.19', lines: [], policy: withoutRequire },
  { name: 'no policy, no finding', dockerfile: 'FROM node:20.11.1-alpine3.19', lines: [] },
  { name: 'a standing exception covers it', dockerfile: 'FROM node:20.11.1-alpine3.19', lines: [], policy: excepted },
]);
