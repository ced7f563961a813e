import { describe, expect, it } from 'vitest';
import { dispatchPayload, planDispatches } from '../../src/fanout/dispatch.js';
import { dispatchJobHandlers, dispatchJobId, wasDispatched, type QueuedDispatch } from '../../src/fanout/dispatch-job.js';
import type { InstallationGitHub } from '../../src/fanout/ports.js';
import { emptyInventory, type ImageUsage, type Inventory } from '../../src/inventory/model.js';
import { MemoryInventoryStore } from '../../src/inventory/store.js';
import { KeyedSerial } from '../../src/queue/serial.js';
import { policyFrom } from './policies.js';

const NOW = new Date('2026-01-15T00:00:00Z');

const policy = (banned: string, rebuild = 'dispatch', extra = '') =>
  policyFrom(`version: 1
images:
  - name: node
    versions: [20.11.1, 18.19.1]
    update: minor
banned:
  - name: node
    versions: "${banned}"
    reason: CVE-2024-27983
bumps:
  rebuild: ${rebuild}
${extra}`);

function use(familiar: string, tag: string, line = 1): ImageUsage {
  return { line, name: `docker.io/library/${familiar}`, familiar, tag, digest: null, fromArg: null };
}

function inventoryOf(repos: Record<string, Record<string, ImageUsage[]>>): Inventory {
  const inventory = emptyInventory();
  for (const [fullName, files] of Object.entries(repos)) {
    inventory.repos[fullName] = { fullName, defaultBranch: 'main', pushedAt: null, commit: null, notes: [], files: Object.entries(files).map(([path, images]) => ({ path, images })) };
  }
  return inventory;
}

const INVENTORY = inventoryOf({
  'acme/web': { Dockerfile: [use('node', '18.19.0')], 'api/Dockerfile': [use('node', '18.19.0', 3), use('node', '18.18.2-alpine', 7)] },
  'acme/billing': { Dockerfile: [use('node', '18.17.0')] },
  'acme/current': { Dockerfile: [use('node', '20.11.1')] },
  'acme/legacy': { Dockerfile: [use('node', '18.19.0')] },
});

describe('planDispatches: each repository using a newly banned version, once', () => {
  it('bans that are new in this policy change only, every use listed, with the target and reason', () => {
    const before = policy('<18.18.0');
    const after = policy('<18.19.1');
    const planned = planDispatches(before, after, INVENTORY, NOW);
    // billing's 18.17.0 was banned before: its pipeline was told then.
    expect(planned.map((p) => p.repo)).toEqual(['acme/legacy', 'acme/web']);
    expect(planned[1]).toEqual({
      repo: 'acme/web',
      bans: [
        { image: 'node', version: '18.18.2-alpine', target: '18.19.1-alpine', reason: 'CVE-2024-27983', files: ['api/Dockerfile:7'], pullRequest: null },
        { image: 'node', version: '18.19.0', target: '18.19.1', reason: 'CVE-2024-27983', files: ['Dockerfile:1', 'api/Dockerfile:3'], pullRequest: null },
      ],
    });
  });

  it('every banned use when there was no policy before', () => {
    expect(planDispatches(null, policy('<18.19.1'), INVENTORY, NOW).map((p) => p.repo)).toEqual(['acme/billing', 'acme/legacy', 'acme/web']);
  });

  it('nothing with bumps.rebuild: none', () => {
    expect(planDispatches(null, policy('<18.19.1', 'none'), INVENTORY, NOW)).toEqual([]);
  });

  it('a standing exception keeps its repository out', () => {
    const after = policy('<18.19.1', 'dispatch', 'exceptions:\n  - repo: acme/legacy\n    image: node\n    codes: [PL1002]\n    reason: vendor pins it\n');
    expect(planDispatches(null, after, INVENTORY, NOW).map((p) => p.repo)).toEqual(['acme/billing', 'acme/web']);
  });

  it('names the open bump pull request of the image', () => {
    const inventory = structuredClone(INVENTORY);
    inventory.openPullRequests['acme/legacy#docker.io/library/node'] = { repo: 'acme/legacy', image: 'node', number: 4, url: 'https://github.com/acme/legacy/pull/4', target: '18.19.1' };
    const [legacy] = planDispatches(policy('<18.18.0'), policy('<18.19.1'), inventory, NOW);
    expect(legacy!.bans[0]!.pullRequest).toEqual({ number: 4, url: 'https://github.com/acme/legacy/pull/4' });
  });
});

