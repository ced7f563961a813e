import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRegistryClient } from '../../src/registry/client.js';
import type { UpstreamOutcome } from '../../src/upstream/job.js';
import { startFakeRegistry, type FakeRegistry } from '../registry/fake-registry.js';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { startApp, type RunningApp } from './app.js';

const INDEX = 'application/vnd.oci.image.index.v1+json';
const POLICY_PATH = '.github/plimsoll-policy.yml';

let sim: Simulator;
let registry: FakeRegistry;
let app: RunningApp | undefined;
let pinned: string;
let outcomes: Array<UpstreamOutcome | null> = [];

/** Waits until the app has finished `count` watches in all, then for GitHub to be quiet. */
async function watched(count: number): Promise<void> {
  for (let i = 0; i < 400 && outcomes.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(outcomes.length).toBeGreaterThanOrEqual(count);
  await sim.idle(100);
}

const policy = (extra = '') => `version: 1
# ops own this file
images:
  - name: node # runtime
    versions: [20.11.1]
    variants: [alpine3.19]
    digests: { 20.11.1-alpine3.19: "${pinned}" }
  - name: python
    versions:
      - 3.12.4
    update: patch
${extra}`;

const index = (salt: string) => ({ schemaVersion: 2, mediaType: INDEX, manifests: [], annotations: { salt } });

beforeEach(async () => {
  outcomes = [];
  registry = await startFakeRegistry({ auth: 'bearer' });
  pinned = registry.putManifest('library/node', '20.11.1-alpine3.19', index('20.11.1'));
  registry.setTags('library/python', ['3.12.4', '3.12.5', '3.13.0']);
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }) });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
  await registry.close();
});

async function start(extra = {}) {
  const client = createRegistryClient({ env: { PLIMSOLL_REGISTRY_ENDPOINTS: `docker.io=${registry.url}` }, tagTtlMs: 0 });
  app = await startApp(sim, undefined, { fanOut: { registry: client, upstream: { onOutcome: (outcome) => outcomes.push(outcome) }, ...extra } });
  return app;
}

/** `/plimsoll recheck upstream` in an issue of the policy repository, then the background work settled. */
async function recheckUpstream(text = '/plimsoll recheck upstream'): Promise<void> {
  const repo = sim.state.repo('.github');
  const issue = sim.state.createIssue(repo, { title: 'ops' });
  const before = outcomes.length;
  await app!.deliver('issue_comment', sim.comment('.github', issue.number, 'ops-olga', text).payload);
  if (text.includes('upstream')) await watched(before + 1);
  else await sim.idle(1500);
}

const upstreamPulls = () => sim.state.pulls(sim.state.repo('.github')).filter((pr) => pr.pull.head === 'plimsoll/upstream');

