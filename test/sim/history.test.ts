import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimClock } from './clock.js';
import { simOctokit } from './client.js';
import { startSimulator, type Simulator } from './server.js';

let sim: Simulator;
let clock: SimClock;
beforeEach(async () => {
  clock = new SimClock({ start: Date.parse('2026-03-01T12:00:00Z'), speed: 0.001 });
  sim = await startSimulator({ clock });
  sim.state.addRepo('web', { Dockerfile: 'FROM node:20\n', 'README.md': 'web\n' });
});
afterEach(() => sim.close());

const where = { owner: 'acme', repo: 'web' };

interface TimelineItem {
  event: string;
  sha?: string;
  created_at?: string;
  author?: { date: string };
  committer?: { date: string };
  actor?: { login: string };
  commit_id?: string | null;
  body?: string;
}

const timeline = async (number: number) =>
  (await simOctokit(sim).paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/timeline', { ...where, issue_number: number, per_page: 100 })) as unknown as TimelineItem[];

describe('commits and pushes', () => {
  it('a commit claims whatever dates its author likes; the push time is the server\'s own', async () => {
    const { number } = sim.openPullRequest('web', { branch: 'change', changes: { Dockerfile: 'FROM node:22\n' } });
    clock.advance(3_600_000);
    const forged = '2020-01-01T00:00:00Z';
    const { after, payload, pushedAt } = sim.synchronize('web', number, { Dockerfile: 'FROM ubuntu:22.04\n' }, { authorDate: forged, committerDate: forged });

    const commit = (await simOctokit(sim).request('GET /repos/{owner}/{repo}/commits/{ref}', { ...where, ref: after })).data;
    expect(commit.commit).toMatchObject({ author: { name: 'dev-dana', date: forged }, committer: { date: forged } });
    const push = sim.state.pushesOf('web', 'change').at(-1)!;
    expect(push).toMatchObject({ after, forced: false, pusher: { login: 'dev-dana' } });
    expect(push.at).toBe(pushedAt);
    expect(Date.parse(push.at)).toBeGreaterThan(Date.parse('2026-03-01T12:59:00Z'));
    expect(payload).toMatchObject({ action: 'synchronize', after, pull_request: { head: { sha: after } }, sender: { login: 'dev-dana' } });

    // The REST timeline: committed events have the commit's dates only, no created_at, and sit at
    // their author date, as GitHub orders commits: the forged one comes first.
    const items = await timeline(number);
    expect(items.map((i) => [i.event, i.sha])).toStrictEqual([
      ['committed', after],
      ['committed', sim.state.commits.get(after)!.parents[0]],
    ]);
    expect(items[0]).toMatchObject({ author: { date: forged }, committer: { date: forged } });
    expect(items[0]).not.toHaveProperty('created_at');
  });

  it('forcePush rewrites the branch: a new commit on the base, a head_ref_force_pushed event, forced push payload', async () => {
    const { number } = sim.openPullRequest('web', { branch: 'change', changes: { Dockerfile: 'FROM node:22\n' }, author: 'mallory' });
    const first = sim.state.repo('web').branches.get('change')!;
    const approval = sim.comment('web', number, 'olga', '/plimsoll approve all fine');
    clock.advance(1000);
    const forced = sim.forcePush('web', 'change', { Dockerfile: 'FROM ubuntu:22.04\n' });

    const repo = sim.state.repo('web');
    const commit = sim.state.commits.get(forced.after)!;
    expect(commit.parents).toStrictEqual([repo.branches.get('main')]);
    expect(sim.state.isAncestor(first, forced.after)).toBe(false);
    expect(sim.state.fileAt(repo, 'README.md', 'change')).toBe('web\n');
    expect(forced.payload).toMatchObject({ action: 'synchronize', before: first, after: forced.after, sender: { login: 'mallory' } });
    expect(forced.payloads).toHaveLength(1);
    expect(forced.push).toMatchObject({ ref: 'refs/heads/change', before: first, after: forced.after, forced: true, commits: [{ id: forced.after }] });

    // The new commit was made before it was pushed: it sits before the force push, at its author date.
    const items = await timeline(number);
    expect(items.map((i) => i.event)).toStrictEqual(['committed', 'commented', 'committed', 'head_ref_force_pushed']);
    const force = items[3]!;
    expect(force).toMatchObject({ actor: { login: 'mallory' }, commit_id: forced.after });
    expect(Date.parse(force.created_at!)).toBeGreaterThan(Date.parse(sim.state.comments.get(approval.id)!.createdAt));

    const query = `query { repository(owner: "acme", name: "web") { pullRequest(number: ${number}) { headRefOid
      timelineItems(first: 50, itemTypes: [HEAD_REF_FORCE_PUSHED_EVENT, PULL_REQUEST_COMMIT, ISSUE_COMMENT]) { totalCount nodes { __typename
        ... on HeadRefForcePushedEvent { createdAt actor { login } beforeCommit { oid } afterCommit { oid } }
        ... on PullRequestCommit { commit { oid committedDate authoredDate } }
        ... on IssueComment { databaseId createdAt } } } } } }`;
    const data = await simOctokit(sim).graphql<{ repository: { pullRequest: { headRefOid: string; timelineItems: { nodes: Array<Record<string, unknown>> } } } }>(query);
    expect(data.repository.pullRequest.headRefOid).toBe(forced.after);
    expect(data.repository.pullRequest.timelineItems.nodes).toMatchObject([
      { __typename: 'PullRequestCommit', commit: { oid: first } },
      { __typename: 'IssueComment', databaseId: approval.id },
      { __typename: 'PullRequestCommit', commit: { oid: forced.after } },
      { __typename: 'HeadRefForcePushedEvent', createdAt: force.created_at, actor: { login: 'mallory' }, beforeCommit: { oid: first }, afterCommit: { oid: forced.after } },
    ]);

    // Forged back in time, a commit pushed after the approval sits before it in the timeline.
    const backdated = sim.forcePush('web', 'change', { Dockerfile: 'FROM debian:12\n' }, { authorDate: '2026-03-01T11:00:00Z' });
    const order = (await timeline(number)).map((i) => i.sha ?? i.event);
    expect(order.indexOf(backdated.after)).toBeLessThan(order.indexOf('commented'));
  });

  it('lists a pull request\'s commits, and a path\'s history on a branch', async () => {
    const { number } = sim.openPullRequest('web', { branch: 'change', changes: { Dockerfile: 'FROM node:22\n' } });
    sim.synchronize('web', number, { 'README.md': 'more\n' });
    sim.push('web', 'main', { Dockerfile: 'FROM node:21\n' }, 'main moves');
    const octokit = simOctokit(sim);

    const commits = await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/commits', { ...where, pull_number: number });
    expect(commits.data.map((c) => c.commit.message)).toStrictEqual(['Change Dockerfile', 'Update README.md']);

    const history = await octokit.request('GET /repos/{owner}/{repo}/commits', { ...where, sha: 'main', path: 'Dockerfile' });
    expect(history.data.map((c) => c.commit.message)).toStrictEqual(['main moves', 'Initial commit']);
  });

  it('GraphQL reads what the app needs of a pull request: heads, state, author, its last commit with dates and check suites', async () => {
    const { number } = sim.openPullRequest('web', { branch: 'change', changes: { Dockerfile: 'FROM node:22\n' }, author: 'mallory', authorDate: '2019-05-05T05:05:05Z' });
    const repo = sim.state.repo('web');
    const head = repo.branches.get('change')!;
    await simOctokit(sim).request('POST /repos/{owner}/{repo}/check-runs', { ...where, name: 'plimsoll', head_sha: head, conclusion: 'neutral', output: { title: 't', summary: 's' } });
    const query = `query($n: Int!, $app: Int!) { repository(owner: "acme", name: "web") { pullRequest(number: $n) {
      number state headRefOid baseRefOid author { __typename login }
      commits(last: 1) { totalCount nodes { commit { oid authoredDate committedDate
        checkSuites(first: 5, filterBy: { appId: $app, checkName: "plimsoll" }) { nodes { createdAt app { databaseId slug } checkRuns(first: 5, filterBy: { checkName: "plimsoll" }) { nodes { name status conclusion } } } } } } } } } }`;
    const data = await simOctokit(sim).graphql<{ repository: { pullRequest: Record<string, unknown> } }>(query, { n: number, app: sim.state.app.id });
    expect(data.repository.pullRequest).toStrictEqual({
      number,
      state: 'OPEN',
      headRefOid: head,
      baseRefOid: repo.branches.get('main'),
      author: { __typename: 'User', login: 'mallory' },
      commits: {
        totalCount: 1,
        nodes: [
          {
            commit: {
              oid: head,
              authoredDate: '2019-05-05T05:05:05Z',
              committedDate: sim.state.commits.get(head)!.committer!.date,
              checkSuites: { nodes: [{ createdAt: sim.state.checkSuitesOf('web', head)[0]!.createdAt, app: { databaseId: sim.state.app.id, slug: 'plimsoll' }, checkRuns: { nodes: [{ name: 'plimsoll', status: 'COMPLETED', conclusion: 'NEUTRAL' }] } }] },
            },
          },
        ],
      },
    });
  });

  it('deleting a branch: push payload deleted, head_ref_deleted on the pull request, which keeps its head', async () => {
    const { number } = sim.openPullRequest('web', { branch: 'change', changes: { Dockerfile: 'FROM node:22\n' } });
    const head = sim.state.repo('web').branches.get('change')!;
    const { payload } = sim.deleteBranch('web', 'change');
    expect(payload).toMatchObject({ ref: 'refs/heads/change', before: head, after: '0'.repeat(40), deleted: true, commits: [] });
    const pull = await simOctokit(sim).request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...where, pull_number: number });
    expect(pull.data.head.sha).toBe(head);
    expect((await timeline(number)).map((i) => i.event)).toStrictEqual(['committed', 'head_ref_deleted']);
  });

  it('closing and merging: pull_request.closed payloads, merged state and the base moved', async () => {
    const { number } = sim.openPullRequest('web', { branch: 'change', changes: { Dockerfile: 'FROM node:22\n' } });
    const closed = sim.closePullRequest('web', number, { login: 'olga' });
    expect(closed.payload).toMatchObject({ action: 'closed', pull_request: { state: 'closed', merged: false, closed_at: expect.any(String) }, sender: { login: 'olga' } });
    sim.reopenPullRequest('web', number);
    const merged = sim.closePullRequest('web', number, { merge: true });
    expect(merged.payload).toMatchObject({ action: 'closed', pull_request: { merged: true, merged_at: expect.any(String), merge_commit_sha: merged.mergeCommit } });
    expect(sim.state.fileAt(sim.state.repo('web'), 'Dockerfile')).toBe('FROM node:22\n');
  });
});

describe('installation events', () => {
  it('installation.created lists the repositories; installation_repositories.added the new ones', () => {
    const added = sim.state.addRepo('api', { Dockerfile: 'FROM node:20\n' });
    expect(sim.payloads.installation('created')).toMatchObject({
      action: 'created',
      installation: { id: sim.state.installationId, app_id: sim.state.app.id, app_slug: 'plimsoll', repository_selection: 'all', permissions: sim.state.permissions, events: expect.arrayContaining(['pull_request', 'push']) },
      repositories: [{ full_name: 'acme/web' }, { full_name: 'acme/api' }],
    });
    sim.state.setInstalledRepositories(['web', 'api']);
    expect(sim.payloads.installationRepositories('added', [added])).toMatchObject({
      action: 'added',
      repository_selection: 'selected',
      repositories_added: [{ id: added.id, name: 'api', full_name: 'acme/api', private: true }],
      repositories_removed: [],
    });
  });
});
