import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetPolicyCache } from '../../src/github/client.js';
import { invalidateRepoConfig } from '../../src/github/repo-config.js';
import { plimsoll } from '../../src/index.js';
import { runtimeOf, type Runtime } from '../../src/runtime.js';
import { emptyInventory, type Inventory } from '../../src/inventory/model.js';
import { MemoryInventoryStore } from '../../src/inventory/store.js';
import { POLICY_PREVIEW_MARKER } from '../../src/policy-check/render.js';
import { checkedScope, takeViolations } from '../github/checked-scope.js';

const PATH = '.github/plimsoll-policy.yml';
const FILE = `/repos/acme/.github/contents/${encodeURIComponent(PATH)}`;
const BEFORE = 'b'.repeat(40);
const AFTER = 'a'.repeat(40);
const HEAD = 'c'.repeat(40);
const VALID = 'version: 1\nimages:\n  - name: node\n    versions: [20.11.1]\n    update: minor\n';
const NEWER = 'version: 1\nimages:\n  - name: node\n    versions: [20.12.0, 20.11.1]\n    update: minor\n';
const BROKEN = 'version: 1\nimages:\n  - name: node\n    update: minr\n';
const CHECK_RUNS = (sha: string) => `/repos/acme/.github/commits/${sha}/check-runs?check_name=plimsoll&app_id=123&filter=all&per_page=100`;
const APP = { id: 123, slug: 'plimsoll', name: 'Plimsoll', node_id: 'A_1', owner: { login: 'acme' } };

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

let handle: Runtime;
let requests: string[];
const writes: Array<{ route: string; body: Record<string, unknown> }> = [];

