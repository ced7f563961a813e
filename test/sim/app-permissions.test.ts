import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../e2e/app.js';
import { SimClock } from './clock.js';
import type { Permissions } from './permissions.js';
import { startSimulator, type Simulator } from './server.js';

const policy = (versions: string) => `version: 1
ops:
  team: platform-ops
  review: on-findings
images:
  - name: node
    versions: [${versions}]
    update: minor
`;

let sim: Simulator | undefined;
let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  await sim?.close();
  app = undefined;
  sim = undefined;
});

async function organization(permissions?: Permissions): Promise<Simulator> {
  const s = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }), ...(permissions ? { permissions } : {}) });
  s.state.addRepo('.github', { '.github/plimsoll-policy.yml': policy('20.11.1') });
  s.state.addRepo('api', { Dockerfile: 'FROM node:20.11.1\nUSER node\n' });
  s.state.addRepo('web', { 'README.md': '# web\n' });
  s.state.addTeam('platform-ops', ['olga']);
  return s;
}

describe("the app installed with exactly app.yml's permissions", () => {
  it('reviews, takes an approval and fans out without one request GitHub would refuse', async () => {
    sim = await organization();
    app = await startApp(sim);

    const { number, payload } = sim.openPullRequest('web', { branch: 'containerise', changes: { Dockerfile: 'FROM ubuntu:22.04\nCMD ["true"]\n' } });
    await app.deliver('pull_request', payload);
    await app.deliver('issue_comment', sim.comment('web', number, 'olga', '/plimsoll approve PL1001 audited by ops').payload);
    await app.deliver('push', sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('20.12.0, 20.11.1') }, 'Allow node 20.12.0').payload);
    await sim.idle(300);

    expect(sim.state.checkRunsOf('web', 'plimsoll').length).toBeGreaterThan(0);
    expect(sim.state.pulls(sim.state.repo('api')).map((pr) => pr.pull.head)).toStrictEqual(['plimsoll/node']);
    expect(sim.counters.forbidden).toStrictEqual([]);
    expect(sim.counters.unknown).toStrictEqual([]);
  });

  it('with contents: read (app.yml before issue 11), the fan-out is refused where GitHub would refuse it', async () => {
    sim = await organization({ metadata: 'read', checks: 'write', pull_requests: 'write', issues: 'write', contents: 'read', members: 'read' });
    app = await startApp(sim);

    await app.deliver('push', sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('20.12.0, 20.11.1') }, 'Allow node 20.12.0').payload);
    await sim.idle(300);

    expect(sim.state.pulls(sim.state.repo('api'))).toStrictEqual([]);
    expect(sim.counters.forbidden.map((f) => f.need)).toContain('contents=write');
  });
});