describe('the upstream watch opens one policy pull request', () => {
  it('on /plimsoll recheck upstream: branch, title, table, the policy edited in its own style; nothing new on a second run', async () => {
    const fresh = registry.putManifest('library/node', '20.11.2-alpine3.19', index('20.11.2'));
    sim.state.addRepo('.github', { [POLICY_PATH]: policy() });
    await start();
    await recheckUpstream();

    const [pull, ...others] = upstreamPulls();
    expect(others).toEqual([]);
    expect(pull).toMatchObject({ title: 'Allow newer base images: node 20.11.2, python 3.12.5', state: 'open', labels: ['plimsoll'] });
    expect(pull!.body).toContain(`| node | 20.11.2 (after 20.11.1) | \`20.11.2-alpine3.19\` | \`20.11.2-alpine3.19\`: \`${fresh}\` |`);
    expect(pull!.body).toContain('| python | 3.12.5 (after 3.12.4) | `3.12.5` | not pinned |');
    expect(sim.state.fileAt(sim.state.repo('.github'), POLICY_PATH, 'plimsoll/upstream')).toBe(
      policy()
        .replace('versions: [20.11.1]', 'versions: [20.11.2, 20.11.1]')
        .replace(`"${pinned}" }`, `"${pinned}", 20.11.2-alpine3.19: "${fresh}" }`)
        .replace('      - 3.12.4\n', '      - 3.12.5\n      - 3.12.4\n'),
    );

    const writes = sim.counters.writes;
    await recheckUpstream();
    expect(upstreamPulls()).toHaveLength(1);
    expect(sim.counters.writes).toBe(writes);
    expect(sim.counters.unknown).toStrictEqual([]);
  });

  it('updates the pull request in place as more arrive; a person closing it means those versions are not proposed again', async () => {
    registry.putManifest('library/node', '20.11.2-alpine3.19', index('20.11.2'));
    sim.state.addRepo('.github', { [POLICY_PATH]: policy() });
    await start();
    await recheckUpstream();
    const first = upstreamPulls()[0]!;

    registry.putManifest('library/node', '20.11.3-alpine3.19', index('20.11.3'));
    await recheckUpstream();
    expect(upstreamPulls()).toHaveLength(1);
    expect(upstreamPulls()[0]).toMatchObject({ number: first.number, title: 'Allow newer base images: node 20.11.3, python 3.12.5' });
    expect(sim.state.fileAt(sim.state.repo('.github'), POLICY_PATH, 'plimsoll/upstream')).toContain('versions: [20.11.3, 20.11.1]');

    // Ops decline: closed without merging.
    upstreamPulls()[0]!.state = 'closed';
    await recheckUpstream();
    expect(upstreamPulls().filter((pr) => pr.state === 'open')).toEqual([]);

    registry.putManifest('library/node', '20.11.4-alpine3.19', index('20.11.4'));
    await recheckUpstream();
    const open = upstreamPulls().filter((pr) => pr.state === 'open');
    expect(open.map((pr) => pr.title)).toEqual(['Allow newer base images: node 20.11.4']);
  });

  it('proposes the new digest of a pinned tag that moved upstream, and shows it in the inventory', async () => {
    sim.state.addRepo('.github', { [POLICY_PATH]: policy() });
    sim.state.addRepo('api', { Dockerfile: `FROM node:20.11.1-alpine3.19@${pinned}\nUSER node\n` });
    registry.setTags('library/python', ['3.12.4']);
    await start();
    // A plain recheck runs the fan-out, which makes the inventory issue.
    await recheckUpstream('/plimsoll recheck');
    const moved = registry.putManifest('library/node', '20.11.1-alpine3.19', index('rebuilt'));
    await recheckUpstream();

    expect(upstreamPulls().map((pr) => pr.title)).toEqual(['Update moved base image digests: node:20.11.1-alpine3.19']);
    expect(sim.state.fileAt(sim.state.repo('.github'), POLICY_PATH, 'plimsoll/upstream')).toContain(`digests: { 20.11.1-alpine3.19: "${moved}" }`);
    const inventory = [...sim.state.repo('.github').issues.values()].find((issue) => issue.title === 'Plimsoll: base image inventory')!;
    expect(inventory.body).toContain('## Upstream (checked ');
    expect(inventory.body).toMatch(/\| node \| 20\.11\.1 \| 2026-/);
    expect(inventory.body).toContain(`- node:20.11.1-alpine3.19: pinned \`${pinned.slice(0, 19)}…\`, registry now \`${moved.slice(0, 19)}…\` (policy)`);
    expect(inventory.body).toContain('(acme/api (Dockerfile:1))');
  });

  it('runs by itself on upstream.schedule, read from every installation at start', async () => {
    registry.putManifest('library/node', '20.11.2-alpine3.19', index('20.11.2'));
    sim.state.addRepo('.github', { [POLICY_PATH]: policy('upstream:\n  schedule: hourly\n') });
    await start({ upstream: { discoverOnStart: true, periods: { hourly: 150, daily: 1e9, weekly: 1e9 }, onOutcome: (outcome: UpstreamOutcome | null) => outcomes.push(outcome) } });
    await watched(1);
    expect(upstreamPulls().map((pr) => pr.title)).toEqual(['Allow newer base images: node 20.11.2, python 3.12.5']);
  });
});