function app(inventory: Inventory | null = null): Probot {
  const store = new MemoryInventoryStore();
  if (inventory) void store.set(42, inventory);
  const probot = new Probot({
    appId: 123,
    privateKey,
    log: pino({ level: 'silent' }),
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
  void probot.load((p: Probot) => {
    plimsoll({ retry: { sleep: async () => undefined }, fanOut: { now: () => new Date('2026-01-15T10:00:00Z'), redisUrl: '', store } })(p);
    handle = runtimeOf(p)!;
  });
  return probot;
}

/** A scope whose requests are recorded, and whose writes keep their bodies; an app's first event asks for a token. */
function github(token = true): nock.Scope {
  const scope = checkedScope();
  scope.on('request', (req: { method: string; path: string }, _interceptor: unknown, body: string) => {
    requests.push(`${req.method} ${decodeURIComponent(req.path)}`);
    if (process.env.TRACE_REQUESTS) console.log(Date.now() % 100000, req.method, req.path);
    // GraphQL here is discovery's reads; the fan-out's mutations are not part of these tests.
    if (req.method !== 'GET' && !req.path.includes('access_tokens') && req.path !== '/graphql') writes.push({ route: `${req.method} ${decodeURIComponent(req.path)}`, body: body ? (JSON.parse(body) as Record<string, unknown>) : {} });
  });
  return token ? scope.post('/app/installations/42/access_tokens').reply(201, { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: {} }) : scope;
}

const repository = (name: string) => ({ name, full_name: `acme/${name}`, owner: { login: 'acme' }, default_branch: 'main' });
const push = (files: string[]) => ({
  ref: 'refs/heads/main',
  before: BEFORE,
  after: AFTER,
  repository: repository('.github'),
  commits: [{ added: [], modified: files, removed: [] }],
  installation: { id: 42 },
  sender: { login: 'ops', type: 'User' },
});
const pullRequest = (action: string, files = [PATH]) => ({
  files: files.map((filename) => ({ filename, status: 'modified' })),
  payload: {
    action,
    number: 5,
    pull_request: { number: 5, head: { sha: HEAD, ref: 'allow-node' }, base: { ref: 'main', sha: BEFORE }, user: { login: 'olga', type: 'User' }, requested_teams: [] },
    repository: repository('.github'),
    installation: { id: 42 },
    sender: { login: 'olga', type: 'User' },
  },
});

async function receive(probot: Probot, name: string, payload: unknown): Promise<void> {
  await probot.receive({ id: String(Math.random()), name, payload } as never);
  await handle.idle();
}

beforeEach(() => {
  nock.disableNetConnect();
  resetPolicyCache();
  invalidateRepoConfig();
  requests = [];
  writes.length = 0;
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(takeViolations()).toEqual([]);
  expect(pending).toStrictEqual([]);
});

describe('a push that breaks the policy', () => {
  it('fails a check on the pushed commit, naming file, line and problem and what stays in force, and fans nothing out', async () => {
    github()
      .get(`${FILE}?ref=${AFTER}`)
      .reply(200, BROKEN)
      .get(`${FILE}?ref=${BEFORE}`)
      .reply(200, VALID)
      // Which version stays in force: the current file is the broken one, the history has the valid one.
      .get(FILE)
      .reply(200, BROKEN)
      .get(`/repos/acme/.github/commits?path=${encodeURIComponent(PATH)}&per_page=30&sha=main`)
      .reply(200, [{ sha: AFTER }, { sha: BEFORE }])
      .get(`${FILE}?ref=${BEFORE}`)
      .reply(200, VALID)
      .get('/app')
      .reply(200, APP)
      .get(CHECK_RUNS(AFTER))
      .reply(200, { total_count: 0, check_runs: [] })
      .post('/repos/acme/.github/check-runs')
      .reply(201, { id: 77 });

    await receive(app(), 'push', push([PATH]));

    expect(writes).toHaveLength(1);
    const { body } = writes[0]!;
    expect(body).toMatchObject({ name: 'plimsoll', head_sha: AFTER, status: 'completed', conclusion: 'failure' });
    const output = body.output as { title: string; summary: string; annotations: unknown[] };
    expect(output.title).toBe('Policy invalid: 1 problem');
    expect(output.summary).toContain('The policy in force is unchanged: the version of commit bbbbbbb.');
    expect(output.summary).toContain('.github/plimsoll-policy.yml:4:13: images\\[0\\].update must be one of patch, minor, major');
    expect(output.annotations).toEqual([
      { path: PATH, start_line: 4, end_line: 4, start_column: 13, end_column: 13, annotation_level: 'failure', title: 'Invalid policy', message: 'images[0].update must be one of patch, minor, major, got "minr"' },
    ]);
    expect(requests.some((r) => r.includes('/installation/repositories'))).toBe(false);
  });

  it('a redelivery finds its check run and writes nothing; a check run of another app is not its own', async () => {
    const existing = {
      id: 77,
      status: 'completed',
      conclusion: 'failure',
      app: { id: 123 },
      output: {
        title: 'Policy invalid: 1 problem',
        summary: [
          '**.github/plimsoll-policy.yml does not validate, so this version did not take effect.** **Every pull request review fails until this file is fixed**: no version of .github/plimsoll-policy.yml on the default branch was ever valid.',
          '',
          '- .github/plimsoll-policy.yml:4:13: images\\[0\\].update must be one of patch, minor, major, got "minr"',
          '',
          'No bump pull request is opened from an invalid policy. Fix the problems above and push again.',
        ].join('\n'),
        text: '',
        annotations_count: 1,
      },
    };
    const scope = (token = true) =>
      github(token)
        .get(`${FILE}?ref=${AFTER}`)
        .reply(200, BROKEN)
        .get(`${FILE}?ref=${BEFORE}`)
        .reply(404, { message: 'Not Found' })
        .get(FILE)
        .reply(200, BROKEN)
        .get(`/repos/acme/.github/commits?path=${encodeURIComponent(PATH)}&per_page=30&sha=main`)
        .reply(200, [{ sha: AFTER }]);
    scope()
      .get('/app')
      .reply(200, APP)
      .get(CHECK_RUNS(AFTER))
      .reply(200, { total_count: 2, check_runs: [existing, { ...existing, id: 90, app: { id: 999 }, conclusion: 'success' }] });
    const probot = app();
    await receive(probot, 'push', push([PATH]));
    expect(writes).toEqual([]);

    // Another app's run of the same name only: this app creates its own.
    scope(false).get(CHECK_RUNS(AFTER)).reply(200, { total_count: 1, check_runs: [{ ...existing, id: 90, app: { id: 999 } }] }).post('/repos/acme/.github/check-runs').reply(201, { id: 78 });
    await receive(probot, 'push', push([PATH]));
    expect(writes.map((w) => w.route)).toEqual(['POST /repos/acme/.github/check-runs']);
  });
});

describe('"Re-run" on a policy check', () => {
  it('checks the commit again against its parent, and updates its one check run', async () => {
    github()
      .get(`/repos/acme/.github/commits/${AFTER}`)
      .reply(200, { sha: AFTER, parents: [{ sha: BEFORE }] })
      .get(`${FILE}?ref=${AFTER}`)
      .reply(200, NEWER)
      .get(`${FILE}?ref=${BEFORE}`)
      .reply(200, VALID)
      .get('/app')
      .reply(200, APP)
      .get(CHECK_RUNS(AFTER))
      .reply(200, { total_count: 1, check_runs: [{ id: 77, status: 'completed', conclusion: 'neutral', app: { id: 123 }, output: { title: 'Plimsoll could not finish', summary: 'x', text: '', annotations_count: 0 } }] })
      .patch('/repos/acme/.github/check-runs/77')
      .reply(200, { id: 77 });
    const rerun = { action: 'rerequested', check_run: { id: 77, name: 'plimsoll', head_sha: AFTER, pull_requests: [] }, repository: repository('.github'), installation: { id: 42 }, sender: { login: 'olga', type: 'User' } };

    await receive(app(), 'check_run', rerun);

    expect(writes.map((w) => w.route)).toEqual(['PATCH /repos/acme/.github/check-runs/77']);
    expect(writes[0]!.body).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'Policy valid and in force' } });
  });
});

