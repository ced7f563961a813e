import { describe, expect, it } from 'vitest';
import { parseTag, parseVersion } from '../../src/versioning/tag.js';

describe('parseTag', () => {
  const versions: Array<[string, { version: string; prefix?: string; release: number[]; prerelease?: string; suffix: string }]> = [
    ['3.12.4-slim-bookworm', { version: '3.12.4', release: [3, 12, 4], suffix: 'slim-bookworm' }],
    ['20.11.1-alpine3.19', { version: '20.11.1', release: [20, 11, 1], suffix: 'alpine3.19' }],
    ['20.11.1', { version: '20.11.1', release: [20, 11, 1], suffix: '' }],
    ['v1.2.3', { version: 'v1.2.3', prefix: 'v', release: [1, 2, 3], suffix: '' }],
    ['1.2.3.4', { version: '1.2.3.4', release: [1, 2, 3, 4], suffix: '' }],
    ['2024.1', { version: '2024.1', release: [2024, 1], suffix: '' }],
    ['jdk-21.0.2_13', { version: 'jdk-21.0.2_13', prefix: 'jdk-', release: [21, 0, 2, 13], suffix: '' }],
    ['21.0.2_13-jdk-jammy', { version: '21.0.2_13', release: [21, 0, 2, 13], suffix: 'jdk-jammy' }],
    ['21-jdk', { version: '21', release: [21], suffix: 'jdk' }],
    ['8u402-b06', { version: '8u402-b06', release: [8, 402, 6], suffix: '' }],
    ['8u402-b06-jre', { version: '8u402-b06', release: [8, 402, 6], suffix: 'jre' }],
    ['1.21', { version: '1.21', release: [1, 21], suffix: '' }],
    ['3', { version: '3', release: [3], suffix: '' }],
    ['1809', { version: '1809', release: [1809], suffix: '' }],
    ['10.0.14393.2068', { version: '10.0.14393.2068', release: [10, 0, 14393, 2068], suffix: '' }],
    ['24.15.0-trixie-slim', { version: '24.15.0', release: [24, 15, 0], suffix: 'trixie-slim' }],
    ['10.0-noble-chiseled-extra', { version: '10.0', release: [10, 0], suffix: 'noble-chiseled-extra' }],
    ['9.0.19-alpine3.24-amd64', { version: '9.0.19', release: [9, 0, 19], suffix: 'alpine3.24-amd64' }],
    ['3.8.5-eclipse-temurin-17', { version: '3.8.5', release: [3, 8, 5], suffix: 'eclipse-temurin-17' }],
    ['3.13.0rc1-slim', { version: '3.13.0rc1', release: [3, 13, 0], prerelease: 'rc1', suffix: 'slim' }],
    [
      '11.0.0-preview.7-alpine3.24-amd64',
      { version: '11.0.0-preview.7', release: [11, 0, 0], prerelease: 'preview.7', suffix: 'alpine3.24-amd64' },
    ],
    [
      '4.8.1-20260714-windowsservercore-ltsc2025',
      { version: '4.8.1-20260714', release: [4, 8, 1, 20260714], suffix: 'windowsservercore-ltsc2025' },
    ],
    ['2026-07-28', { version: '2026-07-28', release: [2026, 7, 28], suffix: '' }],
    ['alpine-3.17', { version: 'alpine-3.17', prefix: 'alpine-', release: [3, 17], suffix: '' }],
    ['ubuntu-22.04', { version: 'ubuntu-22.04', prefix: 'ubuntu-', release: [22, 4], suffix: '' }],
    ['bookworm-20260803', { version: 'bookworm-20260803', prefix: 'bookworm-', release: [20260803], suffix: '' }],
    ['2019-latest', { version: '2019', release: [2019], suffix: 'latest' }],
    ['20H2', { version: '20H2', release: [20], prerelease: 'H2', suffix: '' }],
    ['20260803', { version: '20260803', release: [20260803], suffix: '' }],
  ];

  it.each(versions)('%s is a version', (tag, expected) => {
    expect(parseTag(tag)).toMatchObject({ prefix: '', prerelease: '', ...expected, tag });
  });

  it.each([
    'bookworm', 'nonroot', 'lts', 'latest', 'alpine3.19', 'ltsc2022', 'lts-alpine', 'stable', 'noble-curl',
    'windowsservercore-ltsc2022', 'x86_64-aarch64', 'deadbeef1', '5ce5f501c457015c4b91f91a15ac69157d9b06f1',
    '1.0.0.RELEASE', '1..2', '', '-1', 'a'.repeat(129),
  ])('%s is not a version', (tag) => {
    expect(parseTag(tag)).toBeNull();
  });

  it('gives versions of different forms different shapes', () => {
    const shape = (tag: string) => parseTag(tag)?.shape;
    expect(shape('20.11.1')).toBe(shape('18.19.1-alpine'));
    expect(shape('11.0.0-preview.7')).toBe(shape('10.0.11'));
    expect(shape('3.13.0rc1')).toBe(shape('3.12.4'));
    expect(new Set(['20.11.1', '20.11', 'v20.11.1', 'jdk-21.0.2_13', '21.0.2_13', '8u402-b06'].map(shape)).size).toBe(6);
  });
});

describe('parseVersion', () => {
  it('accepts a version token with no variant', () => {
    expect(parseVersion('20.11.1')?.release).toEqual([20, 11, 1]);
    expect(parseVersion('8u402-b06')?.release).toEqual([8, 402, 6]);
    expect(parseVersion('11.0.0-preview.7')?.prerelease).toBe('preview.7');
  });

  it.each(['20.11.1-alpine', 'bookworm', '21-jdk'])('refuses %s', (text) => {
    expect(parseVersion(text)).toBeNull();
  });
});
