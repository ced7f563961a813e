import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kindMarker } from '../../src/fanout/bump-kind.js';
import { bodyMarker } from '../../src/fanout/decide.js';
import { runFanOut, type FanOutContext } from '../../src/fanout/runner.js';
import { emptyInventory, type Inventory } from '../../src/inventory/model.js';
import { INVENTORY_MARKER, INVENTORY_TITLE } from '../../src/inventory/render.js';
import { MemoryWriteThrottle } from '../../src/queue/throttle.js';
import { policyFrom } from './policies.js';
import { checkedScope, takeViolations } from '../github/checked-scope.js';
import { installationGitHub } from '../../src/github/installation.js';

const NODE = 'docker.io/library/node';

const BEFORE = policyFrom(`version: 1
images:
  - name: node
    versions: [20.9.0]
    update: minor
  - name: python
    versions: ["3.12.1"]
`);
const AFTER = policyFrom(`version: 1
images:
  - name: node
    versions: [20.11.1, 20.9.0]
    update: minor
  - name: python
    versions: ["3.12.1"]
`);

/** The org: web uses node 20.9.0 in a FROM, api through an ARG default, docs only python; old is archived, empty is empty. */
const FILES: Record<string, Record<string, { sha: string; text: string }>> = {
  '.github': {},
  web: { Dockerfile: { sha: 'w1', text: 'FROM node:20.9.0\nRUN npm ci\n' } },
  api: { 'build/Dockerfile': { sha: 'a1', text: 'ARG NODE_VERSION=20.9.0\nFROM node:${NODE_VERSION}-alpine\nCMD ["node"]\n' } },
  docs: { Dockerfile: { sha: 'd1', text: 'FROM python:3.12.1\n' } },
};
const LISTED = [
  { name: '.github', size: 3 },
  { name: 'web', size: 10 },
  { name: 'api', size: 10 },
  { name: 'docs', size: 10 },
  { name: 'old', size: 10, archived: true },
  { name: 'empty', size: 0 },
].map((repo) => ({ full_name: `acme/${repo.name}`, owner: { login: 'acme' }, default_branch: 'main', pushed_at: '2026-01-01T00:00:00Z', archived: false, disabled: false, ...repo }));

const PR_TAIL = [
  '',
  'Only the version tokens changed: formatting, comments and the rest of each file are as they were.',
  'Opened by Plimsoll from the ops policy. Close this pull request to skip this version; Plimsoll will not reopen it for the same target.',
  '',
  kindMarker({ move: 'minor', banned: false }),
  bodyMarker(NODE, '20.11.1'),
];
const WEB_BODY = [
  '<!-- plimsoll:bump image=node to=20.11.1 -->',
  'The ops policy allows a newer node. This pull request moves it there.',
  '',
  '| File | Line | From | To | Reason |',
  '|---|---|---|---|---|',
  '| Dockerfile | 1 | `node:20.9.0` | `node:20.11.1` | 20.11.1 is the newest allowed within minor updates |',
  ...PR_TAIL,
].join('\n');
const API_BODY = [
  '<!-- plimsoll:bump image=node to=20.11.1 -->',
  'The ops policy allows a newer node. This pull request moves it there.',
  '',
  '| File | Line | From | To | Reason |',
  '|---|---|---|---|---|',
  '| build/Dockerfile | 1 | `node:20.9.0-alpine` | `node:20.11.1-alpine` | 20.11.1 is the newest allowed within minor updates |',
  '',
  'The version is set by an ARG default (`NODE_VERSION`); every FROM it feeds gets the same version.',
  ...PR_TAIL,
].join('\n');
const NUMBERS: Record<string, number> = { web: 7, api: 11 };

interface GraphQLBody {
  query: string;
  variables: Record<string, unknown> & { commit?: { branch: { repositoryNameWithOwner: string } } };
}

/** Every request, as `METHOD path` (GraphQL: `GRAPHQL <kind> <repo>`), and the bodies of writes. */
let sent: string[];
let writes: { route: string; body: unknown }[];

