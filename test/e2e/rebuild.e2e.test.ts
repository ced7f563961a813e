import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryInventoryStore } from '../../src/inventory/store.js';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { startApp, type RunningApp } from './app.js';

const policy = (banned: string, rebuild = 'dispatch') => `version: 1
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
`;

let sim: Simulator;
let app: RunningApp | undefined;
const DISPATCH_ROUTE = 'POST /repos/{owner}/{repo}/dispatches';

beforeEach(async () => {
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }) });
  sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': policy('<16.0.0') });
  sim.state.addRepo('api', { Dockerfile: 'FROM node:18.19.0\nUSER node\n', 'worker/Dockerfile': 'FROM node:18.19.0-alpine\nUSER node\n' });
  sim.state.addRepo('web', { Dockerfile: 'FROM node:18.18.2\nUSER node\n' });
  sim.state.addRepo('current', { Dockerfile: 'FROM node:20.11.1\nUSER node\n' });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
});

describe('bumps.rebuild: dispatch', () => {
  it('sends each repository using a newly banned version one plimsoll-base-banned event, once per policy commit', async () => {
    app = await startApp(sim);
    const push = sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('<18.19.1') }, 'Ban node < 18.19.1');
    await app.deliver('push', push.payload);

    expect(sim.state.dispatches.map((d) => d.repo).sort()).toEqual(['api', 'web']);
    const api = sim.state.dispatches.find((d) => d.repo === 'api')!;
    expect(api.eventType).toBe('plimsoll-base-banned');
    expect(api.appId).toBe(sim.state.app.id);
    expect(api.clientPayload).toEqual({
      image: 'node',
      banned_version: '18.19.0',
      target: '18.19.1',
      reason: 'CVE-2024-27983',
      pull_request: null,
      policy_commit: push.after,
      bans: [
        { image: 'node', banned_version: '18.19.0', target: '18.19.1', reason: 'CVE-2024-27983', pull_request: null, files: ['Dockerfile:1'] },
        { image: 'node', banned_version: '18.19.0-alpine', target: '18.19.1-alpine', reason: 'CVE-2024-27983', pull_request: null, files: ['worker/Dockerfile:1'] },
      ],
    });
    // The bump pull requests follow the rebuilds.
    expect(sim.state.pulls(sim.state.repo('api'))).toHaveLength(1);

    // The same push delivered again (GitHub's redelivery, or under a new delivery id): nothing more.
    await app.deliver('push', push.payload);
    await app.deliver('push', push.payload, 'redelivered-push');
    expect(sim.state.dispatches).toHaveLength(2);
    expect(sim.counters.byRoute[DISPATCH_ROUTE]).toBe(2);
  });

  it('a restart keeps the record (the inventory store, Redis in production): a redelivery after it sends nothing', async () => {
    const store = new MemoryInventoryStore();
    app = await startApp(sim, undefined, { fanOut: { store } });
    const push = sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('<18.19.1') }, 'Ban node < 18.19.1');
    await app.deliver('push', push.payload);
    expect(sim.state.dispatches).toHaveLength(2);
    await app.close();

    app = await startApp(sim, undefined, { fanOut: { store } });
    await app.deliver('push', push.payload);
    expect(sim.state.dispatches).toHaveLength(2);
  });

  it('a later policy commit tells only about what it newly bans; the pull request is named once there is one', async () => {
    app = await startApp(sim);
    await app.deliver('push', sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('<18.19.0') }, 'Ban node < 18.19.0').payload);
    expect(sim.state.dispatches.map((d) => d.repo)).toEqual(['web']);

    await app.deliver('push', sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('<18.19.1') }, 'Ban node < 18.19.1').payload);
    expect(sim.state.dispatches.map((d) => d.repo)).toEqual(['web', 'api']);
    // api's bump pull request was opened by the first push (18.19.0 was outdated then): the event names it.
    const [pull] = sim.state.pulls(sim.state.repo('api'));
    expect(sim.state.dispatches[1]!.clientPayload.pull_request).toEqual({ number: pull!.number, url: `${sim.url}/acme/api/pull/${pull!.number}` });
  });

  it('a recheck is no ban: it bumps, and dispatches nothing', async () => {
    sim.state.repo('.github').branches.set('main', sim.state.makeCommit(sim.state.repo('.github').branches.get('main')!, { '.github/plimsoll-policy.yml': policy('<18.19.1') }, 'Ban').sha);
    app = await startApp(sim);
    const issue = sim.state.createIssue(sim.state.repo('.github'), { title: 'recheck', user: sim.state.user('olga') });
    await app.deliver('issue_comment', sim.comment('.github', issue.number, 'olga', '/plimsoll recheck').payload);
    expect(sim.state.pulls(sim.state.repo('api'))).toHaveLength(1);
    expect(sim.state.dispatches).toEqual([]);
  });

  it('a dry run sends nothing', async () => {
    app = await startApp(sim);
    await app.deliver('push', sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('<18.19.1').replace('bumps:\n', 'bumps:\n  mode: dry-run\n') }, 'Ban').payload);
    expect(sim.state.dispatches).toEqual([]);
  });

  it('bumps.rebuild: none sends nothing; a commit that only turns dispatch on bans nothing new', async () => {
    app = await startApp(sim);
    await app.deliver('push', sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('<18.19.1', 'none') }, 'Ban').payload);
    expect(sim.state.dispatches).toEqual([]);

    await app.deliver('push', sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('<18.19.1', 'dispatch') }, 'Rebuild on bans').payload);
    // Nothing newly banned by this commit: only the switch changed.
    expect(sim.state.dispatches).toEqual([]);
  });

  it('without contents: write the dispatch is refused, and the inventory lists it as a failed job', async () => {
    sim.state.permissions = { ...sim.state.permissions, contents: 'read' };
    app = await startApp(sim, undefined, { fanOut: { retry: { maxAttempts: 1, backoffMs: 1, maxBackoffMs: 1 } } });
    await app.deliver('push', sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('<18.19.1') }, 'Ban').payload);
    expect(sim.state.dispatches).toEqual([]);
    expect(sim.counters.forbidden.map((f) => f.route)).toContain(DISPATCH_ROUTE);
    const issue = [...sim.state.repo('.github').issues.values()].find((i) => i.title === 'Plimsoll: base image inventory')!;
    expect(issue.body).toContain('repository\\_dispatch plimsoll-base-banned');
  });
});
