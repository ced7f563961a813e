import { describe, expect, it } from 'vitest';
import { compareVersions, isCompatible, withinScope, type UpdateScope } from '../../src/versioning/compare.js';
import { satisfiesRange, isValidRange } from '../../src/versioning/range.js';
import { parseTag, type TagVersion } from '../../src/versioning/tag.js';

function v(tag: string): TagVersion {
  const parsed = parseTag(tag);
  if (!parsed) throw new Error(`not a version: ${tag}`);
  return parsed;
}

describe('compareVersions', () => {
  it.each([
    ['20.11.1', '20.9.0', 1],
    ['20.9.0', '20.11.1', -1],
    ['10.4.10', '10.4.9', 1],
    ['1.2.3.5', '1.2.3.4', 1],
    ['3.13.0', '3.13.0rc1', 1],
    ['3.13.0rc2', '3.13.0rc10', -1],
    ['11.0.0-preview.7', '11.0.0-preview.10', -1],
    ['11.0.0-preview.7', '10.0.11', 1],
    ['jdk-21.0.2_13', 'jdk-21.0.2_9', 1],
    ['8u402-b06', '8u392-b08', 1],
    ['2026-07-28', '2026-08-01', -1],
    // Renovate: equal versions, the variant decides (a bare version above a variant).
    ['20.11.1-alpine', '20.11.1-bookworm', 1],
    ['20.11.1', '20.11.1-alpine', 1],
    ['20.11.1-alpine', '20.11.1-alpine', 0],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(v(a), v(b)))).toBe(sign);
  });

  // renovatebot/renovate lib/modules/versioning/docker/index.spec.ts, isGreaterThan and equals.
  it.each([
    ['1.2.3', '1.2', -1],
    ['18.04', '18.1', 1],
    ['10.1', '10.1.2', 1],
    ['3', '2', 1],
    ['1.2.3', '1.2.3', 0],
    ['18.04', '18.4', 0],
    ['10.0', '10.0.4', 1],
    ['1.2', '1.2.3', 1],
  ])('as Renovate: %s vs %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(v(a), v(b)))).toBe(sign);
  });

  it('sorts as Renovate sorts (pre-releases before their release, short tags after the long)', () => {
    // renovate's "sorts unstable" case.
    const versions = ['3.7.0', '3.7-alpine', '3.7.0b1', '3.7.0b5', '3.8.0b1-alpine', '3.8.0-alpine', '3.8.2', '3.8.0'];
    expect(versions.map(v).sort(compareVersions).map((x) => x.tag)).toEqual(
      ['3.7.0b1', '3.7.0b5', '3.7.0', '3.7-alpine', '3.8.0b1-alpine', '3.8.0-alpine', '3.8.0', '3.8.2'],
    );
    // Renovate's cases where docker and semver sort alike.
    for (const [a, b, sign] of [['1.1.1', '1.2.3', -1], ['1.2.3', '1.3.4', -1], ['2.0.1', '1.2.3', 1], ['1.2.3', '0.9.5', 1]] as const) {
      expect(Math.sign(compareVersions(v(a), v(b)))).toBe(sign);
    }
  });

  it('differs from Renovate on purpose: pre-release numbers compare as numbers', () => {
    expect(Math.sign(compareVersions(v('3.13.0rc9'), v('3.13.0rc10')))).toBe(-1);
  });

  it('sorts a list newest first', () => {
    const sorted = ['18.19.1', '20.10.0', '20.11.1', '20.9.0'].map(v).sort((a, b) => compareVersions(b, a));
    expect(sorted.map((x) => x.version)).toEqual(['20.11.1', '20.10.0', '20.9.0', '18.19.1']);
  });
});

describe('isCompatible', () => {
  it.each([
    ['20.11.1', '18.19.1', true],
    ['20.11.1-alpine', '20.12.0-alpine', true],
    ['20.11.1-alpine', '20.12.0-bookworm', false],
    ['20.11.1', '20.11', false],
    ['v1.2.3', '1.2.3', false],
    ['jdk-21.0.2_13', '21.0.2_13', false],
    ['alpine-3.17', 'ubuntu-22.04', false],
    ['alpine-3.17', 'alpine-3.20', true],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(isCompatible(v(a), v(b))).toBe(expected);
  });
});

describe('withinScope', () => {
  const rows: Array<[string, string, UpdateScope, boolean]> = [
    ['10.4.9', '10.4.10', 'minor', true],
    ['10.4.9', '10.5.0', 'minor', true],
    ['10.4.9', '11.0.0', 'minor', false],
    ['10.4.9', '11.0.0', 'major', true],
    ['10.4.9', '10.4.10', 'patch', true],
    ['10.4.9', '10.5.0', 'patch', false],
    ['1.2.3.4', '1.2.3.9', 'patch', true],
    ['1.2.3.4', '1.2.4.0', 'patch', true],
    ['1.2.3.4', '1.3.0.0', 'patch', false],
    ['1.21', '1.22', 'minor', true],
    ['1.21', '1.22', 'patch', false],
    ['21', '22', 'minor', false],
    ['21', '22', 'major', true],
    ['20.11.1', '20.12', 'major', false],
  ];
  it.each(rows)('%s -> %s within %s: %s', (current, candidate, scope, expected) => {
    expect(withinScope(v(current), v(candidate), scope)).toBe(expected);
  });
});

describe('satisfiesRange', () => {
  it.each([
    ['18.19.0', '<18.19.1', true],
    ['18.19.1', '<18.19.1', false],
    ['18.19.0-alpine3.19', '<18.19.1', true],
    ['v1.2.3', '<1.3', true],
    ['1.2.3.4', '>=1.2.3 <1.2.4', true],
    ['1.2.4.0', '>=1.2.3 <1.2.4', false],
    ['18', '<18.19.1', true],
    ['3.12', '3.12.x', true],
    ['2.7.18', '^2 || <3.8', true],
    ['3.9.0', '^2 || <3.8', false],
    ['11.0.0-preview.7', '<11.0.1', true],
    ['11.0.0-preview.7', '>=11.0.0', false],
    ['jdk-21.0.2_13', '<21.0.3', true],
    ['8u402-b06', '<8.402.7', true],
    ['20.11.1', '*', true],
    ['20.11.1', 'not a range', false],
  ])('%s in %s: %s', (tag, range, expected) => {
    expect(satisfiesRange(v(tag), range)).toBe(expected);
  });

  it.each([
    ['<18.19.1', true],
    ['>=3 <3.12.4 || 2.x', true],
    ['~1.2', true],
    ['lol', false],
    ['>=1.2.3.4', false],
  ])('isValidRange(%s) = %s', (range, expected) => {
    expect(isValidRange(range)).toBe(expected);
  });
});