function github(): nock.Scope {
  const scope = checkedScope();
  scope.on('request', (req: { method: string; path: string }, _interceptor: unknown, body: string) => {
    if (req.path !== '/graphql') {
      sent.push(`${req.method} ${decodeURIComponent(req.path)}`);
      if (req.method !== 'GET') writes.push({ route: `${req.method} ${decodeURIComponent(req.path)}`, body: JSON.parse(body) as unknown });
      return;
    }
    const parsed = JSON.parse(body) as GraphQLBody;
    if (parsed.query.startsWith('mutation')) {
      sent.push(`GRAPHQL mutation ${parsed.variables.commit!.branch.repositoryNameWithOwner}`);
      writes.push({ route: `GRAPHQL mutation ${parsed.variables.commit!.branch.repositoryNameWithOwner}`, body: parsed.variables });
    } else {
      const kind = parsed.query.includes('object(oid:') ? 'blobs' : 'bump-state';
      sent.push(`GRAPHQL ${kind} ${String(parsed.variables.owner)}/${String(parsed.variables.name)}`);
    }
  });
  return scope;
}

/** GitHub's GraphQL side of the org: file blobs, the bump state of each repository, commits. */
function graphql(openPulls: boolean) {
  return (_uri: string, body: GraphQLBody) => {
    const { variables } = body;
    if (variables.commit) {
      const name = variables.commit.branch.repositoryNameWithOwner;
      const number = NUMBERS[name.split('/')[1]!]!;
      return { data: { branch: { ref: { id: `REF-${name}` } }, commit: { commit: { oid: `commit-${name}` } }, pull: { pullRequest: { number, url: `https://github.com/${name}/pull/${number}` } } } };
    }
    const repo = String(variables.name);
    const files = Object.values(FILES[repo] ?? {});
    if (body.query.includes('object(oid:')) {
      const blobs: Record<string, unknown> = {};
      Object.keys(variables)
        .filter((key) => /^o\d+$/.test(key))
        .forEach((key) => (blobs[`b${key.slice(1)}`] = { text: files.find((f) => f.sha === variables[key])!.text, isBinary: false, isTruncated: false }));
      return { data: { repository: blobs } };
    }
    const texts: Record<string, unknown> = {};
    Object.keys(variables)
      .filter((key) => /^e\d+$/.test(key))
      .forEach((key) => (texts[`f${key.slice(1)}`] = { text: FILES[repo]![String(variables[key]).slice('HEAD:'.length)]!.text }));
    const number = NUMBERS[repo]!;
    const pulls = openPulls
      ? [{ id: `PR-${repo}`, number, url: `https://github.com/acme/${repo}/pull/${number}`, state: 'OPEN', body: repo === 'web' ? WEB_BODY : API_BODY, headRepositoryOwner: { login: 'acme' }, labels: { nodes: [{ name: 'plimsoll' }] } }]
      : [];
    return { data: { repository: { id: `R-${repo}`, defaultBranchRef: { name: 'main', target: { oid: `base-${repo}` } }, branch: null, pullRequests: { nodes: pulls }, ...texts } } };
  };
}

function context(inventory: Inventory, now: string): FanOutContext {
  const throttle = new MemoryWriteThrottle();
  return {
    github: installationGitHub(new ProbotOctokit({ auth: { token: 'test' }, throttle: { enabled: false }, retry: { enabled: false } }), throttle, { owner: 'acme', repo: '.github' }),
    inventory,
    throttle,
    now: () => new Date(now),
  };
}

const count = (prefix: string, repo: string) => sent.filter((line) => line.startsWith(prefix) && line.includes(`acme/${repo}`)).length;