describe('a push of a valid policy', () => {
  it('gets a green check saying what changed, and remembers the version as the one in force', async () => {
    const dryRun = `${NEWER}bumps:\n  mode: off\n`;
    github()
      .get(`${FILE}?ref=${AFTER}`)
      .reply(200, dryRun)
      .get(`${FILE}?ref=${BEFORE}`)
      .reply(200, VALID)
      .get('/app')
      .reply(200, APP)
      .get(CHECK_RUNS(AFTER))
      .reply(200, { total_count: 0, check_runs: [] })
      .post('/repos/acme/.github/check-runs')
      .reply(201, { id: 80 });

    await receive(app(), 'push', push([PATH]));

    expect(writes).toHaveLength(1);
    expect(writes[0]!.body).toMatchObject({ head_sha: AFTER, conclusion: 'success', output: { title: 'Policy valid and in force' } });
    expect((writes[0]!.body.output as { summary: string }).summary.split('\n').slice(2)).toEqual(['- **node:** versions added 20.12.0', '- **Settings:** bumps.mode: open → off']);
  });
});

describe('a pull request that changes the policy', () => {
  const inventory = (): Inventory => ({
    ...emptyInventory(),
    repos: {
      'acme/api': { fullName: 'acme/api', defaultBranch: 'main', pushedAt: null, commit: null, notes: [], files: [{ path: 'Dockerfile', images: [{ line: 1, name: 'docker.io/library/node', familiar: 'node', tag: '20.11.1', digest: null, fromArg: null }] }] },
    },
  });

  /** The reads of one policy pull request check, up to the comment. */
  function checkReads(scope: nock.Scope, head: string | null, options: { files?: string[] } = {}) {
    const { files } = pullRequest('opened', options.files);
    scope
      .get('/repos/acme/.github/pulls/5/files?per_page=100')
      .reply(200, files)
      .get('/app')
      .reply(200, APP)
      .get(CHECK_RUNS(HEAD))
      .reply(200, { total_count: 0, check_runs: [] })
      .post('/repos/acme/.github/check-runs')
      .reply(201, { id: 91 })
      .get(`/repos/acme/.github/contents/${encodeURIComponent('.github/plimsoll.yml')}`)
      .reply(404, { message: 'Not Found' });
    // The head's policy is not read when the pull request cannot pass anyway (mixed with container definitions).
    return head === null ? scope : scope.get(`${FILE}?ref=${HEAD}`).reply(200, head);
  }

  it('validates the head’s policy and previews its effect from the kept inventory, writing only its check and its comment', async () => {
    checkReads(github(), NEWER)
      .get(FILE)
      .reply(200, VALID)
      .patch('/repos/acme/.github/check-runs/91')
      .reply(200, { id: 91 })
      .get('/repos/acme/.github/pulls/5')
      .reply(200, { number: 5, head: { sha: HEAD } })
      .get('/repos/acme/.github/issues/5/comments?per_page=100')
      .reply(200, [
        // A marker in someone else's comment is not the app's comment: never edited.
        { id: 1, body: `${POLICY_PREVIEW_MARKER} forged`, user: { login: 'mallory', type: 'User' } },
        { id: 2, body: `${POLICY_PREVIEW_MARKER} other`, user: { login: 'other-app[bot]', type: 'Bot' } },
      ])
      .post('/repos/acme/.github/issues/5/comments')
      .reply(201, { id: 3 });

    await receive(app(inventory()), 'pull_request', pullRequest('opened').payload);

    expect(writes.map((w) => w.route)).toEqual(['POST /repos/acme/.github/check-runs', 'PATCH /repos/acme/.github/check-runs/91', 'POST /repos/acme/.github/issues/5/comments']);
    expect(writes[0]!.body).toMatchObject({ head_sha: HEAD, status: 'in_progress' });
    const completed = writes[1]!.body as { conclusion: string; output: { title: string; summary: string } };
    expect(completed.conclusion).toBe('success');
    expect(completed.output.title).toBe('Policy valid: 1 new bump pull request');
    expect(completed.output.summary).toContain('| acme/api | node | 20.11.1 → 20.12.0 (Dockerfile:1) | new pull request |');
    expect(completed.output.summary).toContain('- cost: 3 writes');
    const comment = (writes[2]!.body as { body: string }).body;
    expect(comment.startsWith(`${POLICY_PREVIEW_MARKER}\n## Plimsoll: policy check for ccccccc`)).toBe(true);
    expect(comment).toContain(completed.output.summary);
    // The inventory was kept: no discovery.
    expect(requests.some((r) => r.includes('/installation/repositories') || r.includes('/git/trees/'))).toBe(false);
  });

  it('an invalid head fails its check with every problem annotated, and updates the app’s own comment in place', async () => {
    checkReads(github(), BROKEN)
      .patch('/repos/acme/.github/check-runs/91')
      .reply(200, { id: 91 })
      .get('/repos/acme/.github/pulls/5')
      .reply(200, { number: 5, head: { sha: HEAD } })
      .get('/repos/acme/.github/issues/5/comments?per_page=100')
      .reply(200, [{ id: 4, body: `${POLICY_PREVIEW_MARKER}\nold`, user: { login: 'plimsoll[bot]', type: 'Bot' } }])
      .patch('/repos/acme/.github/issues/comments/4')
      .reply(200, { id: 4 });

    await receive(app(inventory()), 'pull_request', pullRequest('synchronize').payload);

    const completed = writes[1]!.body as { conclusion: string; output: { title: string; annotations: Array<{ start_line: number }> } };
    expect(completed.conclusion).toBe('failure');
    expect(completed.output.title).toBe('Policy invalid: 1 problem');
    expect(completed.output.annotations.map((a) => a.start_line)).toEqual([4]);
    expect(writes.map((w) => w.route)).toEqual(['POST /repos/acme/.github/check-runs', 'PATCH /repos/acme/.github/check-runs/91', 'PATCH /repos/acme/.github/issues/comments/4']);
  });

  it('a cold inventory is discovered once and kept: the next push to the pull request reads none of it again', async () => {
    const scope = checkReads(github(), NEWER)
      .get(FILE)
      .reply(200, VALID)
      .get('/installation/repositories?per_page=100&page=1')
      .reply(200, { total_count: 1, repositories: [{ ...repository('api'), size: 4, archived: false, disabled: false, pushed_at: '2026-01-01T00:00:00Z' }] })
      .get('/repos/acme/api/git/trees/main?recursive=1')
      .reply(200, { sha: 't', truncated: false, tree: [{ path: 'Dockerfile', type: 'blob', sha: 'd1' }] })
      .post('/graphql')
      .reply(200, { data: { repository: { b0: { text: 'FROM node:20.11.1\n', isBinary: false, isTruncated: false } } } })
      .patch('/repos/acme/.github/check-runs/91')
      .reply(200, { id: 91 })
      .get('/repos/acme/.github/pulls/5')
      .reply(200, { number: 5, head: { sha: HEAD } })
      .get('/repos/acme/.github/issues/5/comments?per_page=100')
      .reply(200, [])
      .post('/repos/acme/.github/issues/5/comments')
      .reply(201, { id: 3 });
    const probot = app();
    await receive(probot, 'pull_request', pullRequest('opened').payload);
    expect(scope.isDone()).toBe(true);
    expect((writes[1]!.body as { output: { title: string } }).output.title).toBe('Policy valid: 1 new bump pull request');
    const cold = requests.length;

    // The same head again (a redelivery): the check and the comment already say it; the inventory is kept.
    const summary = (writes[1]!.body as { output: { summary: string } }).output.summary;
    const comment = (writes[2]!.body as { body: string }).body;
    requests = [];
    writes.length = 0;
    github(false)
      .get('/repos/acme/.github/pulls/5/files?per_page=100')
      .reply(200, pullRequest('opened').files)
      .get(CHECK_RUNS(HEAD))
      .reply(200, { total_count: 1, check_runs: [{ id: 91, status: 'completed', conclusion: 'success', app: { id: 123 }, output: { title: 'Policy valid: 1 new bump pull request', summary, text: '', annotations_count: 0 } }] })
      .get(`${FILE}?ref=${HEAD}`)
      .reply(200, NEWER)
      .get('/repos/acme/.github/pulls/5')
      .reply(200, { number: 5, head: { sha: HEAD } })
      .get('/repos/acme/.github/issues/5/comments?per_page=100')
      .reply(200, [{ id: 3, body: comment, user: { login: 'plimsoll[bot]', type: 'Bot' } }]);
    await receive(probot, 'pull_request', pullRequest('synchronize').payload);
    expect(writes).toEqual([]);
    // Warm: the files, the check run, the head's policy, the head, the comments.
    expect(requests).toHaveLength(5);
    // Cold (15): a token, the files, the app, the check run (find, start, complete), the head’s policy, the
    // repository config, the policy in force, discovery (3 for one repository), the head, the comments, the comment.
    expect(cold).toBe(15);
  });

  it('an event for a head that is no longer the pull request’s writes its check but not the comment', async () => {
    checkReads(github(), NEWER).get(FILE).reply(200, VALID).patch('/repos/acme/.github/check-runs/91').reply(200, { id: 91 }).get('/repos/acme/.github/pulls/5').reply(200, { number: 5, head: { sha: 'd'.repeat(40) } });
    await receive(app(inventory()), 'pull_request', pullRequest('synchronize').payload);
    expect(writes.map((w) => w.route)).toEqual(['POST /repos/acme/.github/check-runs', 'PATCH /repos/acme/.github/check-runs/91']);
  });

  it('a policy change mixed with container definitions fails, asking for two pull requests', async () => {
    checkReads(github(), null, { files: [PATH, 'images/Dockerfile'] })
      .patch('/repos/acme/.github/check-runs/91')
      .reply(200, { id: 91 })
      .get('/repos/acme/.github/pulls/5')
      .reply(200, { number: 5, head: { sha: HEAD } })
      .get('/repos/acme/.github/issues/5/comments?per_page=100')
      .reply(200, [])
      .post('/repos/acme/.github/issues/5/comments')
      .reply(201, { id: 3 });
    await receive(app(inventory()), 'pull_request', pullRequest('opened', [PATH, 'images/Dockerfile']).payload);
    expect(writes[1]!.body).toMatchObject({ conclusion: 'failure', output: { title: 'Policy change mixed with container definitions' } });
  });

  it('pull requests that do not touch the policy, and pull requests of other repositories, are left alone', async () => {
    github().get('/repos/acme/.github/pulls/5/files?per_page=100').reply(200, [{ filename: 'README.md', status: 'modified' }]).get('/app').reply(200, APP);
    const probot = app();
    await receive(probot, 'pull_request', pullRequest('opened', ['README.md']).payload);
    await receive(probot, 'pull_request', { ...pullRequest('opened').payload, repository: repository('web') });
    expect(writes).toEqual([]);
  });
});
