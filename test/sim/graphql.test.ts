import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBumpState } from '../../src/github/bump-read.js';
import { createBumpGitHub } from '../../src/github/bump-write.js';
import { discoverRepositories } from '../../src/github/inventory-discover.js';
import { simOctokit } from './client.js';
import { startSimulator, type Simulator } from './server.js';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(() => sim.close());

const noThrottle = { acquire: async () => undefined, pauseUntil: () => undefined };
const where = { owner: 'acme', repo: 'web' };

describe('the queries of the app', () => {
  it('readBumpState sees the default branch, the bump branch, its pull request and the files', async () => {
    const repo = sim.state.addRepo('web', { Dockerfile: 'FROM node:18.19.1\n', 'api/Dockerfile': 'FROM node:18.19.1-alpine\n' });
    const base = repo.branches.get('main')!;
    sim.state.commit(repo, 'plimsoll/node', { Dockerfile: 'FROM node:20.11.1\n' }, 'Bump node to 20.11.1');
    const pr = sim.state.createPull(repo, { head: 'plimsoll/node', title: 'Bump node', body: 'body text' });

    const { state, files } = await readBumpState(simOctokit(sim), where, 'plimsoll/node', ['Dockerfile', 'api/Dockerfile', 'missing/Dockerfile']);

    expect(files).toStrictEqual({ Dockerfile: 'FROM node:18.19.1\n', 'api/Dockerfile': 'FROM node:18.19.1-alpine\n', 'missing/Dockerfile': null });
    expect(state).toMatchObject({
      repositoryId: repo.nodeId,
      defaultBranch: 'main',
      baseOid: base,
      branch: { oid: repo.branches.get('plimsoll/node'), parentOid: base, message: 'Bump node to 20.11.1' },
      pullRequests: [{ id: pr.nodeId, number: pr.number, url: `${sim.url}/acme/web/pull/${pr.number}`, state: 'open', body: 'body text' }],
    });
    expect(sim.counters.byRoute).toStrictEqual({ 'POST /graphql': 1 });
  });

  it('discoverRepositories lists container definitions and skips archived and empty repositories', async () => {
    sim.state.addRepo('web', { Dockerfile: 'FROM node:20.11.1\n', 'README.md': 'hi\n', 'node_modules/x/Dockerfile': 'FROM scratch\n' });
    sim.state.addRepo('old', { Dockerfile: 'FROM centos:7\n' }, { archived: true });
    sim.state.addRepo('empty');

    const found = await discoverRepositories(simOctokit(sim));

    expect(Object.keys(found.repos)).toStrictEqual(['acme/web']);
    expect(found.repos['acme/web']!.files.map((f) => f.path)).toStrictEqual(['Dockerfile']);
    expect(found.reads).toBe(3);
  });

  it('answers a field GitHub does not have with a validation error, as GitHub would', async () => {
    sim.state.addRepo('web', { Dockerfile: 'FROM node:20\n' });
    await expect(simOctokit(sim).graphql('query { repository(owner: "acme", name: "web") { dockerfiles } }')).rejects.toThrow(
      'Cannot query field "dockerfiles" on type "Repository".',
    );
  });
});

describe('the mutations of the fan-out', () => {
  it('creates the branch, commits and opens the pull request in one request, then updates and closes it', async () => {
    const repo = sim.state.addRepo('web', { Dockerfile: 'FROM node:18.19.1\n' });
    const github = createBumpGitHub(simOctokit(sim), noThrottle);
    const { state } = await github.readState(where, 'plimsoll/node', ['Dockerfile']);
    const commit = { headline: 'Bump node to 20.11.1', body: 'why', files: [{ path: 'Dockerfile', contents: 'FROM node:20.11.1\n' }] };

    const opened = await github.openPullRequest(where, { branch: 'plimsoll/node', state, commit, title: 'Bump node', body: 'first' });

    expect(opened).toStrictEqual({ number: 1, url: `${sim.url}/acme/web/pull/1` });
    expect(sim.state.fileAt(repo, 'Dockerfile', 'plimsoll/node')).toBe('FROM node:20.11.1\n');
    expect(sim.state.commits.get(repo.branches.get('plimsoll/node')!)!.message).toBe('Bump node to 20.11.1\n\nwhy');

    sim.state.commit(repo, 'main', { 'README.md': 'moved on\n' }, 'unrelated');
    const { state: later } = await github.readState(where, 'plimsoll/node', ['Dockerfile']);
    const pull = later.pullRequests[0]!;
    await github.updatePullRequest(where, { branch: 'plimsoll/node', state: later, commit: { ...commit, files: [{ path: 'Dockerfile', contents: 'FROM node:20.12.0\n' }] }, pullRequestId: pull.id, title: 'Bump node to 20.12.0', body: 'second' });
    const head = sim.state.commits.get(repo.branches.get('plimsoll/node')!)!;
    expect(head.parents).toStrictEqual([repo.branches.get('main')]);
    expect(sim.state.pull(repo, 1)).toMatchObject({ title: 'Bump node to 20.12.0', body: 'second', state: 'open' });

    await github.closePullRequest(where, pull.id, 'superseded');
    expect(sim.state.pull(repo, 1)).toMatchObject({ state: 'closed', body: 'superseded' });
    expect(sim.counters.writes).toBe(3);
  });

  it('refuses createCommitOnBranch when the branch moved since it was read', async () => {
    const repo = sim.state.addRepo('web', { Dockerfile: 'FROM node:18\n' });
    const stale = repo.branches.get('main')!;
    sim.state.commit(repo, 'main', { Dockerfile: 'FROM node:19\n' }, 'someone else');

    const result = simOctokit(sim).graphql(
      `mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }`,
      { input: { branch: { repositoryNameWithOwner: 'acme/web', branchName: 'main' }, expectedHeadOid: stale, message: { headline: 'x' }, fileChanges: { additions: [{ path: 'Dockerfile', contents: Buffer.from('FROM node:20\n').toString('base64') }] } } },
    );

    await expect(result).rejects.toMatchObject({
      errors: [{ type: 'STALE_DATA', message: `Expected branch to point to "${stale}" but it did not. Pull and try again.`, path: ['createCommitOnBranch'] }],
    });
    expect(sim.state.fileAt(repo, 'Dockerfile')).toBe('FROM node:19\n');
  });
});
