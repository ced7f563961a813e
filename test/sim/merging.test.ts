import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimClock } from './clock.js';
import { simOctokit } from './client.js';
import { startSimulator, type Simulator } from './server.js';

const CI = 15368;
const OTHER = 666;
const where = { owner: 'acme', repo: 'web' };
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: { status: number; response: { data: { message: string } } }) => ({ status: error.status, message: error.response.data.message }));

let sim: Simulator;
let number: number;
const head = () => sim.state.headSha(sim.state.repo('web'), sim.state.pull(sim.state.repo('web'), number)!);
const pr = () => sim.state.pull(sim.state.repo('web'), number)!;

beforeEach(async () => {
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-03-01T12:00:00Z') }) });
  sim.state.addApp({ id: CI, slug: 'github-actions', permissions: { metadata: 'read', checks: 'write', statuses: 'write' } });
  sim.state.addApp({ id: OTHER, slug: 'helpful-bot', permissions: { metadata: 'read', checks: 'write', statuses: 'write' } });
  sim.state.addRepo('web', { Dockerfile: 'FROM node:20\n', 'README.md': '# web\n' });
  number = sim.openPullRequest('web', { branch: 'change', changes: { Dockerfile: 'FROM node:22\n' }, title: 'Node 22' }).number;
});
afterEach(() => sim.close());

const merge = (body: Record<string, unknown> = {}) => simOctokit(sim).request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', { ...where, pull_number: number, ...body });

