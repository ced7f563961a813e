import { describe, expect, it } from 'vitest';
import { branchFor, changedImages, planFanOut } from '../../src/fanout/plan.js';
import { emptyInventory, type Inventory, type ImageUsage } from '../../src/inventory/model.js';
import { NODE_20_11_0, NODE_20_11_1, policyFrom } from './policies.js';

const NOW = new Date('2025-06-01T00:00:00Z');

function use(familiar: string, tag: string, line = 1): ImageUsage {
  const name = familiar.includes('/') ? `docker.io/${familiar}` : `docker.io/library/${familiar}`;
  return { line, name, familiar, tag, digest: null, fromArg: null };
}

function inventoryOf(repos: Record<string, Record<string, ImageUsage[]>>): Inventory {
  const inventory = emptyInventory();
  for (const [fullName, files] of Object.entries(repos)) {
    inventory.repos[fullName] = {
      fullName,
      defaultBranch: 'main',
      pushedAt: null,
      commit: null,
      notes: [],
      files: Object.entries(files).map(([path, images]) => ({ path, images })),
    };
  }
  return inventory;
}

const INVENTORY = inventoryOf({
  'acme/web': { Dockerfile: [use('node', '20.11.0')], 'api/Dockerfile': [use('node', '20.11.0-alpine'), use('python', '3.12.1', 5)] },
  'acme/billing': { Dockerfile: [use('node', '18.19.0')] },
  'acme/tools': { Dockerfile: [use('python', '3.12.1')] },
  'acme/current': { Dockerfile: [use('node', '20.11.1')] },
});

describe('changedImages', () => {
  it('names only images whose entries changed', () => {
    expect(changedImages(NODE_20_11_0, NODE_20_11_1)).toEqual(new Set(['docker.io/library/node']));
  });
  it('is everything when there was no policy before', () => {
    expect(changedImages(null, NODE_20_11_1)).toBe('all');
  });
  it('sees a new ban', () => {
    const banned = policyFrom(`version: 1
images:
  - name: node
    versions: [20.11.1, 20.11.0, 18.19.1]
    update: minor
  - name: python
    versions: ["3.12.2"]
banned:
  - name: node
    versions: "<18.19.1"
    reason: CVE-2024-27983
  - name: python
    versions: "<3.12.2"
    reason: CVE-2024-0001
`);
    expect(changedImages(NODE_20_11_1, banned)).toEqual(new Set(['docker.io/library/python']));
  });
});

describe('planFanOut', () => {
  it('makes one job per (repository, image), banned first, whatever the number of files', () => {
    const jobs = planFanOut(NODE_20_11_1, INVENTORY, NOW, changedImages(NODE_20_11_0, NODE_20_11_1));
    expect(jobs).toEqual([
      { id: 'acme/billing#docker.io/library/node', repo: 'acme/billing', image: 'docker.io/library/node', familiar: 'node', banned: true, paths: ['Dockerfile'] },
      { id: 'acme/web#docker.io/library/node', repo: 'acme/web', image: 'docker.io/library/node', familiar: 'node', banned: false, paths: ['Dockerfile', 'api/Dockerfile'] },
    ]);
  });

  it('gives the same jobs as a full recompute, apart from pairs whose plan did not change', () => {
    const scoped = planFanOut(NODE_20_11_1, INVENTORY, NOW, changedImages(NODE_20_11_0, NODE_20_11_1)).map((j) => j.id);
    const full = planFanOut(NODE_20_11_1, INVENTORY, NOW, 'all').map((j) => j.id);
    const before = planFanOut(NODE_20_11_0, INVENTORY, NOW, 'all').map((j) => j.id);
    expect(full.filter((id) => !scoped.includes(id)).every((id) => before.includes(id))).toBe(true);
    expect(scoped.every((id) => full.includes(id))).toBe(true);
  });

  it('plans nothing when bumps are off, and skips repositories with a standing exception', () => {
    const off = policyFrom(`version: 1
images: [{ name: node, versions: [20.11.1] }]
bumps: { mode: off }
`);
    expect(planFanOut(off, INVENTORY, NOW)).toEqual([]);
    const excepted = policyFrom(`version: 1
images:
  - name: node
    versions: [20.11.1, 20.11.0, 18.19.1]
    update: minor
banned:
  - name: node
    versions: "<18.19.1"
    reason: CVE-2024-27983
exceptions:
  - repo: acme/billing
    image: node
    codes: [PL1002]
    reason: frozen until the migration
    expires: 2025-12-31
`);
    expect(planFanOut(excepted, INVENTORY, NOW).map((j) => j.repo)).toEqual(['acme/web']);
    // The day after expiry, the ban applies again.
    expect(planFanOut(excepted, INVENTORY, new Date('2026-01-01T00:00:00Z')).map((j) => j.repo)).toEqual(['acme/billing', 'acme/web']);
  });
});

describe('branchFor', () => {
  it.each([
    ['node', 'plimsoll/node'],
    ['ghcr.io/acme/python', 'plimsoll/ghcr.io-acme-python'],
    ['localhost:5000/a/b', 'plimsoll/localhost-5000-a-b'],
  ])('%s -> %s', (image, branch) => expect(branchFor(image)).toBe(branch));
});

describe('planFanOut: files of other kinds (SPEC §11)', () => {
  it('a job reads its compose files with their .env, and every other file sharing that .env', () => {
    const inventory = inventoryOf({ 'acme/shop': {} });
    const usage = (familiar: string, tag: string, source: ImageUsage['source']): ImageUsage => ({ ...use(familiar, tag), source });
    inventory.repos['acme/shop']!.files = [
      { path: 'Dockerfile', images: [use('node', '20.11.0')] },
      { path: 'compose.yaml', images: [usage('node', '20.11.0', 'compose')], related: ['.env'] },
      { path: 'compose.override.yaml', images: [usage('python', '3.12.1', 'compose')], related: ['.env'] },
      { path: 'k8s/app.yaml', images: [usage('node', '20.11.1', 'kubernetes')] },
      { path: 'other/compose.yaml', images: [usage('python', '3.12.1', 'compose')], related: ['other/.env'] },
    ];
    expect(planFanOut(NODE_20_11_1, inventory, NOW)).toEqual([
      {
        id: 'acme/shop#docker.io/library/node',
        repo: 'acme/shop',
        image: 'docker.io/library/node',
        familiar: 'node',
        banned: false,
        paths: ['Dockerfile', 'compose.yaml', 'compose.override.yaml'],
        kinds: { 'compose.yaml': 'compose', 'compose.override.yaml': 'compose' },
        related: ['.env'],
      },
    ]);
  });
});
