import { describe, expect, it } from 'vitest';
import { decideDeploy } from '../../src/deploy/decide.js';
import { parseDockerPurl, provenanceImages, sourceRepository, type BuiltFrom, type ImageRecord } from '../../src/deploy/record.js';
import { policyOf } from '../policy/fixtures.js';

const PIN = `sha256:${'a'.repeat(64)}`;
const CHILD = `sha256:${'b'.repeat(64)}`;
const policy = policyOf(`version: 1
own-images: [ghcr.io/acme/*]
images:
  - name: node
    versions: [20.11.1]
    variants: [alpine3.19, ""]
    digests: { 20.11.1-alpine3.19: "${PIN}" }
  - name: redis
    versions: [7.2.4]
banned:
  - name: node
    versions: "<18.19.1"
    reason: CVE-2024-27983
`);

const record = (reference: string, builtFrom: Array<Partial<BuiltFrom> & { image: string }> = [], extra: Partial<ImageRecord> = {}): ImageRecord => ({
  reference,
  digest: `sha256:${'9'.repeat(64)}`,
  base: null,
  baseDigest: null,
  builtFrom: builtFrom.map((b) => ({ digest: null, source: 'provenance', platforms: [], ...b })),
  sourceRepo: null,
  platforms: [],
  indexChildren: {},
  ...extra,
});
const now = new Date('2026-06-01T00:00:00Z');

describe('the deploy decision', () => {
  it.each([
    ['own image built from an allowed base', record('ghcr.io/acme/api:1.4.0', [{ image: 'node:20.11.1' }]), 'allowed', []],
    ['own image built from a banned base', record('ghcr.io/acme/api:1.4.0', [{ image: 'node:18.19.0' }]), 'denied', ['PL1002']],
    ['own image recording nothing', record('ghcr.io/acme/api:1.4.0'), 'unknown', []],
    ['a whitelisted base run as it is, recording nothing', record('redis:7.2.4'), 'allowed', []],
    ['an image neither own nor whitelisted', record('ghcr.io/other/tool:1', [{ image: 'node:20.11.1' }]), 'denied', ['PL1001']],
    ['a platform digest inside the pinned index matches the pin', record('ghcr.io/acme/api:1', [{ image: 'node:20.11.1-alpine3.19', digest: CHILD }], { indexChildren: { [PIN]: [CHILD] } }), 'allowed', []],
    ['a platform digest of no pinned index is PL1005', record('ghcr.io/acme/api:1', [{ image: 'node:20.11.1-alpine3.19', digest: CHILD }]), 'denied', ['PL1005']],
    ['a recorded base that is no reference', record('ghcr.io/acme/api:1', [{ image: 'not a reference!' }]), 'denied', ['PL1006']],
  ] as const)('%s', (_name, input, verdict, codes) => {
    const decision = decideDeploy(policy, input, { now });
    expect(decision.verdict).toBe(verdict);
    expect(decision.codes).toEqual(codes);
    expect(decision.admitted).toBe(verdict === 'allowed');
  });
});

describe('what builders record', () => {
  it.each([
    ['pkg:docker/node@20.11.1-alpine3.19?platform=linux%2Famd64', { name: 'node', tag: '20.11.1-alpine3.19', digest: null, platform: 'linux/amd64' }],
    ['pkg:docker/docker/dockerfile@1.5', { name: 'docker/dockerfile', tag: '1.5', digest: null, platform: null }],
    ['pkg:docker/registry.gitlab.com/base-images/python@3.12', { name: 'registry.gitlab.com/base-images/python', tag: '3.12', digest: null, platform: null }],
    [`pkg:docker/alpine@sha256%3A${'c'.repeat(64)}`, { name: 'alpine', tag: null, digest: `sha256:${'c'.repeat(64)}`, platform: null }],
    ['pkg:npm/left-pad@1.0.0', null],
  ])('%s', (uri, expected) => {
    expect(parseDockerPurl(uri)).toEqual(expected);
  });

  it('reads pkg:docker materials and resolved dependencies, skipping everything else', () => {
    const digest = { sha256: 'd'.repeat(64) };
    const statement = {
      predicate: {
        materials: [{ uri: 'pkg:docker/node@20?platform=linux%2Farm64', digest }, { uri: 'https://github.com/acme/api.git#main', digest: { sha1: 'x' } }],
        buildDefinition: { resolvedDependencies: [{ uri: 'pkg:docker/golang@1.22', digest }, { uri: 42 }] },
      },
    };
    expect(provenanceImages(statement, 'linux/amd64')).toEqual([
      { image: 'node:20', digest: `sha256:${'d'.repeat(64)}`, source: 'provenance', platforms: ['linux/arm64'] },
      { image: 'golang:1.22', digest: `sha256:${'d'.repeat(64)}`, source: 'provenance', platforms: ['linux/amd64'] },
    ]);
    expect(provenanceImages('not an object', null)).toEqual([]);
  });

  it.each([
    ['https://github.com/acme/api', 'acme/api'],
    ['https://github.com/acme/api.git', 'acme/api'],
    ['git@github.com:acme/api.git', 'acme/api'],
    ['https://example.com/some/deep/path', null],
    ['', null],
  ])('source %j → %j', (url, repo) => {
    expect(sourceRepository({ 'org.opencontainers.image.source': url })).toBe(repo);
  });
});
