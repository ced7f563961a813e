import { describe, expect, it } from 'vitest';
import type { ImageUsage, Inventory } from '../../src/inventory/model.js';
import { previewPolicyChange } from '../../src/policy-check/preview.js';
import { policyFrom } from '../fanout/policies.js';

const GITHUB = [
  { limit: 80, windowMs: 60_000 },
  { limit: 500, windowMs: 3_600_000 },
];
const NOW = new Date('2026-01-15T12:00:00Z');

const node = (line: number, tag: string): ImageUsage => ({ line, name: 'docker.io/library/node', familiar: 'node', tag, digest: null, fromArg: null });
const python = (line: number, tag: string): ImageUsage => ({ line, name: 'docker.io/library/python', familiar: 'python', tag, digest: null, fromArg: null });

function inventory(): Inventory {
  const repo = (name: string, files: Array<[string, ImageUsage[]]>) => ({
    fullName: `acme/${name}`,
    defaultBranch: 'main',
    pushedAt: '2026-01-01T00:00:00Z',
    commit: null,
    files: files.map(([path, images]) => ({ path, images })),
    notes: [],
  });
  return {
    repos: {
      'acme/api': repo('api', [['Dockerfile', [node(1, '20.11.1')]]]),
      'acme/worker': repo('worker', [['Dockerfile', [node(1, '18.19.0-alpine')]], ['tools/Dockerfile', [python(2, '3.11.9')]]]),
      'acme/legacy': repo('legacy', [['Dockerfile', [node(3, '20.11.1')]]]),
    },
    failedJobs: {},
    openPullRequests: { 'acme/legacy#docker.io/library/node': { repo: 'acme/legacy', image: 'node', number: 12, url: 'https://github.com/acme/legacy/pull/12', target: '20.11.0' } },
  };
}

const BASE = policyFrom(`version: 1
images:
  - name: node
    versions: [20.11.1, 18.19.0]
    update: minor
  - name: python
    versions: ["3.11.9"]
exceptions:
  - repo: acme/api
    image: node
    codes: [PL1003]
    reason: pinned for a vendor
    expires: 2026-02-01
`);

const HEAD = policyFrom(`version: 1
images:
  - name: node
    versions: [20.12.0, 20.11.1, 18.19.1]
    update: minor
banned:
  - name: node
    versions: "<18.19.1"
    reason: CVE-2024-27983
exceptions:
  - repo: acme/api
    image: node
    codes: [PL1003]
    reason: pinned for a vendor
    expires: 2026-02-01
  - repo: acme/worker
    image: python
    codes: [PL1001]
    reason: data team migrates in Q1
    expires: 2026-12-31
`);

