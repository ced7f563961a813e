import { afterEach, describe, expect, it } from 'vitest';
import { plimsoll } from '../../src/index.js';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { capturedLog, startApp, until, type RunningApp } from './app.js';

/**
 * A GitHub that rate-limits: a review whose writes GitHub refuses for its secondary limit is tried
 * again once the limit has passed, on the app's clock, and ends with its real conclusion instead
 * of a check left in progress or "could not finish" until someone pushes.
 */

const POLICY = 'version: 1\nops:\n  team: platform-ops\nimages:\n  - name: node\n    versions: [20.11.1]\n';

let sim: Simulator;
let app: RunningApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
});

describe('a review GitHub rate-limits', () => {
  it('is tried again after the wait GitHub asks, and the check ends with the review’s own conclusion', async () => {
    // 600x: GitHub's minute passes in 0.1 s; the app sleeps on the same clock.
    const clock = new SimClock({ speed: 600, start: Date.parse('2026-01-15T00:00:00Z') });
    sim = await startSimulator({ clock, limits: { writesPerMinute: 2 } });
    sim.state.addTeam('platform-ops', ['olga']);
    sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': POLICY });
    sim.state.addRepo('web', { 'README.md': '# web\n' });
    const { log, lines } = capturedLog('warn');
    app = await startApp(sim, plimsoll({ retry: { sleep: async () => undefined }, clock }), { log });

    const pr = sim.openPullRequest('web', { branch: 'feature', changes: { Dockerfile: 'FROM ubuntu:22.04\nUSER 1000\n' }, author: 'dev-dana' });
    await app.deliver('pull_request', pr.payload);
    expect(sim.counters.secondaryLimited).toBeGreaterThan(0);

    const last = () => sim.state.checkRunsOf('web', 'plimsoll').at(-1);
    await until(() => last()?.status === 'completed' && last()?.output.title !== 'Plimsoll could not finish the review', 'the review to finish after the wait', 15_000);
    expect(sim.state.checkRunsOf('web', 'plimsoll')).toHaveLength(1);
    expect(last()).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(last()!.annotations.map((a) => a.title)).toEqual(expect.arrayContaining([expect.stringMatching(/^PL1001/)]));
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/^review of #1 rate-limited: trying again in \d+ s$/)]));
  });
});
