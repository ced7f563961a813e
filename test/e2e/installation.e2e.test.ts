import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { capturedLog, startApp, type RunningApp } from './app.js';

const POLICY = `version: 1
ops:
  team: platform-ops
images:
  - name: node
    versions: [20.11.1]
`;

let sim: Simulator;
let app: RunningApp | undefined;

beforeEach(async () => {
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }) });
  sim.state.addRepo('api', { Dockerfile: 'FROM node:20.11.1\nUSER node\n' });
  sim.state.addRepo('worker', { 'deploy/Dockerfile': '# worker\nFROM python:3.12\n' });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
});

function inventoryIssues() {
  return [...sim.state.repo('.github').issues.values()].filter((issue) => issue.title === 'Plimsoll: base image inventory');
}

describe('a new installation shows the organization on day one', () => {
  it('scans every repository into the inventory issue, before any policy push', async () => {
    sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': POLICY });
    app = await startApp(sim);

    expect(await app.deliver('installation', sim.payloads.installation('created'))).toMatchObject({ status: 200 });
    await sim.idle(300);

    const issues = inventoryIssues();
    expect(issues).toHaveLength(1);
    const body = issues[0]!.body;
    expect(body).toContain('3 repositories, 2 container definitions');
    expect(body).toMatch(/\| node \| 20\.11\.1 \| ✅ allowed \|/);
    expect(body).toMatch(/\| python \| 3\.12 \| ❔ unknown \| {2}\| acme\/worker \(deploy\/Dockerfile:2\) \|/);
    expect(body).not.toContain('No policy yet');
    // A redelivery writes nothing new: the body is the same.
    const writes = sim.counters.writes;
    await app.deliver('installation', sim.payloads.installation('created'));
    await sim.idle(300);
    expect(inventoryIssues()).toHaveLength(1);
    expect(sim.counters.writes).toBe(writes);
  });

  it('says in the issue when there is no policy yet', async () => {
    sim.state.addRepo('.github', { 'README.md': 'org profile\n' });
    app = await startApp(sim);

    await app.deliver('installation', sim.payloads.installation('created'));
    await sim.idle(300);

    const body = inventoryIssues()[0]!.body;
    expect(body).toContain('> ⚠️ **No policy yet.** Add `acme/.github/.github/plimsoll-policy.yml`');
    expect(body).toContain('nothing is governed and nothing is bumped');
    expect(body).toContain('3 repositories, 2 container definitions');
  });

  it('says in the issue when the policy is invalid, without echoing it as markup', async () => {
    sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': 'version: 1\nimages: "<img src=x onerror=alert(1)>"\n' });
    app = await startApp(sim);

    await app.deliver('installation', sim.payloads.installation('created'));
    await sim.idle(300);

    const body = inventoryIssues()[0]!.body;
    expect(body).toMatch(/> ⛔ \*\*The policy is invalid\*\* \(line 2: .+\) and no earlier version of `acme\/\.github\/\.github\/plimsoll-policy\.yml` was valid: every review fails until it is fixed\./);
    expect(body).not.toContain('<img');
  });

  it('logs one line saying what to do when the policy repository is not in the installation', async () => {
    sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': POLICY });
    sim.state.setInstalledRepositories(['api', 'worker']);
    const { log, lines } = capturedLog('error');
    app = await startApp(sim, undefined, { log });

    await app.deliver('installation', sim.payloads.installation('created'));
    await sim.idle(300);

    expect(inventoryIssues()).toHaveLength(0);
    expect(lines.map((line) => line.msg)).toContain(
      "installation acme: no inventory issue: the policy cannot be read: the app cannot see acme/.github; add it to the installation's repositories (or set PLIMSOLL_POLICY_REPO)",
    );
  });

  it('adds the repositories an installation gains, and drops those it loses', async () => {
    sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': POLICY });
    sim.state.addRepo('billing', { Dockerfile: 'FROM node:20.11.1\n' });
    sim.state.setInstalledRepositories(['.github', 'api', 'worker']);
    app = await startApp(sim);
    await app.deliver('installation', sim.payloads.installation('created'));
    await sim.idle(300);
    expect(inventoryIssues()[0]!.body).not.toContain('acme/billing');

    sim.state.setInstalledRepositories(['.github', 'api', 'billing']);
    await app.deliver('installation_repositories', sim.payloads.installationRepositories('added', [sim.state.repo('billing')]));
    await sim.idle(300);

    const body = inventoryIssues()[0]!.body;
    expect(body).toContain('acme/billing (Dockerfile:1)');
    expect(body).not.toContain('acme/worker');
  });
});