describe('merging a pull request as GitHub does', () => {
  it('refuses with 409 when the head is not the sha given, and merges the one given', async () => {
    expect(await refusal(merge({ sha: 'f'.repeat(40) }))).toEqual({ status: 409, message: 'Head branch was modified. Review and try the merge again.' });
    const { data } = await merge({ sha: head(), merge_method: 'merge' });
    expect(data).toMatchObject({ merged: true, message: 'Pull Request successfully merged' });
    expect(pr().pull.merged).toBe(true);
    expect(await refusal(merge())).toEqual({ status: 405, message: 'Pull Request is not mergeable' });
  });

  it('squashes onto the base, keeping what the base gained since, committed and signed by GitHub', async () => {
    sim.push('web', 'main', { 'README.md': '# web, newer\n' }, 'Docs');
    await merge({ merge_method: 'squash' });
    const repo = sim.state.repo('web');
    const tip = sim.state.commits.get(repo.branches.get('main')!)!;
    expect(tip.message).toBe('Node 22 (#1)');
    expect(tip.parents).toHaveLength(1);
    expect(tip.signed).toBe(true);
    expect(sim.state.fileAt(repo, 'Dockerfile')).toBe('FROM node:22\n');
    expect(sim.state.fileAt(repo, 'README.md')).toBe('# web, newer\n');
  });

  it('refuses a method the repository does not allow', async () => {
    sim.repoSettings('web', { allowSquashMerge: false, allowRebaseMerge: false });
    expect(await refusal(merge({ merge_method: 'squash' }))).toEqual({ status: 405, message: 'Squash merges are not allowed on this repository.' });
    expect(await refusal(merge({ merge_method: 'rebase' }))).toEqual({ status: 405, message: 'Rebase merges are not allowed on this repository.' });
    expect(pr().pull.merged).toBe(false);
  });

  it('enforces required checks from the app they are bound to; another app, or a status, does not satisfy them', async () => {
    sim.protectBranch('web', 'main', { checks: [{ context: 'ci', appId: CI }] });
    expect(await refusal(merge())).toEqual({ status: 405, message: 'Required status check "ci" is expected.' });
    sim.reportCheck('web', head(), { appId: OTHER, name: 'ci', conclusion: 'success' });
    sim.setStatus('web', head(), { context: 'ci', state: 'success', appId: OTHER });
    expect(await refusal(merge())).toEqual({ status: 405, message: 'Required status check "ci" is expected.' });
    sim.reportCheck('web', head(), { appId: CI, name: 'ci', conclusion: 'failure' });
    expect(await refusal(merge())).toEqual({ status: 405, message: 'Required status check "ci" is failing.' });
    // A re-run replaces the failed run.
    sim.reportCheck('web', head(), { appId: CI, name: 'ci', conclusion: 'success' });
    await merge();
    expect(pr().pull.merged).toBe(true);
  });

  it('with strict, a branch behind its base is refused until "Update branch" merges the base in', async () => {
    sim.protectBranch('web', 'main', { checks: [{ context: 'ci', appId: null }], strict: true });
    sim.push('web', 'main', { 'README.md': '# web, newer\n' }, 'Docs');
    sim.setStatus('web', head(), { context: 'ci', state: 'success', login: 'jenkins' });
    expect(await refusal(merge())).toEqual({ status: 405, message: 'Head branch is out of date. Update the branch and try again.' });

    const before = head();
    expect(await refusal(simOctokit(sim).request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch', { ...where, pull_number: number, expected_head_sha: 'f'.repeat(40) }))).toMatchObject({ status: 422 });
    await simOctokit(sim).request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch', { ...where, pull_number: number, expected_head_sha: before });
    const merged = sim.state.commits.get(head())!;
    expect(merged.parents).toEqual([before, sim.state.repo('web').branches.get('main')]);
    expect(merged).toMatchObject({ signed: true, author: { name: 'plimsoll[bot]' }, committer: { email: 'noreply@github.com' } });
    // The new head needs its own green check.
    expect(await refusal(merge())).toEqual({ status: 405, message: 'Required status check "ci" is expected.' });
    sim.setStatus('web', head(), { context: 'ci', state: 'success', login: 'jenkins' });
    await merge();
    expect(sim.state.fileAt(sim.state.repo('web'), 'README.md')).toBe('# web, newer\n');
  });
});

describe("GitHub's auto-merge", () => {
  const enable = () =>
    simOctokit(sim).graphql<{ enablePullRequestAutoMerge: { pullRequest: { autoMergeRequest: { mergeMethod: string } } } }>(
      'mutation($id: ID!, $head: GitObjectID!) { enablePullRequestAutoMerge(input: { pullRequestId: $id, mergeMethod: SQUASH, expectedHeadOid: $head }) { pullRequest { autoMergeRequest { mergeMethod enabledBy { login } } } } }',
      { id: pr().nodeId, head: head() },
    );
  const message = (promise: Promise<unknown>) => promise.then(() => null, (error: { errors?: Array<{ message: string }> }) => error.errors?.[0]?.message);

  it('is refused where the repository does not allow it, on an unprotected base, and on a pull request that could merge now', async () => {
    expect(await message(enable())).toBe('Auto merge is not allowed for this repository');
    sim.repoSettings('web', { allowAutoMerge: true });
    expect(await message(enable())).toBe('Pull request Protected branch rules not configured for this branch');
    sim.protectBranch('web', 'main', { checks: [{ context: 'ci', appId: CI }] });
    sim.reportCheck('web', head(), { appId: CI, name: 'ci', conclusion: 'success' });
    expect(await message(enable())).toBe('Pull request Pull request is in clean status');
  });

  it('merges, as whoever enabled it, once the required checks pass; disabling stops it', async () => {
    sim.repoSettings('web', { allowAutoMerge: true });
    sim.protectBranch('web', 'main', { checks: [{ context: 'ci', appId: CI }] });
    const { enablePullRequestAutoMerge } = await enable();
    expect(enablePullRequestAutoMerge.pullRequest.autoMergeRequest).toEqual({ mergeMethod: 'SQUASH', enabledBy: { login: 'plimsoll' } });

    expect(sim.reportCheck('web', head(), { appId: OTHER, name: 'ci', conclusion: 'success' }).autoMerged).toEqual([]);
    expect(sim.reportCheck('web', head(), { appId: CI, name: 'ci', conclusion: 'success' }).autoMerged).toEqual([{ repo: 'web', number }]);
    const { data } = await simOctokit(sim).request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...where, pull_number: number });
    expect(data).toMatchObject({ merged: true, merged_by: { login: 'plimsoll[bot]' }, auto_merge: null });
  });

  it('disabled, it merges nothing', async () => {
    sim.repoSettings('web', { allowAutoMerge: true });
    sim.protectBranch('web', 'main', { checks: [{ context: 'ci', appId: CI }] });
    await enable();
    await simOctokit(sim).graphql('mutation($id: ID!) { disablePullRequestAutoMerge(input: { pullRequestId: $id }) { pullRequest { id } } }', { id: pr().nodeId });
    expect(sim.reportCheck('web', head(), { appId: CI, name: 'ci', conclusion: 'success' }).autoMerged).toEqual([]);
    expect(pr().pull.merged).toBe(false);
  });
});

describe('branch protection as an installation sees it', () => {
  it('GET branches/{b} shows which checks are required, from which app, with contents: read; the protection API needs administration', async () => {
    sim.protectBranch('web', 'main', { checks: [{ context: 'ci', appId: CI }, { context: 'lint' }], strict: true });
    const { data } = await simOctokit(sim).request('GET /repos/{owner}/{repo}/branches/{branch}', { ...where, branch: 'main' });
    expect(data).toMatchObject({
      name: 'main',
      protected: true,
      protection: { enabled: true, required_status_checks: { enforcement_level: 'non_admins', contexts: ['ci', 'lint'], checks: [{ context: 'ci', app_id: CI }, { context: 'lint', app_id: null }] } },
    });
    expect(await refusal(simOctokit(sim).request('GET /repos/{owner}/{repo}/branches/{branch}/protection', { ...where, branch: 'main' }))).toEqual({ status: 403, message: 'Resource not accessible by integration' });

    sim.state.permissions = { ...sim.state.permissions, administration: 'read' };
    const { data: full } = await simOctokit(sim).request('GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks', { ...where, branch: 'main' });
    expect(full).toMatchObject({ strict: true, checks: [{ context: 'ci', app_id: CI }, { context: 'lint', app_id: null }] });
  });

  it('an unprotected branch says so', async () => {
    const { data } = await simOctokit(sim).request('GET /repos/{owner}/{repo}/branches/{branch}', { ...where, branch: 'main' });
    expect(data).toMatchObject({ protected: false, protection: { enabled: false, required_status_checks: { enforcement_level: 'off', checks: [] } } });
  });
});

