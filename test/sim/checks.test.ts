import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimClock } from './clock.js';
import { simOctokit } from './client.js';
import { startSimulator, type Simulator } from './server.js';

let sim: Simulator;
let head: string;
beforeEach(async () => {
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-03-01T12:00:00Z'), speed: 0.001 }) });
  sim.state.addRepo('web', { Dockerfile: 'FROM node:20\n' });
  sim.openPullRequest('web', { branch: 'change', changes: { Dockerfile: 'FROM node:22\n' } });
  head = sim.state.repo('web').branches.get('change')!;
});
afterEach(() => sim.close());

const where = { owner: 'acme', repo: 'web' };
const create = (octokit = simOctokit(sim), extra: Record<string, unknown> = {}) =>
  octokit.request('POST /repos/{owner}/{repo}/check-runs', { ...where, name: 'plimsoll', head_sha: head, status: 'in_progress', output: { title: 'Reviewing', summary: 'Reading the Dockerfiles' }, ...extra });
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: { status: number; response: { data: unknown } }) => ({ status: error.status, data: error.response.data }));

describe('check runs as GitHub keeps them', () => {
  it('belong to the app that created them, in its check suite for the commit, with the open pull requests of the head', async () => {
    const { data: run } = await create(simOctokit(sim), { external_id: 'review-1', details_url: 'https://plimsoll.example/r/1', started_at: '2026-03-01T11:59:00Z' });

    const suite = sim.state.checkSuitesOf('web', head).find((s) => s.appId === sim.state.app.id)!;
    expect(run).toMatchObject({
      name: 'plimsoll',
      head_sha: head,
      status: 'in_progress',
      conclusion: null,
      external_id: 'review-1',
      details_url: 'https://plimsoll.example/r/1',
      started_at: '2026-03-01T11:59:00.000Z',
      completed_at: null,
      output: { title: 'Reviewing', summary: 'Reading the Dockerfiles', text: null, annotations_count: 0 },
      check_suite: { id: suite.id },
      app: { id: sim.state.app.id, slug: 'plimsoll', name: 'Plimsoll' },
      pull_requests: [{ number: 1, head: { ref: 'change', sha: head }, base: { ref: 'main' } }],
    });

    const { data: done } = await simOctokit(sim).request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...where, check_run_id: run.id, conclusion: 'failure', output: { title: '1 error', summary: 's' } });
    expect(done).toMatchObject({ status: 'completed', conclusion: 'failure', completed_at: expect.stringMatching(/^2026-03-01T12:00:00\.\d{3}Z$/) });
  });

  it('only the app that created a check run may update it', async () => {
    const { data: run } = await create();
    sim.state.addApp({ id: 99, slug: 'mallory-ci', permissions: { metadata: 'read', checks: 'write' } });
    const mallory = simOctokit(sim, sim.installationToken({ appId: 99 }));

    const refused = await refusal(mallory.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...where, check_run_id: run.id, conclusion: 'success' }));
    expect(refused).toMatchObject({ status: 403, data: { message: 'Invalid app_id `99` - check run can only be modified by the GitHub App that created it.' } });
    expect(sim.state.checkRuns.get(Number(run.id))).toMatchObject({ status: 'in_progress', conclusion: null });

    // It can still create its own run with the same name: listing by name shows both apps' runs.
    await create(mallory, { conclusion: 'success' });
    const listed = await simOctokit(sim).request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...where, ref: head, check_name: 'plimsoll' });
    expect(listed.data.check_runs.map((r) => [r.app?.slug, r.conclusion])).toStrictEqual([
      ['mallory-ci', 'success'],
      ['plimsoll', null],
    ]);
    const ours = await simOctokit(sim).request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...where, ref: head, check_name: 'plimsoll', app_id: sim.state.app.id });
    expect(ours.data.total_count).toBe(1);
  });

  it('lists the runs of a ref (a sha or a branch) by name, status and filter, newest first, paginated', async () => {
    const first = (await create()).data;
    const second = (await create(simOctokit(sim), { conclusion: 'success' })).data;
    await create(simOctokit(sim), { name: 'other', status: 'queued' });
    const octokit = simOctokit(sim);
    const list = (query: Record<string, unknown>) => octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...where, ...query } as never).then((r) => (r.data as { total_count: number; check_runs: Array<{ id: number }> }));

    expect(await list({ ref: head, check_name: 'plimsoll' })).toMatchObject({ total_count: 1, check_runs: [{ id: second.id }] });
    expect((await list({ ref: 'change', check_name: 'plimsoll', filter: 'all' })).check_runs.map((r) => r.id)).toStrictEqual([second.id, first.id]);
    expect((await list({ ref: head, status: 'queued' })).check_runs).toHaveLength(1);
    const page = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...where, ref: head, filter: 'all', per_page: 2 });
    expect(page.data.total_count).toBe(3);
    expect(page.data.check_runs).toHaveLength(2);
    expect(page.headers.link).toContain('rel="next"');
    expect(await refusal(octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...where, ref: 'no-such-branch' }))).toMatchObject({ status: 422 });

    const one = await octokit.request('GET /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...where, check_run_id: first.id });
    expect(one.data.id).toBe(first.id);
  });

  it('refuses a summary over 65535 characters, or over 65535 bytes, with GitHub\'s two messages', async () => {
    const long = await refusal(create(simOctokit(sim), { output: { title: 't', summary: 'x'.repeat(65536) } }));
    expect(long).toMatchObject({ status: 422, data: { message: 'Invalid request.\n\nOnly 65535 characters are allowed; 65536 were supplied.' } });
    const wide = await refusal(create(simOctokit(sim), { output: { title: 't', summary: 'é'.repeat(40000) } }));
    expect(wide).toMatchObject({ status: 422, data: { message: 'Validation Failed', errors: [{ resource: 'CheckRun', code: 'custom', field: 'summary', message: 'summary exceeds a maximum bytesize of 65535' }] } });
    const text = await refusal(create(simOctokit(sim), { output: { title: 't', summary: 's', text: 'y'.repeat(70000) } }));
    expect(text).toMatchObject({ status: 422, data: { message: 'Invalid request.\n\nOnly 65535 characters are allowed; 70000 were supplied.' } });
    expect(await refusal(create(simOctokit(sim), { output: { title: 't', summary: 'x'.repeat(65535) } }))).toBeNull();
  });

  it('takes 50 annotations a request and appends them over updates; 51 are refused', async () => {
    const annotation = (line: number) => ({ path: 'Dockerfile', start_line: line, end_line: line, annotation_level: 'failure' as const, message: `line ${line}` });
    const { data: run } = await create();
    const update = (count: number) =>
      simOctokit(sim).request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...where, check_run_id: run.id, output: { title: 't', summary: 's', annotations: Array.from({ length: count }, (_, i) => annotation(i + 1)) } });

    expect(await refusal(update(51))).toMatchObject({ status: 422, data: { message: 'Invalid request.\n\nNo more than 50 items are allowed; 51 were supplied.' } });
    await update(50);
    const { data } = await update(20);
    expect(data.output.annotations_count).toBe(70);
    const listed = await simOctokit(sim).request('GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations', { ...where, check_run_id: run.id, per_page: 100 });
    expect(listed.data).toHaveLength(70);
  });

  it('validates what GitHub validates: required fields, enums, a conclusion when completed, a known commit', async () => {
    const octokit = simOctokit(sim);
    const post = (body: Record<string, unknown>) => refusal(octokit.request('POST /repos/{owner}/{repo}/check-runs', { ...where, ...body } as never));
    expect(await post({ head_sha: head })).toMatchObject({ status: 422, data: { message: 'Invalid request.\n\n"name" wasn\'t supplied.' } });
    expect(await post({ name: 'x', head_sha: head, status: 'done' })).toMatchObject({ status: 422 });
    expect(await post({ name: 'x', head_sha: head, status: 'completed' })).toMatchObject({ status: 422, data: { message: 'Invalid request.\n\n"conclusion" wasn\'t supplied.' } });
    expect(await post({ name: 'x', head_sha: 'f'.repeat(40) })).toMatchObject({ status: 422, data: { message: `No commit found for SHA: ${'f'.repeat(40)}` } });
    expect(await post({ name: 'x', head_sha: head, output: { summary: 's' } })).toMatchObject({ status: 422, data: { message: 'Invalid request.\n\n"title" wasn\'t supplied.' } });
    expect(await post({ name: 'x', head_sha: head, output: { title: 't', summary: 's', annotations: [{ path: 'D', start_line: 1, end_line: 2, start_column: 1, end_column: 2, annotation_level: 'failure', message: 'm' }] } })).toMatchObject({ status: 422 });
  });
});

