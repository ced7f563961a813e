import { describe, expect, it } from 'vitest';
import { isOwnImage } from '../../src/policy/own-images.js';
import { allRules } from '../../src/rules/index.js';
import { lintWith } from '../rules/harness.js';
import { contextOf, policyOf } from './fixtures.js';

/** `own-images` (SPEC §11): the organization's own application images, exempt from the whitelist only. */

const POLICY = `version: 1
trusted-registries: [docker.io, ghcr.io/acme]
own-images: [ghcr.io/acme/*, "ghcr.io/acme/billing/**", "registry.acme.internal/**", docker.io/acme/api-?]
images:
  - name: node
    versions: [20.11.1, 20.10.0]
  - name: ghcr.io/acme/base
    versions: [1.2.0, 1.1.0]
    digests: { 1.1.0: "sha256:${'a'.repeat(64)}" }
banned:
  - name: ghcr.io/acme/legacy
    reason: replaced by ghcr.io/acme/app
`;

describe('isOwnImage: globs over the normalised name', () => {
  const policy = policyOf(POLICY);
  it.each([
    ['ghcr.io/acme/app', true],
    ['ghcr.io/acme/billing/api', true],
    ['ghcr.io/acme/team/x', false],
    ['ghcr.io/acme-evil/app', false],
    ['registry.acme.internal/team/svc', true],
    ['docker.io/acme/api-1', true],
    ['docker.io/acme/api-10', false],
    ['docker.io/library/node', false],
  ])('%s → %s', (name, expected) => {
    expect(isOwnImage(policy, name)).toBe(expected);
  });
});

const policy = contextOf(POLICY, 'acme/app');
const rule = (code: string) => allRules.find((r) => r.code === code)!;

describe('own images against the PL rules (Dockerfile FROMs; compose and manifests alike, test/lint/manifests.test.ts)', () => {
  it.each([
    ['PL1001', 'FROM ghcr.io/acme/app:2.3.0', []],
    ['PL1001', 'FROM ghcr.io/acme/billing/api:2.3.0', []],
    ['PL1001', 'FROM ghcr.io/acme-evil/app:2.3.0', [1]],
    ['PL1001', 'FROM node:18.19.1', [1]],
    // An own image the whitelist lists (the organization's own base image) is judged by its entry.
    ['PL1001', 'FROM ghcr.io/acme/base:1.0.0', [1]],
    ['PL1003', 'FROM ghcr.io/acme/base:1.1.0', [1]],
    ['PL1003', 'FROM node:20.10.0', [1]],
    ['PL1004', 'FROM ghcr.io/acme/app:latest', [1]],
    ['PL1004', 'FROM ghcr.io/acme/app', [1]],
    ['PL1004', 'FROM ghcr.io/acme/app:2.3.0', []],
    ['PL1005', `FROM ghcr.io/acme/base:1.1.0@sha256:${'b'.repeat(64)}`, [1]],
    ['PL1007', 'FROM registry.acme.internal/team/svc:1.0.0', [1]],
    ['PL1002', 'FROM ghcr.io/acme/legacy:3.0.0', [1]],
  ])('%s on %s', (code, dockerfile, lines) => {
    expect(lintWith(rule(code), dockerfile, {}, policy).map((f) => f.line)).toEqual(lines);
  });
});
