import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProbot } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { PRIVATE_KEY, WEBHOOK_SECRET } from '../e2e/app.js';
import { appJwt, simAppOctokit, simOctokit } from './client.js';
import { SimClock } from './clock.js';
import { loadAppManifest, type Need, type Permissions } from './permissions.js';
import { routes } from './rest.js';
import type { RestRequest } from './rest-kit.js';
import { GitHubState } from './state.js';
import { startSimulator, type Simulator } from './server.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const where = { owner: 'acme', repo: 'web' };

/** A simulator with a repository, an issue (#1), a pull request (#2) with a comment, and a check run. */
async function arrange(permissions?: Permissions) {
  const s = await startSimulator(permissions ? { permissions } : {});
  s.state.addTeam('platform-ops', ['olga']);
  const repo = s.state.addRepo('web', { Dockerfile: 'FROM node:20\n' });
  s.state.createIssue(repo, { title: 'an issue' });
  const { number } = s.openPullRequest('web', { branch: 'change', changes: { Dockerfile: 'FROM node:22\n' } });
  const comment = s.state.addComment(repo, number, 'hello', s.state.user('dev-dana'));
  const issueComment = s.state.addComment(repo, 1, 'on the issue', s.state.user('dev-dana'));
  const head = repo.branches.get('change')!;
  const run = { id: s.state.id(), repo: 'web', name: 'plimsoll', headSha: head, status: 'completed', conclusion: 'success', output: {}, annotations: [], appId: s.state.app.id, suiteId: s.state.checkSuite(repo, s.state.app.id, head).id };
  s.state.checkRuns.set(run.id, run);
  return { sim: s, repo, number, comment, issueComment, head, run };
}

type Arranged = Awaited<ReturnType<typeof arrange>>;
type Request = (a: Arranged) => Promise<unknown>;

