import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileText } from '../../src/github/client.js';
import { PullRequestClient } from '../../src/github/pulls.js';
import { SimClock } from './clock.js';
import { simOctokit } from './client.js';
import { startSimulator, type Simulator } from './server.js';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(() => sim.close());

describe('contents', () => {
  it('answers the raw media type with the text, the JSON form in base64, and 404 for a missing file', async () => {
    sim.state.addRepo('web', { 'docker/Dockerfile': 'FROM node:20.11.1\n' });
    const octokit = simOctokit(sim);

    expect(await readFileText(octokit, { owner: 'acme', repo: 'web', path: 'docker/Dockerfile' })).toBe('FROM node:20.11.1\n');
    expect(await readFileText(octokit, { owner: 'acme', repo: 'web', path: 'Dockerfile' })).toBeNull();
    const json = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner: 'acme', repo: 'web', path: 'docker/Dockerfile' });
    expect(Buffer.from((json.data as { content: string }).content, 'base64').toString()).toBe('FROM node:20.11.1\n');
    expect(sim.counters.byRoute).toStrictEqual({ 'GET /repos/{owner}/{repo}/contents/{path}': 3 });
  });

  it('reads a file at a commit of a branch, not the default branch', async () => {
    sim.state.addRepo('web', { Dockerfile: 'FROM node:18\n' });
    const { number } = sim.openPullRequest('web', { branch: 'bump', changes: { Dockerfile: 'FROM node:20\n' } });
    const octokit = simOctokit(sim);
    const pull = await new PullRequestClient(octokit, { owner: 'acme', repo: 'web' }).getPull(number);

    expect(await readFileText(octokit, { owner: 'acme', repo: 'web', path: 'Dockerfile', ref: pull.head.sha })).toBe('FROM node:20\n');
    expect(await readFileText(octokit, { owner: 'acme', repo: 'web', path: 'Dockerfile' })).toBe('FROM node:18\n');
  });
});

describe('pull request files', () => {
  it('lists added, modified, removed and renamed files with patches, over pages linked by Link headers', async () => {
    const files: Record<string, string> = { Dockerfile: 'FROM node:18\nRUN make\n', 'old/Dockerfile': 'FROM alpine:3.19\n', 'gone.txt': 'bye\n' };
    for (let i = 0; i < 120; i++) files[`f/${String(i).padStart(3, '0')}.txt`] = `${i}\n`;
    sim.state.addRepo('web', files);
    const changes: Record<string, string | null> = { Dockerfile: 'FROM node:20\nRUN make\n', 'new/Dockerfile': 'FROM alpine:3.19\n', 'old/Dockerfile': null, 'gone.txt': null };
    for (let i = 0; i < 120; i++) changes[`f/${String(i).padStart(3, '0')}.txt`] = `${i} changed\n`;
    const { number } = sim.openPullRequest('web', { branch: 'change', changes });

    const listed = await new PullRequestClient(simOctokit(sim), { owner: 'acme', repo: 'web' }).listFiles(number);

    expect(listed).toHaveLength(123);
    expect(sim.counters.byRoute['GET /repos/{owner}/{repo}/pulls/{pull_number}/files']).toBe(2);
    const byName = Object.fromEntries(listed.map((f) => [f.filename, f]));
    expect(byName.Dockerfile).toMatchObject({ status: 'modified', patch: '@@ -1,2 +1,2 @@\n-FROM node:18\n+FROM node:20\n RUN make' });
    expect(byName['new/Dockerfile']).toMatchObject({ status: 'renamed', previous_filename: 'old/Dockerfile' });
    // git omits the count of a one-line range.
    expect(byName['gone.txt']).toMatchObject({ status: 'removed', patch: '@@ -1 +0,0 @@\n-bye' });
    expect(byName['old/Dockerfile']).toBeUndefined();
  });
});

describe('routes', () => {
  it('records a route it does not implement and answers 404 like GitHub', async () => {
    const octokit = simOctokit(sim);
    await expect(octokit.request('GET /repos/{owner}/{repo}/releases', { owner: 'acme', repo: 'web' })).rejects.toMatchObject({ status: 404 });
    expect(sim.counters.unknown).toStrictEqual(['GET /api/v3/repos/acme/web/releases']);
  });

  it('pages the installation repositories with a total count', async () => {
    for (let i = 0; i < 150; i++) sim.state.addRepo(`r${i}`, { 'README.md': 'x\n' });
    const octokit = simOctokit(sim);
    const second = await octokit.request('GET /installation/repositories', { per_page: 100, page: 2 });
    expect(second.data.total_count).toBe(150);
    expect(second.data.repositories.map((r) => r.name)).toStrictEqual(Array.from({ length: 50 }, (_, i) => `r${i + 100}`));
    expect(second.headers.link).toContain('rel="prev"');
  });

  it('moves pushed_at when the default branch moves, not when another branch does', async () => {
    await sim.close();
    const clock = new SimClock();
    sim = await startSimulator({ clock });
    const repo = sim.state.addRepo('web', { Dockerfile: 'FROM node:18\n' });
    const first = repo.pushedAt;
    clock.advance(60_000);
    sim.state.commit(repo, 'feature', { Dockerfile: 'FROM node:20\n' }, 'feature');
    expect(repo.pushedAt).toBe(first);
    sim.state.commit(repo, 'main', { Dockerfile: 'FROM node:20\n' }, 'main');
    expect(repo.pushedAt).not.toBe(first);
  });
});