describe('dispatchPayload', () => {
  it('the first ban at the top level, all of them in `bans`, within GitHub\'s 10 keys', () => {
    const [, web] = planDispatches(policy('<18.18.0'), policy('<18.19.1'), INVENTORY, NOW);
    const payload = dispatchPayload(web!, 'c0ffee');
    expect(payload).toEqual({
      image: 'node',
      banned_version: '18.18.2-alpine',
      target: '18.19.1-alpine',
      reason: 'CVE-2024-27983',
      pull_request: null,
      policy_commit: 'c0ffee',
      bans: [
        { image: 'node', banned_version: '18.18.2-alpine', target: '18.19.1-alpine', reason: 'CVE-2024-27983', pull_request: null, files: ['api/Dockerfile:7'] },
        { image: 'node', banned_version: '18.19.0', target: '18.19.1', reason: 'CVE-2024-27983', pull_request: null, files: ['Dockerfile:1', 'api/Dockerfile:3'] },
      ],
    });
    expect(Object.keys(payload).length).toBeLessThanOrEqual(10);
  });

  it('stays under 64 KB however many uses and however long the reason', () => {
    const bans = Array.from({ length: 200 }, (_, i) => ({ image: `img${i}`, version: '1.0.0', target: '1.0.1', reason: 'x'.repeat(10_000), files: Array.from({ length: 500 }, (_, j) => `f${j}/Dockerfile:1`), pullRequest: null }));
    expect(JSON.stringify(dispatchPayload({ repo: 'acme/huge', bans }, 'c')).length).toBeLessThan(64 * 1024);
  });
});

describe('dispatch jobs: once per repository and policy commit', () => {
  function arrange() {
    const sent: Array<{ repo: string; payload: Record<string, unknown> }> = [];
    const github = {
      repositoryDispatch: async (where: { owner: string; repo: string }, event: string, payload: Record<string, unknown>) => {
        expect(event).toBe('plimsoll-base-banned');
        sent.push({ repo: `${where.owner}/${where.repo}`, payload });
      },
    } as unknown as InstallationGitHub;
    const store = new MemoryInventoryStore();
    const handlers = dispatchJobHandlers({ githubFor: async () => github, store, inventoryWrites: new KeyedSerial(), now: () => NOW });
    const job = (repo: string, commit = 'c1'): QueuedDispatch => ({ kind: 'dispatch', installationId: 42, owner: 'acme', repo, policyCommit: commit, payload: { image: 'node' } });
    return { sent, store, handlers, job };
  }

  it('sends, records, and does not send again for the same commit (a redelivery, a retry)', async () => {
    const { sent, store, handlers, job } = arrange();
    await handlers.run(job('acme/web'), dispatchJobId('c1', 'acme/web'));
    await handlers.run(job('acme/Web'), dispatchJobId('c1', 'acme/Web'));
    expect(sent.map((s) => s.repo)).toEqual(['acme/web']);
    expect(wasDispatched(await store.get(42), 'c1', 'ACME/WEB')).toBe(true);
    // A later policy commit that bans again is a new event.
    await handlers.run(job('acme/web', 'c2'), dispatchJobId('c2', 'acme/web'));
    expect(sent).toHaveLength(2);
  });

  it('a job that keeps failing is listed with the failed jobs', async () => {
    const { store, handlers, job } = arrange();
    await handlers.failed!({ id: dispatchJobId('c1', 'acme/gone'), data: job('acme/gone'), attempts: 5, error: new Error('Not Found') });
    expect((await store.get(42))!.failedJobs['dispatch#c1#acme/gone']).toMatchObject({ repo: 'acme/gone', message: 'Not Found', attempts: 5 });
  });
});