/** Each route the app may use, the request that exercises it, and the permission GitHub documents for it. */
const cases: Array<[string, Permissions, Request]> = [
  ['GET /repos/{owner}/{repo}/contents/{path}', { contents: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/contents/{path}', { ...where, path: 'Dockerfile' })],
  ['GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { contents: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...where, tree_sha: 'main' })],
  ['GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { contents: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { ...where, file_sha: a.repo.branches.get('main') ? a.sim.state.commits.get(a.head)!.tree.get('Dockerfile')! : '' })],
  ['GET /repos/{owner}/{repo}/commits', { contents: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/commits', where)],
  ['GET /repos/{owner}/{repo}/commits/{ref}', { contents: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/commits/{ref}', { ...where, ref: 'main' })],
  ['POST /repos/{owner}/{repo}/git/refs', { contents: 'write' }, (a) => simOctokit(a.sim).request('POST /repos/{owner}/{repo}/git/refs', { ...where, ref: 'refs/heads/new', sha: a.head })],
  ['PATCH /repos/{owner}/{repo}/git/refs/{ref}', { contents: 'write' }, (a) => simOctokit(a.sim).request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { ...where, ref: 'heads/change', sha: a.head })],
  ['DELETE /repos/{owner}/{repo}/git/refs/{ref}', { contents: 'write' }, (a) => simOctokit(a.sim).request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', { ...where, ref: 'heads/change' })],
  ['GET /repos/{owner}/{repo}/pulls', { pull_requests: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/pulls', where)],
  ['GET /repos/{owner}/{repo}/pulls/{pull_number}', { pull_requests: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...where, pull_number: a.number })],
  ['GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { pull_requests: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { ...where, pull_number: a.number })],
  ['GET /repos/{owner}/{repo}/pulls/{pull_number}/commits', { pull_requests: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/pulls/{pull_number}/commits', { ...where, pull_number: a.number })],
  ['PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { pull_requests: 'write' }, (a) => simOctokit(a.sim).request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { ...where, pull_number: a.number, title: 't' })],
  ['POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', { pull_requests: 'write' }, (a) => simOctokit(a.sim).request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', { ...where, pull_number: a.number, team_reviewers: ['platform-ops'] })],
  ['POST /repos/{owner}/{repo}/check-runs', { checks: 'write' }, (a) => simOctokit(a.sim).request('POST /repos/{owner}/{repo}/check-runs', { ...where, name: 'plimsoll', head_sha: a.head })],
  ['PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { checks: 'write' }, (a) => simOctokit(a.sim).request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...where, check_run_id: a.run.id, status: 'in_progress' })],
  ['GET /repos/{owner}/{repo}/check-runs/{check_run_id}', { checks: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...where, check_run_id: a.run.id })],
  ['GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { checks: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...where, ref: a.head })],
  ['GET /repos/{owner}/{repo}/commits/{ref}/check-suites', { checks: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/commits/{ref}/check-suites', { ...where, ref: a.head })],
  ['POST /repos/{owner}/{repo}/issues', { issues: 'write' }, (a) => simOctokit(a.sim).request('POST /repos/{owner}/{repo}/issues', { ...where, title: 'inventory' })],
  ['PATCH /repos/{owner}/{repo}/issues/{issue_number}', { issues: 'write' }, (a) => simOctokit(a.sim).request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...where, issue_number: 1, body: 'b' })],
  ['GET /repos/{owner}/{repo}/issues/{issue_number}/comments (issue)', { issues: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...where, issue_number: 1 })],
  ['POST /repos/{owner}/{repo}/issues/{issue_number}/comments (issue)', { issues: 'write' }, (a) => simOctokit(a.sim).request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...where, issue_number: 1, body: 'b' })],
  ['PATCH /repos/{owner}/{repo}/issues/comments/{comment_id} (issue)', { issues: 'write' }, (a) => simOctokit(a.sim).request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...where, comment_id: a.issueComment.id, body: 'b' })],
  ['POST /repos/{owner}/{repo}/issues/{issue_number}/labels (issue)', { issues: 'write' }, (a) => simOctokit(a.sim).request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...where, issue_number: 1, labels: ['x'] })],
  ['GET /orgs/{org}/teams/{team_slug}/memberships/{username}', { members: 'read' }, (a) => simOctokit(a.sim).request('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', { org: 'acme', team_slug: 'platform-ops', username: 'olga' })],
  ['GET /repos/{owner}/{repo}/branches/{branch}/protection', { administration: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/branches/{branch}/protection', { ...where, branch: 'main' })],
  ['GET /repos/{owner}/{repo}/branches/{branch}', { contents: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/branches/{branch}', { ...where, branch: 'main' })],
  ['PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', { contents: 'write' }, (a) => simOctokit(a.sim).request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', { ...where, pull_number: a.number, sha: a.head })],
  ['PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch', { pull_requests: 'write' }, (a) => simOctokit(a.sim).request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch', { ...where, pull_number: a.number })],
  ['GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { pull_requests: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { ...where, pull_number: a.number })],
  ['POST /repos/{owner}/{repo}/dispatches', { contents: 'write' }, (a) => simOctokit(a.sim).request('POST /repos/{owner}/{repo}/dispatches', { ...where, event_type: 'plimsoll-base-banned' })],
  ['GET /repos/{owner}/{repo}/commits/{ref}/status', { statuses: 'read' }, (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/commits/{ref}/status', { ...where, ref: a.head })],
  ['POST /repos/{owner}/{repo}/statuses/{sha}', { statuses: 'write' }, (a) => simOctokit(a.sim).request('POST /repos/{owner}/{repo}/statuses/{sha}', { ...where, sha: a.head, state: 'success' })],
];

/** Comments, labels and reactions on a pull request accept `issues` or `pull_requests`. */
const eitherCases: Array<[string, 'read' | 'write', Request]> = [
  ['GET /repos/{owner}/{repo}/issues/{issue_number}/comments', 'read', (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...where, issue_number: a.number })],
  ['POST /repos/{owner}/{repo}/issues/{issue_number}/comments', 'write', (a) => simOctokit(a.sim).request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...where, issue_number: a.number, body: 'b' })],
  ['PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', 'write', (a) => simOctokit(a.sim).request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...where, comment_id: a.comment.id, body: 'b' })],
  ['DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', 'write', (a) => simOctokit(a.sim).request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...where, comment_id: a.comment.id })],
  ['POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', 'write', (a) => simOctokit(a.sim).request('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', { ...where, comment_id: a.comment.id, content: '+1' })],
  ['GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', 'read', (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', { ...where, comment_id: a.comment.id })],
  ['POST /repos/{owner}/{repo}/issues/{issue_number}/labels', 'write', (a) => simOctokit(a.sim).request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...where, issue_number: a.number, labels: ['plimsoll'] })],
  ['GET /repos/{owner}/{repo}/issues/{issue_number}/timeline', 'read', (a) => simOctokit(a.sim).request('GET /repos/{owner}/{repo}/issues/{issue_number}/timeline', { ...where, issue_number: a.number })],
];

/** Everything but `permission`: a write held at read, a read not held at all. */
function without(permission: Permissions): Permissions {
  const [[name, level]] = Object.entries(permission) as [[string, string]];
  const all: Permissions = { metadata: 'read', contents: 'write', checks: 'write', pull_requests: 'write', issues: 'write', members: 'read', administration: 'read', statuses: 'write' };
  if (level === 'write') return { ...all, [name]: 'read' };
  const rest = { ...all };
  delete rest[name];
  return rest;
}

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: { status: number; response: { data: unknown; headers: Record<string, string> } }) => error);

describe('GitHub App permissions, as GitHub enforces them', () => {
  it("grants app.yml's default_permissions, and the token endpoint reports them", async () => {
    sim = await startSimulator();
    expect(sim.state.permissions).toStrictEqual({ ...loadAppManifest().permissions });
    expect(sim.state.permissions).toMatchObject({ checks: 'write', contents: 'write', issues: 'write', pull_requests: 'write', members: 'read', metadata: 'read' });

    // Probot's own flow: a JWT naming APP_ID, an installation token, then the request.
    const probot = createProbot({ env: { APP_ID: '7', PRIVATE_KEY, WEBHOOK_SECRET, GHE_HOST: sim.host, GHE_PROTOCOL: 'http', LOG_LEVEL: 'fatal' } });
    sim.state.addRepo('web', { Dockerfile: 'FROM node:20\n' });
    await (await probot.auth(sim.state.installationId)).request('GET /repos/{owner}/{repo}', where);
    const minted = await simAppOctokit(sim, 7).request('POST /app/installations/{installation_id}/access_tokens', { installation_id: sim.state.installationId });
    expect(minted.status).toBe(201);
    expect(minted.data).toMatchObject({ token: expect.stringMatching(/^ghs_sim/), permissions: sim.state.permissions, repository_selection: 'all' });
    // The JWT's iss is the app's id from now on.
    expect(sim.state.app.id).toBe(7);
  });

  it('reads another app.yml when asked to', async () => {
    const path = join(tmpdir(), `plimsoll-app-${process.pid}.yml`);
    writeFileSync(path, 'name: Other\ndefault_events: [push]\ndefault_permissions:\n  contents: read\n');
    sim = await startSimulator({ manifestPath: path });
    expect(sim.state.permissions).toStrictEqual({ metadata: 'read', contents: 'read' });
    expect(sim.state.app).toMatchObject({ slug: 'other', events: ['push'] });
    expect(sim.state.bot.login).toBe('other[bot]');
  });

  it.each(cases)('%s is refused without %o', async (_, permission, request) => {
    const arranged = await arrange(without(permission));
    sim = arranged.sim;
    const refused = await failure(request(arranged));
    expect(refused).toMatchObject({
      status: 403,
      response: { data: { message: 'Resource not accessible by integration', documentation_url: expect.stringContaining('docs.github.com') }, headers: { 'x-accepted-github-permissions': expect.stringContaining(Object.keys(permission)[0]!) } },
    });
    expect(sim.counters.forbidden).toHaveLength(1);

    sim.state.permissions = { ...sim.state.permissions, ...permission };
    expect((await failure(request(arranged)))?.status).not.toBe(403);
  });

  it.each(eitherCases)('%s on a pull request takes issues or pull_requests (%s)', async (_, level, request) => {
    for (const holder of ['issues', 'pull_requests']) {
      const arranged = await arrange({ metadata: 'read', [holder]: level });
      sim = arranged.sim;
      expect(await failure(request(arranged)), holder).toBeNull();
      await sim.close();
    }
    const arranged = await arrange({ metadata: 'read', contents: 'write', checks: 'write' });
    sim = arranged.sim;
    expect(await failure(request(arranged))).toMatchObject({ status: 403 });
  });

  it('a comment on an issue needs issues: pull_requests is not enough', async () => {
    const arranged = await arrange({ metadata: 'read', pull_requests: 'write' });
    sim = arranged.sim;
    const octokit = simOctokit(sim);
    expect(await failure(octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...where, issue_number: 1, body: 'x' }))).toMatchObject({ status: 403 });
    // Listing issues with only pull_requests shows the pull requests alone.
    const listed = await octokit.request('GET /repos/{owner}/{repo}/issues', where);
    expect(listed.data.map((i) => i.number)).toStrictEqual([arranged.number]);
  });

  it('takes permissions away at runtime, also from tokens already handed out', async () => {
    const arranged = await arrange();
    sim = arranged.sim;
    const token = sim.installationToken();
    const read = () => failure(simOctokit(sim!, token).request('GET /repos/{owner}/{repo}/contents/{path}', { ...where, path: 'Dockerfile' }));
    expect(await read()).toBeNull();
    delete sim.state.permissions.contents;
    expect(await read()).toMatchObject({ status: 403 });
  });

  it('mints a token with fewer permissions on request, and refuses one with more', async () => {
    const arranged = await arrange({ metadata: 'read', contents: 'read', checks: 'write' });
    sim = arranged.sim;
    const readOnly = sim.installationToken({ permissions: { checks: 'read' } });
    expect(await failure(simOctokit(sim, readOnly).request('POST /repos/{owner}/{repo}/check-runs', { ...where, name: 'x', head_sha: arranged.head }))).toMatchObject({ status: 403 });

    const answer = await fetch(`${sim.baseUrl}/app/installations/${sim.state.installationId}/access_tokens`, {
      method: 'POST',
      headers: { authorization: `bearer ${appJwt(sim.state.app.id)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ permissions: { contents: 'write' } }),
    });
    expect(answer.status).toBe(422);
    expect(await answer.json()).toMatchObject({ message: 'The permissions requested are not granted to this installation.' });
  });

  it('answers 404 for a repository the installation was not given, and lists only the given ones', async () => {
    const arranged = await arrange();
    sim = arranged.sim;
    sim.state.addRepo('secret', { 'README.md': 'x\n' });
    sim.state.setInstalledRepositories(['web']);
    const octokit = simOctokit(sim);
    expect(await failure(octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'secret' }))).toMatchObject({ status: 404 });
    const listed = await octokit.request('GET /installation/repositories');
    expect(listed.data).toMatchObject({ total_count: 1, repository_selection: 'selected', repositories: [{ name: 'web' }] });
    await expect(octokit.graphql('query { repository(owner: "acme", name: "secret") { id } }')).rejects.toMatchObject({
      errors: [{ type: 'NOT_FOUND', message: "Could not resolve to a Repository with the name 'acme/secret'." }],
    });
  });

  it('app routes want a JWT; an installation token is refused', async () => {
    sim = await startSimulator();
    const answer = await simOctokit(sim).request('GET /app').catch((error: { status: number }) => error);
    expect(answer).toMatchObject({ status: 401 });
  });
});

describe('GraphQL fields and mutations check permissions too', () => {
  const blobQuery = 'query { repository(owner: "acme", name: "web") { id object(expression: "HEAD:Dockerfile") { ... on Blob { text } } } }';

  it('a field the token may not read is null with a FORBIDDEN error; the rest of the data still comes', async () => {
    const arranged = await arrange({ metadata: 'read', pull_requests: 'read' });
    sim = arranged.sim;
    const response = await fetch(`${sim.url}/api/graphql`, { method: 'POST', headers: { authorization: 'token x', 'content-type': 'application/json' }, body: JSON.stringify({ query: blobQuery }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toStrictEqual({
      data: { repository: { id: arranged.repo.nodeId, object: null } },
      errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration', path: ['repository', 'object'], locations: [{ line: 1, column: 53 }] }],
    });
    expect(sim.counters.forbidden).toStrictEqual([{ route: 'POST /graphql repository.object', need: 'contents=read' }]);
  });

  it.each([
    ['object', blobQuery, { contents: 'read' }],
    ['pullRequests', 'query { repository(owner: "acme", name: "web") { pullRequests(first: 5) { nodes { number } } } }', { pull_requests: 'read' }],
    ['pullRequest', 'query { repository(owner: "acme", name: "web") { pullRequest(number: 2) { number } } }', { pull_requests: 'read' }],
    ['checkSuites', 'query { repository(owner: "acme", name: "web") { defaultBranchRef { target { ... on Commit { checkSuites(first: 5) { nodes { createdAt } } } } } } }', { checks: 'read' }],
  ] as Array<[string, string, Permissions]>)('%s needs %o', async (_, query, permission) => {
    const arranged = await arrange(without(permission));
    sim = arranged.sim;
    await expect(simOctokit(sim).graphql(query)).rejects.toMatchObject({ errors: [{ type: 'FORBIDDEN' }] });
    sim.state.permissions = { ...sim.state.permissions, ...permission };
    await expect(simOctokit(sim).graphql(query)).resolves.toBeTruthy();
  });

  it('the fan-out mutations need contents: write and pull_requests: write', async () => {
    const arranged = await arrange({ metadata: 'read', contents: 'read', pull_requests: 'write' });
    sim = arranged.sim;
    const commit = simOctokit(sim).graphql(
      'mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }',
      { input: { branch: { repositoryNameWithOwner: 'acme/web', branchName: 'change' }, expectedHeadOid: arranged.head, message: { headline: 'x' }, fileChanges: { additions: [{ path: 'Dockerfile', contents: Buffer.from('FROM node:23\n').toString('base64') }] } } },
    );
    await expect(commit).rejects.toMatchObject({ errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration', path: ['createCommitOnBranch'] }] });
    expect(arranged.repo.branches.get('change')).toBe(arranged.head);
  });

  it('a commit touching a workflow needs the workflows permission', async () => {
    // An installation that has not accepted app.yml's `workflows: write` yet.
    const { workflows: _, ...withoutWorkflows } = loadAppManifest().permissions;
    const arranged = await arrange(withoutWorkflows);
    sim = arranged.sim;
    const commit = simOctokit(sim).graphql(
      'mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }',
      { input: { branch: { repositoryNameWithOwner: 'acme/web', branchName: 'change' }, expectedHeadOid: arranged.head, message: { headline: 'x' }, fileChanges: { additions: [{ path: '.github/workflows/ci.yml', contents: Buffer.from('on: push\n').toString('base64') }] } } },
    );
    await expect(commit).rejects.toMatchObject({ errors: [{ message: 'refusing to allow a GitHub App to create or update workflow `.github/workflows/ci.yml` without `workflows` permission' }] });
  });
});

describe('every REST route', () => {
  /** An organization with one of everything a route can name, and the parameters naming them. */
  function arrangeState() {
    const state = new GitHubState('acme', new SimClock());
    state.addTeam('platform-ops', ['olga']);
    const repo = state.addRepo('web', { Dockerfile: 'FROM node:20\n' });
    const pr = state.openPullRequest('web', { branch: 'change', changes: { Dockerfile: 'FROM node:22\n' } });
    const comment = state.addComment(repo, pr.number, 'hello', state.user('dev-dana'));
    const { reaction } = state.react(comment.id, state.user('dev-dana'), '+1');
    const head = repo.branches.get('change')!;
    const suite = state.checkSuite(repo, state.app.id, head);
    const run = { id: state.id(), repo: 'web', name: 'plimsoll', headSha: head, status: 'queued', conclusion: null, output: {}, annotations: [], appId: state.app.id, suiteId: suite.id };
    state.checkRuns.set(run.id, run);
    const params: Record<string, string> = {
      owner: 'acme', repo: 'web', org: 'acme', path: 'Dockerfile', tree_sha: 'main', file_sha: state.commits.get(head)!.tree.get('Dockerfile')!, commit_sha: head, ref: 'heads/change',
      pull_number: String(pr.number), issue_number: String(pr.number), check_run_id: String(run.id), check_suite_id: String(suite.id), comment_id: String(comment.id),
      reaction_id: String(reaction.id), team_slug: 'platform-ops', username: 'olga', branch: 'main', installation_id: String(state.installationId),
    };
    return { state, params };
  }

  const request = (state: GitHubState, params: Record<string, string>, template: string, method: string, permissions: Permissions): RestRequest => ({
    method,
    params: Object.fromEntries(Object.entries(params).filter(([name]) => template.includes(`{${name}`))),
    query: new URLSearchParams(),
    body: {},
    headers: {},
    urls: { api: 'http://sim/api/v3', web: 'http://sim' },
    path: template,
    caller: { kind: 'installation', app: state.app, token: 't', permissions, repositories: null, bot: state.bot },
  });

  const installationRoutes = routes.filter((r) => r.need !== 'app' && r.need !== 'none');

  it('declares a permission, except the installation listing (any installation token) and the app routes (a JWT)', () => {
    expect(routes.filter((r) => r.need === undefined)).toStrictEqual([]);
    expect(routes.filter((r) => r.need === 'none').map((r) => r.template)).toStrictEqual(['/installation/repositories']);
    expect(routes.filter((r) => r.need === 'app').map((r) => r.template)).toStrictEqual(['/app', '/app/installations', '/app/installations/{installation_id}', '/orgs/{org}/installation', '/repos/{owner}/{repo}/installation']);
  });

  it.each(installationRoutes.map((r) => [`${r.method} ${r.template}`, r] as const))('%s is refused with metadata alone (unless metadata is all it needs), served with its permission', (_, route) => {
    const { state, params } = arrangeState();
    const bare = request(state, params, route.template, route.method, { metadata: 'read' });
    const need: Need = typeof route.need === 'function' ? route.need(bare, state) : (route.need as Need);
    if (need.some(([permission]) => permission === 'metadata')) {
      // Metadata comes with every installation.
      expect(route.handler(bare, state).status).toBe(200);
      return;
    }
    const refused = route.handler(bare, state);
    expect(refused).toMatchObject({ status: 403, body: { message: 'Resource not accessible by integration' } });

    const [permission, level] = need[0]!;
    const served = route.handler(request(state, params, route.template, route.method, { metadata: 'read', [permission]: level }), state);
    expect(served.status).not.toBe(403);
  });
});

describe('an installation with app.yml\'s workflows permission', () => {
  it('may commit a change to a workflow', async () => {
    const arranged = await arrange();
    sim = arranged.sim;
    const commit = (await simOctokit(sim).graphql(
      'mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }',
      { input: { branch: { repositoryNameWithOwner: 'acme/web', branchName: 'change' }, expectedHeadOid: arranged.head, message: { headline: 'x' }, fileChanges: { additions: [{ path: '.github/workflows/ci.yml', contents: Buffer.from('on: push\n').toString('base64') }] } } },
    )) as { createCommitOnBranch: { commit: { oid: string } } };
    expect(arranged.repo.branches.get('change')).toBe(commit.createCommitOnBranch.commit.oid);
  });
});
