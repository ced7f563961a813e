import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../src/dockerfile/reference.js';
import { bumpTarget, evaluateImage, readTag, suggestion } from '../../src/policy/evaluate.js';
import { isTrusted } from '../../src/policy/match.js';
import { parseVersion } from '../../src/versioning/tag.js';
import { policyOf } from './fixtures.js';

const POLICY = policyOf(`version: 1
trusted-registries: [docker.io, ghcr.io/acme]
images:
  - name: app
    versions: [10.4.9, 10.4.10, 10.5.0, 12.1.0, 12.1.3]
    update: minor
  - name: pinned
    versions: [2.0, 2.0-1]
banned:
  - name: app
    versions: "<10.4.9 || >=11.0.0 <11.0.1"
    reason: CVE
`);
const app = POLICY.images![0]!;

function target(current: string, banned: boolean): string | null {
  return bumpTarget(POLICY, app, parseVersion(current)!, banned)?.version ?? null;
}

describe('bumpTarget (SPEC §7)', () => {
  it.each([
    ['10.4.9', false, '10.5.0'],
    ['10.4.10', false, '10.5.0'],
    ['10.5.0', false, null],
    ['12.1.0', false, '12.1.3'],
    ['9.0.0', false, null],
    ['10.4.8', true, '10.5.0'],
    ['9.9.9', true, '10.5.0'],
    ['11.0.0', true, '12.1.3'],
    ['13.0.0', false, null],
    ['13.0.0', true, null],
  ] as const)('%s (banned: %s) -> %s', (current, banned, expected) => {
    expect(target(current, banned)).toBe(expected);
  });
});

describe('readTag', () => {
  it('prefers a version the entry lists', () => {
    expect(readTag('2.0-1-slim', POLICY.images![1])).toMatchObject({ variant: 'slim', version: { version: '2.0-1' } });
    expect(readTag('2.0-slim', POLICY.images![1])).toMatchObject({ variant: 'slim', version: { version: '2.0' } });
  });
  it('falls back to docker versioning', () => {
    expect(readTag('3.12.4-slim-bookworm', undefined)).toMatchObject({ variant: 'slim-bookworm', version: { release: [3, 12, 4] } });
    expect(readTag('bookworm', undefined)).toEqual({ tag: 'bookworm', version: null, variant: 'bookworm' });
  });
});

describe('evaluateImage', () => {
  it('puts banned first: a banned version is not also "not allowed"', () => {
    const verdict = evaluateImage(POLICY, parseImageReference('app:10.4.8')!);
    expect(verdict.banned?.reason).toBe('CVE');
    expect(verdict.notAllowed).toBeNull();
    expect(suggestion(POLICY, verdict)).toBe('app:10.5.0');
  });
  it('reports a bump due for an allowed version', () => {
    const verdict = evaluateImage(POLICY, parseImageReference('docker.io/library/app:10.4.10')!);
    expect([verdict.notAllowed, verdict.banned, verdict.newer?.version]).toEqual([null, null, '10.5.0']);
  });
});

describe('isTrusted', () => {
  it.each([
    ['node:20', true],
    ['ghcr.io/acme/x:1', true],
    ['ghcr.io/acme/team/x:1', true],
    ['ghcr.io/acme-evil/x:1', false],
    ['GHCR.IO/acme/x:1', true],
    ['ghcr.io/x:1', false],
    ['docker.io.evil.com/acme/x:1', false],
  ])('%s: %s', (ref, expected) => {
    expect(isTrusted(POLICY, parseImageReference(ref)!)).toBe(expected);
  });
});
