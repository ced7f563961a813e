import { afterEach, describe, expect, it } from 'vitest';
import { SimClock } from './clock.js';
import { simOctokit } from './client.js';
import { startSimulator, type Simulator } from './server.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const comment = (s: Simulator) => simOctokit(s).request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner: 'acme', repo: 'web', issue_number: 1, body: 'hi' });
const status = (promise: Promise<unknown>) => promise.then(() => 200, (error: { status: number }) => error.status);

describe('secondary rate limit', () => {
  it('refuses the 81st write of a minute with 403 and retry-after, and accepts writes again when the minute has passed', async () => {
    // Nearly frozen (a real second is a virtual millisecond): the window's edge must not depend on the machine's speed.
    const clock = new SimClock({ start: Date.parse('2026-01-01T00:00:00Z'), speed: 0.001 });
    sim = await startSimulator({ clock });
    sim.state.createIssue(sim.state.addRepo('web', { 'README.md': 'x\n' }), { title: 'one' });
    for (let i = 0; i < 80; i++) await comment(sim);

    const refused = await comment(sim).catch((error: { status: number; response: { headers: Record<string, string>; data: { message: string } } }) => error);
    expect(refused).toMatchObject({ status: 403, response: { headers: { 'retry-after': '60' }, data: { message: expect.stringContaining('You have exceeded a secondary rate limit') } } });
    expect(await status(simOctokit(sim).request('GET /repos/{owner}/{repo}/issues', { owner: 'acme', repo: 'web' }))).toBe(200);

    clock.advance(60_000);
    expect(await status(comment(sim))).toBe(200);
    expect(sim.counters).toMatchObject({ secondaryLimited: 1, writes: 82, reads: 1 });
    expect(sim.state.commentsOn('web', 1)).toHaveLength(81);
  });

  it('holds 500 writes an hour even when each minute stays under 80', async () => {
    const clock = new SimClock();
    sim = await startSimulator({ clock, limits: { writesPerMinute: 3, writesPerHour: 5 } });
    sim.state.createIssue(sim.state.addRepo('web', { 'README.md': 'x\n' }), { title: 'one' });
    const outcomes: number[] = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(await status(comment(sim)));
      clock.advance(30_000);
    }
    expect(outcomes).toStrictEqual([200, 200, 200, 200, 200, 403]);
    clock.advance(3_600_000);
    expect(await status(comment(sim))).toBe(200);
  });

  it('counts GraphQL mutations as writes and queries as reads', async () => {
    sim = await startSimulator({ limits: { writesPerMinute: 1 } });
    const repo = sim.state.addRepo('web', { 'README.md': 'x\n' });
    const octokit = simOctokit(sim);
    const createRef = (name: string) =>
      octokit.graphql('mutation($id: ID!, $name: String!, $oid: GitObjectID!) { createRef(input: { repositoryId: $id, name: $name, oid: $oid }) { ref { name } } }', { id: repo.nodeId, name, oid: repo.branches.get('main') });
    await createRef('refs/heads/a');
    expect(await status(createRef('refs/heads/b'))).toBe(403);
    await octokit.graphql('query { repository(owner: "acme", name: "web") { id } }');
    expect(sim.counters).toMatchObject({ writes: 2, reads: 1, secondaryLimited: 1 });
    expect([...repo.branches.keys()]).toStrictEqual(['main', 'a']);
  });
});

describe('primary rate limit', () => {
  it('announces the hourly budget on every answer and refuses with remaining 0 until the reset', async () => {
    const clock = new SimClock({ start: Date.parse('2026-01-01T00:00:00Z') });
    sim = await startSimulator({ clock, limits: { primaryPerHour: 2 } });
    sim.state.addRepo('web', { 'README.md': 'x\n' });
    const octokit = simOctokit(sim);
    const read = () => octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'web' });

    const first = await read();
    expect(first.headers).toMatchObject({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1', 'x-ratelimit-used': '1', 'x-ratelimit-resource': 'core' });
    // An hour after the first request, rounded up to the second.
    expect(Number(first.headers['x-ratelimit-reset']) - Date.parse('2026-01-01T01:00:00Z') / 1000).toBeOneOf([0, 1]);
    await read();
    await expect(read()).rejects.toMatchObject({ status: 403, response: { headers: { 'x-ratelimit-remaining': '0' } } });
    clock.advance(3_600_000);
    expect((await read()).headers['x-ratelimit-remaining']).toBe('1');
    expect(sim.counters.primaryLimited).toBe(1);
  });
});

describe('faults and latency', () => {
  async function failures(seed: number): Promise<number[]> {
    const s = await startSimulator({ faultRate: 0.3, faultSeed: seed });
    s.state.addRepo('web', { 'README.md': 'x\n' });
    const octokit = simOctokit(s);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push(await status(octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'web' })));
    await s.close();
    return statuses.flatMap((code, i) => (code === 502 ? [i] : []));
  }

  it('fails a seeded share of requests with 502, the same ones for the same seed', async () => {
    const first = await failures(7);
    expect(first.length).toBeGreaterThan(2);
    expect(first.length).toBeLessThan(12);
    expect(await failures(7)).toStrictEqual(first);
    expect(await failures(8)).not.toStrictEqual(first);
  });

  it('fails the next N requests of one route only', async () => {
    sim = await startSimulator();
    sim.state.addRepo('web', { 'README.md': 'x\n' });
    sim.faults.failNext('GET /repos/{owner}/{repo}', 2, 503);
    const octokit = simOctokit(sim);
    const repo = () => status(octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'web' }));
    expect(await status(octokit.request('GET /installation/repositories'))).toBe(200);
    expect([await repo(), await repo(), await repo()]).toStrictEqual([503, 503, 200]);
  });

  it('delays answers by virtual milliseconds: a minute of latency at speed 1000 takes 60 ms', async () => {
    const clock = new SimClock({ speed: 1000 });
    sim = await startSimulator({ clock, latencyMs: 60_000 });
    sim.state.addRepo('web', { 'README.md': 'x\n' });
    const [realStart, virtualStart] = [performance.now(), clock.now()];
    await simOctokit(sim).request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'web' });
    expect(clock.now() - virtualStart).toBeGreaterThanOrEqual(60_000);
    expect(performance.now() - realStart).toBeLessThan(1000);
  });
});
