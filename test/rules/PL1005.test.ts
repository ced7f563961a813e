import { PL1005 } from '../../src/rules/PL1005.js';
import { firesInEveryForm, quietInEveryForm } from '../policy/from-forms.js';
import { DIGEST_A, DIGEST_B, policy } from '../policy/rules-policy.js';
import { describeRule } from './harness.js';

describeRule(PL1005, [
  ...firesInEveryForm(
    `node:20.11.1-alpine3.19@${DIGEST_B}`,
    policy,
    `node:20.11.1-alpine3.19 has digest sha256:bbbbbbbbbbbb…, but the policy pins sha256:aaaaaaaaaaaa… — use node:20.11.1-alpine3.19@${DIGEST_A}`,
  ),
  ...quietInEveryForm(`node:20.11.1-alpine3.19@${DIGEST_A}`, policy),
  { name: 'no policy, no finding', dockerfile: `FROM node:20.11.1-alpine3.19@${DIGEST_B}`, lines: [] },
  { name: 'digest compared without regard to case', dockerfile: `FROM node:20.11.1-alpine3.19@${DIGEST_A.toUpperCase().replace('SHA256', 'sha256')}`, lines: [], policy },
  { name: 'no digest written: nothing to compare', dockerfile: 'FROM node:20.11.1-alpine3.19', lines: [], policy },
  { name: 'a tag the policy pins no digest for', dockerfile: `FROM node:20.11.1-bookworm-slim@${DIGEST_B}`, lines: [], policy },
  { name: 'digest only', dockerfile: `FROM node@${DIGEST_B}`, lines: [], policy },
  { name: 'ARG default carrying the digest', dockerfile: `ARG NODE=node:20.11.1-alpine3.19@${DIGEST_B}\nFROM \${NODE}`, lines: [2], policy },
]);
