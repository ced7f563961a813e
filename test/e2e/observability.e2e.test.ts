import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { startApp, type RunningApp } from './app.js';

/** What ops scrape (issue 14 §1): `GET /metrics` in Prometheus' format, after real reviews and a fan-out. */

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
  sim.state.addRepo('web', { Dockerfile: 'FROM node:20.11.1\nUSER node\n' });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
});

const root = () => app!.url.replace(/\/api\/github\/webhooks$/, '');

/** `name{labels} value` lines of a scrape, by series. */
async function scrape(): Promise<Map<string, number>> {
  const response = await fetch(`${root()}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const series = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const match = /^(plimsoll_[^ ]+) (\S+)$/.exec(line);
    if (match) series.set(match[1]!, Number(match[2]));
  }
  return series;
}

describe('GET /metrics', () => {
  it('counts reviews by conclusion, their duration and latency, writes and the rate limit left', async () => {
    app = await startApp(sim);
    const before = await scrape();
    expect(before.get('plimsoll_reviews_total{conclusion="failure"}')).toBe(0);
    expect(before.get('plimsoll_github_writes_total{outcome="refused"}')).toBe(0);

    const good = sim.openPullRequest('web', { branch: 'ok', changes: { Dockerfile: 'FROM node:20.11.1\nUSER 1000\n' }, author: 'dev-dana' });
    await app.deliver('pull_request', good.payload);
    const bad = sim.openPullRequest('web', { branch: 'bad', changes: { Dockerfile: 'FROM ubuntu:22.04\nUSER 1000\n' }, author: 'dev-dana' });
    await app.deliver('pull_request', bad.payload);

    const after = await scrape();
    expect(after.get('plimsoll_reviews_total{conclusion="success"}')).toBe(1);
    expect(after.get('plimsoll_reviews_total{conclusion="failure"}')).toBe(1);
    expect(after.get('plimsoll_reviews_total{conclusion="error"}')).toBe(0);
    expect(after.get('plimsoll_review_duration_seconds_count')).toBe(2);
    expect(after.get('plimsoll_webhook_to_check_seconds_count')).toBe(2);
    expect(after.get('plimsoll_review_duration_seconds_bucket{le="+Inf"}')).toBe(2);
    // GitHub's headers: the simulator starts each installation at 5,000 and counts down.
    const remaining = after.get(`plimsoll_github_rate_limit_remaining{installation="${sim.state.app.installationId}"}`);
    expect(remaining).toBeGreaterThan(4_900);
    expect(remaining).toBeLessThan(5_000);
  });

  it('counts fan-out jobs by state and the writes they sent', async () => {
    app = await startApp(sim);
    const push = sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('20.12.0, 20.11.1') }, 'Allow node 20.12.0');
    await app.deliver('push', push.payload);
    await sim.idle(300);

    const series = await scrape();
    expect(series.get('plimsoll_fanout_jobs{state="done"}')).toBe(2);
    expect(series.get('plimsoll_fanout_jobs{state="waiting"}')).toBe(0);
    expect(series.get('plimsoll_fanout_jobs{state="active"}')).toBe(0);
    expect(series.get('plimsoll_fanout_jobs{state="failed"}')).toBe(0);
    // Two bump pull requests (open + label each) and the inventory issue went out under the throttle.
    expect(series.get('plimsoll_github_writes_total{outcome="sent"}')).toBeGreaterThanOrEqual(5);
    expect(sim.state.pulls(sim.state.repo('api'))).toHaveLength(1);
  });
});
