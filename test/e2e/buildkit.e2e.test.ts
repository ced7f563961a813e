import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { startApp, type RunningApp } from './app.js';

/** BuildKit's checks in a pull request review, switched as `docker build --build-arg` would (issue 18). */

const POLICY = 'version: 1\nimages:\n  - name: node\n    versions: [20.11.1]\n';
const DOCKERFILE = 'FROM node:20.11.1 as build\nUSER node\nMAINTAINER ops@example.com\n';

let sim: Simulator;
let app: RunningApp | undefined;

beforeEach(async () => {
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }) });
  sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': POLICY });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
});

async function reviewed(repoFiles: Record<string, string>): Promise<string[]> {
  sim.state.addRepo('web', { 'README.md': '# web\n', ...repoFiles });
  app = await startApp(sim);
  const pr = sim.openPullRequest('web', { branch: 'feature', changes: { Dockerfile: DOCKERFILE }, author: 'dev-dana' });
  await app.deliver('pull_request', pr.payload);
  return sim.state.checkRunsOf('web', 'plimsoll').at(-1)!.annotations.map((a) => `${a.start_line} ${a.title}`);
}

describe("BuildKit's checks in a review", () => {
  it('annotate under their BuildKit names', async () => {
    const annotations = await reviewed({});
    expect(annotations).toEqual(expect.arrayContaining([expect.stringMatching(/^1 FromAsCasing/), expect.stringMatching(/^3 MaintainerDeprecated/)]));
  });

  it("follow the repository config's build-args, as docker build --build-arg BUILDKIT_DOCKERFILE_CHECK would", async () => {
    const annotations = await reviewed({ '.github/plimsoll.yml': 'build-args:\n  BUILDKIT_DOCKERFILE_CHECK: "skip=FromAsCasing"\n' });
    expect(annotations.some((a) => a.includes('FromAsCasing'))).toBe(false);
    expect(annotations).toEqual(expect.arrayContaining([expect.stringMatching(/^3 MaintainerDeprecated/)]));
  });
});
