import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../src/dockerfile/reference.js';
import { isOwnImage, normaliseImageGlob } from '../../src/policy/own-images.js';
import { allRules } from '../../src/rules/index.js';
import { lintWith } from '../rules/harness.js';
import { contextOf } from './fixtures.js';

/** `own-images` (SPEC §11): the organization's own application images, exempt from the whitelist only. */

describe('normaliseImageGlob', () => {
  it.each([
    ['ghcr.io/acme/*', 'ghcr.io/acme/*'],
    ['GHCR.io/acme/*', 'ghcr.io/acme/*'],
    ['registry.acme.internal/*', 'registry.acme.internal/*'],
    ['localhost:5000/*', 'localhost:5000/*'],
    ['acme/*', 'docker.io/acme/*'],
    ['app', 'docker.io/library/app'],
    ['index.docker.io/acme/*', 'docker.io/acme/*'],
    ['*', '*'],
  ])('%s → %s', (glob, normal) => {
    expect(normaliseImageGlob(glob)).toBe(normal);
  });
});

describe('isOwnImage', () => {
  const policy = { ownImages: ['ghcr.io/acme/*', 'registry.acme.internal/*', 'acme/api-?', 'docker.io/acme-tools/cli'] };
  it.each([
    ['ghcr.io/acme/app:1.0.0', true],
    ['ghcr.io/acme/billing/api:main', true],
    ['GHCR.IO/acme/app', true],
    ['ghcr.io/acme-evil/app:1', false],
    ['ghcr.io/acmes/app:1', false],
    ['ghcr.io/other/acme/app:1', false],
    ['registry.acme.internal/team/svc@sha256:' + 'a'.repeat(64), true],
    ['acme/api-1:2', true],
    ['acme/api-10:2', false],
    ['docker.io/acme/api-x', true],
    ['acme-tools/cli:3', true],
    ['acme-tools/cli-extra:3', false],
    ['node:20.11.1', false],
  ])('%s → %s', (reference, expected) => {
    expect(isOwnImage(policy, parseImageReference(reference)!)).toBe(expected);
  });
});

const POLICY = `version: 1
trusted-registries: [docker.io, ghcr.io/acme]
own-images: [ghcr.io/acme/*, registry.acme.internal/*]
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
const policy = contextOf(POLICY, 'acme/app');
const rule = (code: string) => allRules.find((r) => r.code === code)!;

describe('own images against the PL rules (Dockerfile FROMs)', () => {
  it.each([
    ['PL1001', 'FROM ghcr.io/acme/app:2.3.0', []],
    ['PL1001', 'FROM ghcr.io/acme/billing/api:2.3.0', []],
    ['PL1001', 'FROM ghcr.io/acme-evil/app:2.3.0', [1]],
    ['PL1001', 'FROM node:18.19.1', [1]],
    ['PL1003', 'FROM ghcr.io/acme/base:1.1.0', []],
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