describe('statuses, reviews, commit signatures', () => {
  it('statuses need statuses: write to set (Plimsoll has read) and read to list; the combined status keeps the newest per context', async () => {
    expect(await refusal(simOctokit(sim).request('POST /repos/{owner}/{repo}/statuses/{sha}', { ...where, sha: head(), state: 'success', context: 'ci' }))).toMatchObject({ status: 403 });
    const ci = simOctokit(sim, sim.installationToken({ appId: CI }));
    await ci.request('POST /repos/{owner}/{repo}/statuses/{sha}', { ...where, sha: head(), state: 'pending', context: 'ci' });
    await ci.request('POST /repos/{owner}/{repo}/statuses/{sha}', { ...where, sha: head(), state: 'success', context: 'ci' });
    const { data } = await simOctokit(sim).request('GET /repos/{owner}/{repo}/commits/{ref}/status', { ...where, ref: head() });
    expect(data).toMatchObject({ state: 'success', total_count: 1, statuses: [{ context: 'ci', state: 'success', creator: { login: 'github-actions[bot]' } }] });
  });

  it("GraphQL's latest opinionated reviews: the newest approving or change-requesting review per reviewer, none once dismissed", async () => {
    sim.review('web', number, 'ines', 'CHANGES_REQUESTED');
    sim.review('web', number, 'olga', 'APPROVED');
    sim.review('web', number, 'olga', 'COMMENTED');
    const query = 'query { repository(owner: "acme", name: "web") { pullRequest(number: 1) { latestOpinionatedReviews(first: 10) { nodes { state author { login } } } } } }';
    const read = () => simOctokit(sim).graphql<{ repository: { pullRequest: { latestOpinionatedReviews: { nodes: unknown[] } } } }>(query);
    expect((await read()).repository.pullRequest.latestOpinionatedReviews.nodes).toEqual([
      { state: 'CHANGES_REQUESTED', author: { login: 'ines' } },
      { state: 'APPROVED', author: { login: 'olga' } },
    ]);
    sim.review('web', number, 'ines', 'DISMISSED');
    expect((await read()).repository.pullRequest.latestOpinionatedReviews.nodes).toEqual([{ state: 'APPROVED', author: { login: 'olga' } }]);
  });

  it('a pushed commit carries no signature; one GitHub made is verified, and committed by web-flow', async () => {
    const pushed = head();
    await merge({ merge_method: 'merge' });
    const merged = sim.state.repo('web').branches.get('main')!;
    const commit = (sha: string) => simOctokit(sim).request('GET /repos/{owner}/{repo}/commits/{ref}', { ...where, ref: sha });
    expect((await commit(pushed)).data).toMatchObject({ commit: { verification: { verified: false, reason: 'unsigned' } } });
    expect((await commit(merged)).data).toMatchObject({ commit: { verification: { verified: true, reason: 'valid' } }, committer: { login: 'web-flow' } });
  });
});

describe('repository_dispatch', () => {
  const dispatch = (body: Record<string, unknown>) => simOctokit(sim).request('POST /repos/{owner}/{repo}/dispatches', { ...where, ...(body as { event_type: string }) });

  it('answers 204 and records the event', async () => {
    const { status } = await dispatch({ event_type: 'plimsoll-base-banned', client_payload: { image: 'node' } });
    expect(status).toBe(204);
    expect(sim.state.dispatches).toMatchObject([{ repo: 'web', eventType: 'plimsoll-base-banned', clientPayload: { image: 'node' }, appId: sim.state.app.id }]);
  });

  it("refuses what GitHub refuses: no event type, more than 10 payload keys, contents: read only", async () => {
    expect(await refusal(dispatch({ client_payload: {} }))).toMatchObject({ status: 422 });
    expect(await refusal(dispatch({ event_type: 'x', client_payload: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i])) }))).toMatchObject({ status: 422 });
    sim.state.permissions = { ...sim.state.permissions, contents: 'read' };
    expect(await refusal(dispatch({ event_type: 'x' }))).toMatchObject({ status: 403 });
    expect(sim.state.dispatches).toEqual([]);
  });
});
