import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { startApp, type RunningApp } from './app.js';

const policy = (versions: string) => `version: 1
ops:
  team: platform-ops
images:
  - name: node
    versions: [${versions}]
    update: minor
`;

let sim: Simulator;
let app: RunningApp | undefined;

beforeEach(async () => {
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }) });
  sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': policy('20.11.1') });
  sim.state.addRepo('api', { Dockerfile: 'FROM node:20.11.1\nUSER node\n' });
  sim.state.addRepo('worker', { 'deploy/Dockerfile': '# worker\nFROM node:20.11.1-alpine AS build\nUSER node\n' });
  sim.state.addRepo('docs', { 'README.md': 'no containers\n' });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
});

/** The background fan-out has finished when the simulator has seen no request for a while. */
async function settle(): Promise<void> {
  await sim.idle(300);
}

describe('a policy push fans out bump pull requests', () => {
  it('opens one pull request per repository using node, and nothing more on a second delivery', async () => {
    app = await startApp(sim);
    const push = sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('20.12.0, 20.11.1') }, 'Allow node 20.12.0');

    expect(await app.deliver('push', push.payload)).toMatchObject({ status: 200 });
    await settle();

    for (const [name, path, text] of [
      ['api', 'Dockerfile', 'FROM node:20.12.0\nUSER node\n'],
      ['worker', 'deploy/Dockerfile', '# worker\nFROM node:20.12.0-alpine AS build\nUSER node\n'],
    ] as const) {
      const repo = sim.state.repo(name);
      const pulls = sim.state.pulls(repo);
      expect(pulls.map((pr) => ({ title: pr.title, head: pr.pull.head, state: pr.state, labels: pr.labels }))).toStrictEqual([
        { title: 'Bump node base image to 20.12.0', head: 'plimsoll/node', state: 'open', labels: ['plimsoll'] },
      ]);
      expect(sim.state.fileAt(repo, path, 'plimsoll/node')).toBe(text);
      // One commit on top of the default branch.
      expect(sim.state.commits.get(repo.branches.get('plimsoll/node')!)!.parents).toStrictEqual([repo.branches.get('main')]);
    }
    expect(sim.state.pulls(sim.state.repo('docs'))).toStrictEqual([]);

    expect([...sim.state.repo('.github').issues.values()].map((issue) => ({ title: issue.title, labels: issue.labels }))).toStrictEqual([
      { title: 'Plimsoll: base image inventory', labels: ['plimsoll'] },
    ]);
    const writes = sim.counters.writes;
    expect(await app.deliver('push', push.payload)).toMatchObject({ status: 200 });
    await settle();
    expect(sim.state.pulls(sim.state.repo('api'))).toHaveLength(1);
    expect(sim.state.pulls(sim.state.repo('worker'))).toHaveLength(1);
    expect(sim.counters.writes).toBe(writes);
    expect(sim.counters.unknown).toStrictEqual([]);
  });
});
