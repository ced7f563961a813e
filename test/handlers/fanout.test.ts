import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetPolicyCache } from '../../src/github/client.js';
import { plimsoll } from '../../src/index.js';
import { runtimeOf, type Runtime } from '../../src/runtime.js';
import { MemoryInventoryStore, type InventoryStore } from '../../src/inventory/store.js';
import { emptyInventory } from '../../src/inventory/model.js';
import { INVENTORY_TITLE } from '../../src/inventory/render.js';
import { checkedScope, takeViolations } from '../github/checked-scope.js';

const POLICY_FILE = `/repos/acme/.github/contents/${encodeURIComponent('.github/plimsoll-policy.yml')}`;
const DRY_RUN = `version: 1
bumps:
  mode: dry-run
images:
  - name: node
    versions: [20.11.1, 20.9.0]
    update: minor
`;
const OFF = `version: 1
bumps:
  mode: off
images:
  - name: node
    versions: [20.11.1]
`;

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

let handle: Runtime;

/** The fan-out alone in a Probot; `receive` then `handle.idle()`: the webhook does not wait for the work. */
function app(store: InventoryStore = new MemoryInventoryStore()): Probot {
  const probot = new Probot({
    appId: 123,
    privateKey,
    log: pino({ level: 'silent' }),
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
  void probot.load((p: Probot) => {
    plimsoll({ now: () => new Date('2026-01-15T10:00:00Z'), redisUrl: '', store })(p);
    handle = runtimeOf(p)!;
  });
  return probot;
}

const repository = (name: string) => ({ name, full_name: `acme/${name}`, owner: { login: 'acme' }, default_branch: 'main' });

function push(files: string[]) {
  return {
    ref: 'refs/heads/main',
    before: 'b'.repeat(40),
    after: 'a'.repeat(40),
    repository: repository('.github'),
    commits: [{ added: [], modified: files, removed: [] }],
    installation: { id: 42 },
    sender: { login: 'ops', type: 'User' },
  };
}

function comment(repo: string, body: string) {
  return {
    action: 'created',
    issue: { number: 1, title: 'anything', body: '' },
    comment: { id: 5, body, user: { login: 'ops', type: 'User' } },
    repository: repository(repo),
    installation: { id: 42 },
    sender: { login: 'ops', type: 'User' },
  };
}

const token = (scope: nock.Scope) => scope.post('/app/installations/42/access_tokens').reply(201, { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: {} });

beforeEach(() => {
  nock.disableNetConnect();
  resetPolicyCache();
});
afterEach(() => {
  expect(takeViolations()).toEqual([]);
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('the fan-out, from push and comment events', () => {
  it('on a policy push compares the policies at both commits and fans out (dry-run: only the inventory issue is written)', async () => {
    const writes: unknown[] = [];
    const scope = token(checkedScope())
      .get(`${POLICY_FILE}?ref=${'b'.repeat(40)}`)
      .reply(404, { message: 'Not Found' })
      .get(`${POLICY_FILE}?ref=${'a'.repeat(40)}`)
      .reply(200, DRY_RUN)
      // The pushed commit gets its check run first.
      .get('/app')
      .reply(200, { id: 123, slug: 'plimsoll' })
      .get(`/repos/acme/.github/commits/${'a'.repeat(40)}/check-runs?check_name=plimsoll&app_id=123&filter=all&per_page=100`)
      .reply(200, { total_count: 0, check_runs: [] })
      .post('/repos/acme/.github/check-runs', (body: { conclusion: string; output: { title: string } }) => body.conclusion === 'success' && body.output.title === 'Policy valid and in force')
      .reply(201, { id: 5 })
      // Each job reads the policy in force when it runs (one read, then kept).
      .get(POLICY_FILE)
      .reply(200, DRY_RUN)
      .get('/installation/repositories?per_page=100&page=1')
      .reply(200, { total_count: 1, repositories: [{ ...repository('web'), size: 4, archived: false, disabled: false, pushed_at: '2026-01-01T00:00:00Z' }] })
      .get('/repos/acme/web/git/trees/main?recursive=1')
      .reply(200, { sha: 't', truncated: false, tree: [{ path: 'Dockerfile', type: 'blob', sha: 'w1' }] })
      .post('/graphql', (body: { variables: Record<string, string> }) => body.variables.o0 === 'w1')
      .reply(200, { data: { repository: { b0: { text: 'FROM node:20.9.0\n', isBinary: false, isTruncated: false } } } })
      .post('/graphql', (body: { variables: Record<string, string> }) => body.variables.e0 === 'HEAD:Dockerfile')
      .reply(200, {
        data: {
          repository: { defaultBranchRef: { name: 'main', target: { oid: 'base' } }, branch: null, pullRequests: { nodes: [] }, f0: { text: 'FROM node:20.9.0\n' } },
        },
      })
      .get('/repos/acme/.github/issues?state=open&labels=plimsoll&per_page=100')
      .reply(200, [])
      .post('/repos/acme/.github/issues', (body: unknown) => writes.push(body) > 0)
      .reply(201, { number: 2 });

    await app().receive({ id: '1', name: 'push', payload: push(['.github/plimsoll-policy.yml']) as never });
    await handle.idle();

    expect(writes).toHaveLength(1);
    const [issue] = writes as { title: string; body: string; labels: string[] }[];
    expect({ title: issue!.title, labels: issue!.labels }).toEqual({ title: INVENTORY_TITLE, labels: ['plimsoll'] });
    expect(issue!.body.split('\n')).toContain('| node | 20.9.0 | ⬆️ outdated | 20.11.1 | acme/web (Dockerfile:1) |');
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toStrictEqual([]);
  });

  it('fans nothing out from an invalid policy', async () => {
    token(checkedScope())
      .get(`${POLICY_FILE}?ref=${'b'.repeat(40)}`)
      .reply(200, DRY_RUN)
      .get(`${POLICY_FILE}?ref=${'a'.repeat(40)}`)
      .reply(200, 'version: 2\n')
      .get(POLICY_FILE)
      .reply(200, 'version: 2\n')
      .get(`/repos/acme/.github/commits?path=${encodeURIComponent('.github/plimsoll-policy.yml')}&per_page=30&sha=main`)
      .reply(200, [{ sha: 'a'.repeat(40) }, { sha: 'b'.repeat(40) }])
      .get(`${POLICY_FILE}?ref=${'b'.repeat(40)}`)
      .reply(200, DRY_RUN)
      .get('/app')
      .reply(200, { id: 123, slug: 'plimsoll' })
      .get(`/repos/acme/.github/commits/${'a'.repeat(40)}/check-runs?check_name=plimsoll&app_id=123&filter=all&per_page=100`)
      .reply(200, { total_count: 0, check_runs: [] })
      .post('/repos/acme/.github/check-runs', (body: { conclusion: string }) => body.conclusion === 'failure')
      .reply(201, { id: 5 });

    await app().receive({ id: '7', name: 'push', payload: push(['.github/plimsoll-policy.yml']) as never });
    await handle.idle();

    // No discovery, no inventory issue: every mock above was used, and nothing else was asked.
    expect(nock.pendingMocks()).toStrictEqual([]);
  });

  it('runs a full recompute on `/plimsoll recheck` in the policy repository, and does nothing when bumps are off', async () => {
    token(checkedScope()).get(POLICY_FILE).reply(200, OFF);

    await app().receive({ id: '2', name: 'issue_comment', payload: comment('.github', '/plimsoll recheck') as never });
    await handle.idle();

    expect(nock.pendingMocks()).toStrictEqual([]);
  });

  it('ignores pushes that do not touch the policy, and recheck outside the policy repository', async () => {
    const probot = app();
    await probot.receive({ id: '3', name: 'push', payload: push(['README.md']) as never });
    await probot.receive({ id: '4', name: 'issue_comment', payload: comment('web', '/plimsoll recheck') as never });
    await probot.receive({ id: '5', name: 'issue_comment', payload: comment('.github', 'please recheck') as never });
    await handle.idle();
    expect(nock.pendingMocks()).toStrictEqual([]);
  });

  it('refreshes one repository in the inventory when a push changes its container definitions', async () => {
    const store = new MemoryInventoryStore();
    await store.set(42, { ...emptyInventory(), repos: { 'acme/web': { fullName: 'acme/web', defaultBranch: 'main', pushedAt: 'old', commit: null, files: [], notes: [] } } });
    token(checkedScope())
      .get('/repos/acme/web/git/trees/main?recursive=1')
      .reply(200, { sha: 't', truncated: false, tree: [{ path: 'api/Dockerfile', type: 'blob', sha: 'a2' }] })
      .post('/graphql', (body: { variables: Record<string, string> }) => body.variables.o0 === 'a2')
      .reply(200, { data: { repository: { b0: { text: 'FROM node:20.11.1\n', isBinary: false, isTruncated: false } } } });
    const payload = { ...push(['api/Dockerfile']), repository: { ...repository('web'), pushed_at: 1768471200 } };

    await app(store).receive({ id: '6', name: 'push', payload: payload as never });
    await handle.idle();

    const web = (await store.get(42))!.repos['acme/web']!;
    // As the REST API writes `pushed_at`, so discovery sees an unchanged repository as unchanged.
    expect(web.pushedAt).toBe('2026-01-15T10:00:00Z');
    expect(web.files).toEqual([{ path: 'api/Dockerfile', images: [{ line: 1, name: 'docker.io/library/node', familiar: 'node', tag: '20.11.1', digest: null, fromArg: null }] }]);
    expect(nock.pendingMocks()).toStrictEqual([]);
  });
});
