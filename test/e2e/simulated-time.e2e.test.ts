import { afterEach, describe, expect, it } from 'vitest';
import { plimsoll } from '../../src/index.js';
import { runtimeOf, type Runtime } from '../../src/runtime.js';
import { MemoryWriteThrottle } from '../../src/queue/throttle.js';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { startApp, type RunningApp } from './app.js';

const policy = (versions: string) => `version: 1\nimages:\n  - name: node\n    versions: [${versions}]\n    update: minor\n`;

let sim: Simulator | undefined;
let app: RunningApp | undefined;
let fanOut: Runtime | undefined;
afterEach(async () => {
  await app?.close();
  await fanOut?.close();
  await sim?.close();
});

describe('simulated time', () => {
  it('a fan-out needing minutes of write budget runs in seconds of real time', async () => {
    // 20 writes a minute on both sides, sharing one clock at 100x: a virtual minute is 0.6 s.
    const clock = new SimClock({ speed: 100, start: Date.parse('2026-01-15T00:00:00Z') });
    const limit = { limit: 20, windowMs: 60_000 };
    sim = await startSimulator({ clock, limits: { writesPerMinute: limit.limit } });
    sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': policy('20.11.1') });
    const REPOS = 30;
    for (let i = 0; i < REPOS; i++) sim.state.addRepo(`svc-${i}`, { Dockerfile: 'FROM node:20.11.1\nUSER 1000\n' });
    const throttle = new MemoryWriteThrottle([limit], { clock });
    app = await startApp(sim, (probot, server) => {
      plimsoll({ fanOut: { clock, throttle }, retry: { sleep: async () => undefined } })(probot, server);
      fanOut = runtimeOf(probot);
    });
    const virtualStart = clock.now();

    await app.deliver('push', sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('20.12.0, 20.11.1') }).payload);
    await fanOut!.idle();

    const opened = [...sim.state.repos.values()].flatMap((repo) => sim!.state.pulls(repo));
    expect(opened).toHaveLength(REPOS);
    // Refusals are possible only at window edges: the app stamps a write when it sends it, GitHub
    // (and the simulator) when it arrives. See the report of test/sim: a refused label is not retried.
    expect(sim.counters.secondaryLimited).toBeLessThanOrEqual(6);
    // Over 60 writes accepted at 20 a minute: the last one cannot come before the third minute.
    const accepted = sim.counters.writes - sim.counters.secondaryLimited;
    expect(accepted).toBeGreaterThan(2 * limit.limit);
    expect(clock.now() - virtualStart).toBeGreaterThan(Math.floor((accepted - 1) / limit.limit) * 60_000);
    expect(sim.counters.unknown).toStrictEqual([]);
  });
});
