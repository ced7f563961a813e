import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/bump/apply.js';
import { planBumps } from '../../src/bump/plan.js';
import { digestKey } from '../../src/policy/digests.js';
import { PINNED_DIGEST, policyOf, REQUIRE_DIGEST_POLICY } from '../policy/fixtures.js';

const A = PINNED_DIGEST;
const B = `sha256:${'b'.repeat(64)}`;
const OLD = `sha256:${'0'.repeat(64)}`;

const policy = policyOf(REQUIRE_DIGEST_POLICY);
const registry = { digests: new Map([[digestKey('docker.io/library/node', '20.11.1'), B]]) };

function bumped(text: string, options = {}): string {
  return applyEdits(text, planBumps(policy, 'Dockerfile', text, options).edits);
}

describe('bumps under require-digest: true write tag@digest', () => {
  it.each([
    ['the policy\'s pin is written where the reference had no digest', 'FROM node:20.9.0-alpine3.19\n', {}, `FROM node:20.11.1-alpine3.19@${A}\n`],
    ['the registry\'s answer where the policy pins none', 'FROM node:20.9.0\n', registry, `FROM node:20.11.1@${B}\n`],
    ['no digest known: only the version moves (PL1008 still asks for one)', 'FROM node:20.9.0\n', {}, 'FROM node:20.11.1\n'],
    ['an old digest is replaced by the registry\'s, not dropped', `FROM node:20.9.0@${OLD}\n`, registry, `FROM node:20.11.1@${B}\n`],
    ['through an ARG default holding the whole tag', 'ARG V=20.9.0-alpine3.19\nFROM node:${V}\n', {}, `ARG V=20.11.1-alpine3.19@${A}\nFROM node:\${V}\n`],
    ['a tag assembled from an ARG and text: the version only', 'ARG V=20.9.0\nFROM node:${V}-alpine3.19\n', {}, 'ARG V=20.11.1\nFROM node:${V}-alpine3.19\n'],
  ])('%s', (_name, before, options, after) => {
    expect(bumped(before, options)).toBe(after);
  });

  it('says where the digest came from', () => {
    const [edit] = planBumps(policy, 'Dockerfile', 'FROM node:20.9.0\n', registry).edits;
    expect(edit).toMatchObject({ digest: 'added', toRef: `node:20.11.1@${B}` });
    expect(edit!.reason).toContain('digest pinned (the registry\'s), as the policy requires');
  });
});