describe('previewPolicyChange', () => {
  it('plans the bump pull requests, banned first, with from → to, and what happens to known ones', () => {
    const preview = previewPolicyChange({ base: BASE, head: HEAD, inventory: inventory(), now: NOW, limits: GITHUB });
    expect(preview.bumps).toEqual([
      { repo: 'acme/worker', familiar: 'node', image: 'docker.io/library/node', banned: true, action: 'open', edits: [{ path: 'Dockerfile', line: 1, from: '18.19.0-alpine', to: '18.19.1-alpine' }], reason: 'CVE-2024-27983', number: null },
      { repo: 'acme/legacy', familiar: 'node', image: 'docker.io/library/node', banned: false, action: 'update', edits: [{ path: 'Dockerfile', line: 3, from: '20.11.1', to: '20.12.0' }], reason: null, number: 12 },
    ]);
    expect(preview.cost).toEqual({ pullRequests: { opened: 1, updated: 1, closed: 0 }, writes: 4, reads: 3, floorMs: 0 });
  });

  it('lists the usages that become banned, unlisted or outdated, and counts those relieved', () => {
    const preview = previewPolicyChange({ base: BASE, head: HEAD, inventory: inventory(), now: NOW, limits: GITHUB });
    expect(preview.usages.map((u) => [u.repo, `${u.path}:${u.line}`, u.tag, u.before, u.after, u.target, u.reason])).toEqual([
      ['acme/worker', 'Dockerfile:1', '18.19.0-alpine', 'allowed', 'banned', '18.19.1-alpine', 'CVE-2024-27983'],
      ['acme/legacy', 'Dockerfile:3', '20.11.1', 'allowed', 'outdated', '20.12.0', null],
    ]);
    // python 3.11.9 leaves the whitelist, but the new exception covers it in acme/worker; acme/api is excepted throughout.
    expect(preview.relieved).toBe(0);
    expect(preview.inventory).toEqual({ repositories: 3, files: 4, usages: 4 });
  });

  it('reports exceptions added, removed, and those expiring within 30 days', () => {
    const preview = previewPolicyChange({ base: BASE, head: HEAD, inventory: inventory(), now: NOW, limits: GITHUB });
    expect(preview.exceptions.added.map((e) => e.repo)).toEqual(['acme/worker']);
    expect(preview.exceptions.removed).toEqual([]);
    expect(preview.exceptions.expiring.map((e) => [e.exception.repo, e.daysLeft])).toEqual([['acme/api', 18]]);
  });

  it('writes nothing in dry-run and plans nothing when bumps are off', () => {
    const dry = policyFrom(`version: 1\nbumps: { mode: dry-run }\nimages:\n  - name: node\n    versions: [20.12.0]\n    update: minor\n`);
    const preview = previewPolicyChange({ base: BASE, head: dry, inventory: inventory(), now: NOW, limits: GITHUB });
    expect(preview.bumps.map((b) => [b.repo, b.action])).toEqual([
      ['acme/api', 'dry-run'],
      ['acme/legacy', 'dry-run'],
    ]);
    expect(preview.cost.writes).toBe(1);
    const off = policyFrom(`version: 1\nbumps: { mode: off }\nimages:\n  - name: node\n    versions: [20.12.0]\n`);
    expect(previewPolicyChange({ base: BASE, head: off, inventory: inventory(), now: NOW, limits: GITHUB }).bumps).toEqual([]);
  });

  it('closes an open pull request the new policy no longer asks for, and holds new ones at max-open', () => {
    const held = policyFrom(`version: 1\nbumps: { max-open: 1 }\nimages:\n  - name: node\n    versions: [20.11.1, 18.19.0, 16.0.0]\n    update: minor\n`);
    const preview = previewPolicyChange({ base: BASE, head: held, inventory: inventory(), now: NOW, limits: GITHUB });
    expect(preview.bumps.map((b) => [b.repo, b.action, b.number])).toEqual([['acme/legacy', 'close', 12]]);

    const full = policyFrom(`version: 1\nbumps: { max-open: 1 }\nimages:\n  - name: node\n    versions: [20.12.0]\n    update: minor\n`);
    const capped = previewPolicyChange({ base: BASE, head: full, inventory: inventory(), now: NOW, limits: GITHUB });
    expect(capped.bumps.map((b) => [b.repo, b.action])).toEqual([
      ['acme/api', 'max-open'],
      ['acme/legacy', 'update'],
    ]);
  });

  it('against no policy before, everything the new one refuses is new', () => {
    const preview = previewPolicyChange({ base: null, head: HEAD, inventory: inventory(), now: NOW, limits: GITHUB });
    expect(preview.usages.map((u) => u.after)).toEqual(['banned', 'outdated']);
    expect(preview.changes.images.added.map((e) => e.written)).toEqual(['node']);
  });
});

describe('previewPolicyChange: images named outside Dockerfiles (SPEC §11)', () => {
  it('counts compose, Kubernetes, workflow and dev container usages, and plans them into the repository’s one pull request per image', () => {
    const base = inventory();
    const compose = (line: number, tag: string, source: ImageUsage['source']): ImageUsage => ({ ...node(line, tag), source });
    base.repos['acme/api']!.files.push(
      { path: 'compose.yaml', images: [compose(4, '20.11.1', 'compose')], related: ['.env'] },
      { path: '.github/workflows/ci.yml', images: [compose(5, '18.19.0', 'workflow')] },
    );
    const preview = previewPolicyChange({ base: BASE, head: HEAD, inventory: base, now: NOW, limits: GITHUB });
    expect(preview.inventory).toEqual({ repositories: 3, files: 6, usages: 6 });
    expect(preview.bumps.find((b) => b.repo === 'acme/api')).toMatchObject({
      action: 'open',
      banned: true,
      edits: [{ path: '.github/workflows/ci.yml', line: 5, from: '18.19.0', to: '18.19.1', source: 'workflow' }],
    });
    expect(preview.usages.find((u) => u.repo === 'acme/api')).toMatchObject({ path: '.github/workflows/ci.yml', source: 'workflow', after: 'banned' });
  });
});