describe('check suites', () => {
  it('are created for each app allowed to write checks when a commit is pushed, and carry the runs', async () => {
    const pushedAt = sim.state.pushesOf('web', 'change').at(-1)!.at;
    const suites = sim.state.checkSuitesOf('web', head);
    expect(suites).toMatchObject([{ appId: sim.state.app.id, headBranch: 'change', createdAt: pushedAt }]);

    const { data: run } = await create(simOctokit(sim), { conclusion: 'failure' });
    const listed = await simOctokit(sim).request('GET /repos/{owner}/{repo}/commits/{ref}/check-suites', { ...where, ref: head, app_id: sim.state.app.id });
    expect(listed.data).toMatchObject({
      total_count: 1,
      check_suites: [{ id: suites[0]!.id, head_sha: head, head_branch: 'change', status: 'completed', conclusion: 'failure', created_at: pushedAt, latest_check_runs_count: 1, app: { slug: 'plimsoll' }, pull_requests: [{ number: 1 }] }],
    });
    expect(run.check_suite?.id).toBe(suites[0]!.id);
    expect((await simOctokit(sim).request('GET /repos/{owner}/{repo}/commits/{ref}/check-suites', { ...where, ref: head, check_name: 'nope' })).data.total_count).toBe(0);
  });

  it('GraphQL lists a commit\'s suites by app and their runs by name', async () => {
    await create(simOctokit(sim), { conclusion: 'success' });
    const query = `query($oid: GitObjectID!, $app: Int!) { repository(owner: "acme", name: "web") { object(oid: $oid) { ... on Commit {
      oid committedDate checkSuites(first: 10, filterBy: { appId: $app }) { totalCount nodes { createdAt app { databaseId slug } checkRuns(first: 10, filterBy: { checkName: "plimsoll" }) { nodes { databaseId name startedAt status conclusion } } } } } } } }`;
    const data = await simOctokit(sim).graphql<{ repository: { object: { checkSuites: { totalCount: number; nodes: unknown[] } } } }>(query, { oid: head, app: sim.state.app.id });
    const [run] = sim.state.checkRunsOf('web', 'plimsoll');
    expect(data.repository.object.checkSuites).toStrictEqual({
      totalCount: 1,
      nodes: [{ createdAt: sim.state.checkSuitesOf('web', head)[0]!.createdAt, app: { databaseId: sim.state.app.id, slug: 'plimsoll' }, checkRuns: { nodes: [{ databaseId: run!.id, name: 'plimsoll', startedAt: run!.startedAt, status: 'COMPLETED', conclusion: 'SUCCESS' }] } }],
    });
  });

  it('payloads for check_run and check_suite events', async () => {
    const { data } = await create(simOctokit(sim), { conclusion: 'failure' });
    const repo = sim.state.repo('web');
    const run = sim.state.checkRuns.get(Number(data.id))!;
    const suite = sim.state.checkSuites.get(run.suiteId!)!;

    expect(sim.payloads.checkRunRerequested(repo, run)).toMatchObject({
      action: 'rerequested',
      check_run: { id: run.id, name: 'plimsoll', head_sha: head, app: { slug: 'plimsoll' }, check_suite: { id: suite.id, head_sha: head, head_branch: 'change' }, pull_requests: [{ number: 1 }] },
      installation: { id: sim.state.installationId },
    });
    for (const action of ['requested', 'rerequested', 'completed'] as const) {
      expect(sim.payloads.checkSuite(repo, suite, action)).toMatchObject({ action, check_suite: { id: suite.id, head_sha: head, status: 'completed', conclusion: 'failure', pull_requests: [{ number: 1 }], app: { id: sim.state.app.id } }, repository: { full_name: 'acme/web' } });
    }
  });
});