beforeEach(() => {
  nock.disableNetConnect();
  sent = [];
  writes = [];
});
afterEach(() => {
  expect(takeViolations()).toEqual([]);
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('runFanOut over an organization', () => {
  it('opens one pull request per affected repository and the inventory issue, then writes nothing on a recheck that finds nothing new', async () => {
    const scope = github()
      .get('/installation/repositories?per_page=100&page=1')
      .reply(200, { total_count: LISTED.length, repositories: LISTED });
    for (const [repo, files] of Object.entries(FILES)) {
      const tree = [{ path: 'README.md', type: 'blob', sha: 'r0' }, ...Object.entries(files).map(([path, file]) => ({ path, type: 'blob', sha: file.sha }))];
      scope.get(`/repos/acme/${repo}/git/trees/main?recursive=1`).reply(200, { sha: `tree-${repo}`, truncated: false, tree });
    }
    // 3 blob reads (web, api, docs), 2 bump states, 2 mutations (branch, commit, pull request).
    scope.post('/graphql').times(7).reply(200, graphql(false));
    for (const repo of ['web', 'api']) scope.post(`/repos/acme/${repo}/issues/${NUMBERS[repo]}/labels`).reply(200, []);
    scope
      .get('/repos/acme/.github/issues?state=open&labels=plimsoll&per_page=100')
      .reply(200, [])
      .post('/repos/acme/.github/issues')
      .reply(201, { number: 3 });

    const first = await runFanOut(context(emptyInventory(), '2026-01-15T10:00:00Z'), BEFORE, AFTER);

    expect(Object.keys(first.outcomes).sort()).toEqual([`acme/api#${NODE}`, `acme/web#${NODE}`]);
    expect(first.issue).toEqual({ number: 3, action: 'created' });
    // Listing + 4 trees + 3 blob reads: archived and empty repositories are not read.
    expect(first.reads).toBe(8);
    expect(sent.some((line) => line.includes('acme/old') || line.includes('acme/empty'))).toBe(false);
    for (const repo of ['web', 'api']) {
      expect({ repo, tree: count('GET', repo), reads: count('GRAPHQL blobs', repo) + count('GRAPHQL bump-state', repo), writes: count('POST', repo) + count('GRAPHQL mutation', repo) }).toEqual({
        repo,
        tree: 1,
        reads: 2,
        writes: 2,
      });
    }

    const byRoute = (route: string) => writes.filter((w) => w.route === route).map((w) => w.body);
    const mutation = (repo: string) => byRoute(`GRAPHQL mutation acme/${repo}`) as Record<string, unknown>[];
    expect(mutation('web')).toEqual([
      expect.objectContaining({ repositoryId: 'R-web', ref: 'refs/heads/plimsoll/node', baseOid: 'base-web', baseRefName: 'main', headRefName: 'plimsoll/node', title: 'Bump node base image to 20.11.1', body: WEB_BODY }),
    ]);
    expect(mutation('api')[0]).toMatchObject({ title: 'Bump node base image to 20.11.1', body: API_BODY });
    expect(byRoute('POST /repos/acme/web/issues/7/labels')).toEqual([{ labels: ['plimsoll'] }]);
    expect(mutation('api')[0]!.commit).toEqual({
      branch: { repositoryNameWithOwner: 'acme/api', branchName: 'plimsoll/node' },
      expectedHeadOid: 'base-api',
      message: { headline: 'Bump node base image to 20.11.1', body: `Plimsoll-Target: ${NODE} 20.11.1` },
      fileChanges: {
        additions: [
          { path: 'build/Dockerfile', contents: Buffer.from('ARG NODE_VERSION=20.11.1\nFROM node:${NODE_VERSION}-alpine\nCMD ["node"]\n').toString('base64') },
        ],
      },
    });

    const [issue] = byRoute('POST /repos/acme/.github/issues') as { title: string; body: string; labels: string[] }[];
    expect({ title: issue!.title, labels: issue!.labels }).toEqual({ title: INVENTORY_TITLE, labels: ['plimsoll'] });
    const lines = issue!.body.split('\n');
    expect(lines[0]).toBe(INVENTORY_MARKER);
    expect(lines).toContain('Updated 2026-01-15 10:00 UTC: 4 repositories, 3 container definitions.');
    expect(lines).toContain('| node | 20.9.0 | ⬆️ outdated | 20.11.1 | acme/web (Dockerfile:1) |');
    expect(lines).toContain('| node | 20.9.0-alpine | ⬆️ outdated | 20.11.1-alpine | acme/api (build/Dockerfile:2) |');
    expect(lines).toContain('| python | 3.12.1 | ✅ allowed |  | acme/docs (Dockerfile:1) |');
    expect(lines).toContain('- acme/api#11: node → 20.11.1');
    expect(lines).toContain('- acme/web#7: node → 20.11.1');
    expect(nock.pendingMocks()).toStrictEqual([]);

    // A recheck an hour later: every repository is where it was (same pushed_at), both pull
    // requests are open. The inventory says what it said, so the issue is not written again (its
    // "Updated" time alone is no news).
    sent = [];
    writes = [];
    github()
      .get('/installation/repositories?per_page=100&page=1')
      .reply(200, { total_count: LISTED.length, repositories: LISTED })
      .post('/graphql')
      .times(2)
      .reply(200, graphql(true))
      .get('/repos/acme/.github/issues?state=open&labels=plimsoll&per_page=100')
      // A person's issue carrying the marker is not the inventory; the app's own is.
      .reply(200, [
        { number: 2, title: INVENTORY_TITLE, body: issue!.body, labels: [{ name: 'plimsoll' }], user: { login: 'dev-dave', type: 'User' } },
        { number: 3, title: INVENTORY_TITLE, body: issue!.body, labels: [{ name: 'plimsoll' }], user: { login: 'plimsoll[bot]', type: 'Bot' } },
      ]);

    const second = await runFanOut(context(first.inventory, '2026-01-15T11:00:00Z'), null, AFTER);

    expect(second.reads).toBe(1);
    expect(second.issue).toEqual({ number: 3, action: 'unchanged' });
    expect(sent.sort()).toEqual([
      'GET /installation/repositories?per_page=100&page=1',
      'GET /repos/acme/.github/issues?state=open&labels=plimsoll&per_page=100',
      'GRAPHQL bump-state acme/api',
      'GRAPHQL bump-state acme/web',
    ]);
    expect(writes).toStrictEqual([]);
    expect(nock.pendingMocks()).toStrictEqual([]);
  });

  it('opens no more pull requests than bumps.max-open allows', async () => {
    const capped = policyFrom(`version: 1
bumps:
  max-open: 1
images:
  - name: node
    versions: [20.11.1, 20.9.0]
    update: minor
`);
    const scope = github()
      .get('/installation/repositories?per_page=100&page=1')
      .reply(200, { total_count: 2, repositories: [LISTED[1], LISTED[2]] });
    for (const repo of ['web', 'api']) {
      const [path, file] = Object.entries(FILES[repo]!)[0]!;
      scope.get(`/repos/acme/${repo}/git/trees/main?recursive=1`).reply(200, { sha: `tree-${repo}`, truncated: false, tree: [{ path, type: 'blob', sha: file.sha }] });
    }
    scope
      .post('/graphql')
      .times(5)
      .reply(200, graphql(false))
      .post('/repos/acme/api/issues/11/labels')
      .reply(200, [])
      .get('/repos/acme/.github/issues?state=open&labels=plimsoll&per_page=100')
      .reply(200, [])
      .post('/repos/acme/.github/issues')
      .reply(201, { number: 3 });

    const result = await runFanOut({ ...context(emptyInventory(), '2026-01-15T10:00:00Z'), concurrency: 1 }, BEFORE, capped);

    expect(result.outcomes[`acme/api#${NODE}`]?.decision).toEqual({ action: 'open', branchExists: false, commit: true });
    expect(result.outcomes[`acme/web#${NODE}`]?.decision).toEqual({ action: 'none', reason: 'max-open' });
    expect(sent.filter((line) => line.includes('acme/web') && !line.startsWith('GET') && !line.startsWith('GRAPHQL b'))).toEqual([]);
    expect(nock.pendingMocks()).toStrictEqual([]);
  });

  it('in dry-run writes no pull request but still keeps the inventory issue; off does nothing at all', async () => {
    const dryRun = policyFrom(`version: 1
bumps:
  mode: dry-run
images:
  - name: node
    versions: [20.11.1, 20.9.0]
    update: minor
`);
    const scope = github()
      .get('/installation/repositories?per_page=100&page=1')
      .reply(200, { total_count: 1, repositories: [LISTED[1]] })
      .get('/repos/acme/web/git/trees/main?recursive=1')
      .reply(200, { sha: 'tree-web', truncated: false, tree: [{ path: 'Dockerfile', type: 'blob', sha: 'w1' }] })
      .post('/graphql')
      .times(2)
      .reply(200, graphql(false))
      .get('/repos/acme/.github/issues?state=open&labels=plimsoll&per_page=100')
      .reply(200, [])
      .post('/repos/acme/.github/issues')
      .reply(201, { number: 4 });

    const result = await runFanOut(context(emptyInventory(), '2026-01-15T10:00:00Z'), BEFORE, dryRun);

    expect(result.outcomes[`acme/web#${NODE}`]?.decision).toEqual({ action: 'none', reason: 'dry-run' });
    expect(writes.map((w) => w.route)).toEqual(['POST /repos/acme/.github/issues']);
    expect(scope.isDone()).toBe(true);

    const off = policyFrom(`version: 1
bumps:
  mode: off
images:
  - name: node
    versions: [20.11.1]
`);
    const skipped = await runFanOut(context(emptyInventory(), '2026-01-15T10:00:00Z'), BEFORE, off);
    expect(skipped).toEqual({ skipped: true, inventory: emptyInventory(), outcomes: {}, issue: null, reads: 0, dispatches: [] });
    expect(nock.pendingMocks()).toStrictEqual([]);
  });
});
