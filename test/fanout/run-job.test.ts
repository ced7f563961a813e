import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kindMarker } from '../../src/fanout/bump-kind.js';
import { bodyMarker } from '../../src/fanout/decide.js';
import type { BumpJob } from '../../src/fanout/plan.js';
import { pullRequestRenderer } from '../../src/fanout/render.js';
import { runBumpJob, type JobContext } from '../../src/fanout/run-job.js';
import { createBumpGitHub } from '../../src/github/bump-write.js';
import { MemoryWriteThrottle } from '../../src/queue/throttle.js';
import { NODE_20_11_1 } from './policies.js';
import { planForTests, renderForTests } from './planner.js';
import { checkedScope, takeViolations } from '../github/checked-scope.js';

const NODE = 'docker.io/library/node';
const JOB: BumpJob = { id: `acme/web#${NODE}`, repo: 'acme/web', image: NODE, familiar: 'node', banned: true, paths: ['Dockerfile', 'api/Dockerfile'] };
const DOCKERFILE = 'FROM node:18.19.0 AS build\r\nRUN npm ci\r\n';
const API_DOCKERFILE = '# api\nFROM --platform=$BUILDPLATFORM node:20.11.0-alpine\n';
const TITLE = 'Bump node base image to 18.19.1, 20.11.1-alpine';
const TABLE = [
  '| file | line | from | to | reason |',
  '|---|---|---|---|---|',
  '| Dockerfile | 1 | 18.19.0 | 18.19.1 | CVE-2024-27983 |',
  '| api/Dockerfile | 2 | 20.11.0-alpine | 20.11.1-alpine |  |',
].join('\n');
const BODY = `${TABLE}\n\n${kindMarker({ move: 'patch', banned: true })}\n${bodyMarker(NODE, '18.19.1, 20.11.1-alpine')}`;

function octokit() {
  return new ProbotOctokit({ auth: { token: 'test' }, throttle: { enabled: false }, retry: { enabled: false } });
}

function context(): JobContext {
  return {
    github: createBumpGitHub(octokit(), new MemoryWriteThrottle()),
    planFile: planForTests(NODE_20_11_1),
    render: renderForTests,
    mode: 'open',
    mayOpen: () => true,
  };
}

type Pull = { id: string; number: number; url: string; state: 'OPEN' | 'CLOSED' | 'MERGED'; body: string; headRepositoryOwner: { login: string }; labels?: { nodes: { name: string }[] } };

function stateReply(pulls: Pull[], files: [string, string] = [DOCKERFILE, API_DOCKERFILE]) {
  return {
    data: {
      repository: {
        id: 'R_web',
        defaultBranchRef: { name: 'main', target: { oid: 'base1' } },
        branch: null,
        pullRequests: { nodes: pulls },
        f0: { text: files[0] },
        f1: { text: files[1] },
      },
    },
  };
}

/** The one read of a job; asserts the variables it sends. */
function expectStateRead(scope: nock.Scope, reply: object): nock.Scope {
  return scope
    .post('/graphql', (body: { query: string; variables: Record<string, string> }) => {
      expect(body.variables).toEqual({
        owner: 'acme',
        name: 'web',
        branch: 'plimsoll/node',
        qualified: 'refs/heads/plimsoll/node',
        e0: 'HEAD:Dockerfile',
        e1: 'HEAD:api/Dockerfile',
        o0: 'HEAD:.github/CODEOWNERS',
        o1: 'HEAD:CODEOWNERS',
        o2: 'HEAD:docs/CODEOWNERS',
      });
      return body.query.startsWith('query(');
    })
    .reply(200, reply);
}

beforeEach(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  expect(takeViolations()).toEqual([]);
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('runBumpJob against the GitHub API', () => {
  it('opens one pull request with one signed commit: 1 read, 2 writes, exact bodies', async () => {
    const api = checkedScope();
    expectStateRead(api, stateReply([]));
    api
      .post('/graphql', (body: { query: string; variables: Record<string, unknown> }) => {
        // Branch, commit and pull request in one document, in that order.
        expect(body.query.indexOf('createRef(')).toBeGreaterThan(0);
        expect(body.query.indexOf('createCommitOnBranch(')).toBeGreaterThan(body.query.indexOf('createRef('));
        expect(body.query.indexOf('createPullRequest(')).toBeGreaterThan(body.query.indexOf('createCommitOnBranch('));
        expect(body.variables).toEqual({
          repositoryId: 'R_web',
          ref: 'refs/heads/plimsoll/node',
          baseOid: 'base1',
          commit: {
            branch: { repositoryNameWithOwner: 'acme/web', branchName: 'plimsoll/node' },
            expectedHeadOid: 'base1',
            message: { headline: TITLE, body: `Plimsoll-Target: ${NODE} 18.19.1, 20.11.1-alpine` },
            fileChanges: {
              additions: [
                { path: 'Dockerfile', contents: Buffer.from('FROM node:18.19.1 AS build\r\nRUN npm ci\r\n').toString('base64') },
                { path: 'api/Dockerfile', contents: Buffer.from('# api\nFROM --platform=$BUILDPLATFORM node:20.11.1-alpine\n').toString('base64') },
              ],
            },
          },
          baseRefName: 'main',
          headRefName: 'plimsoll/node',
          title: TITLE,
          body: BODY,
        });
        return true;
      })
      .reply(200, { data: { branch: { ref: { id: 'REF_1' } }, commit: { commit: { oid: 'c1' } }, pull: { pullRequest: { number: 12, url: 'https://github.com/acme/web/pull/12' } } } });
    api.post('/repos/acme/web/issues/12/labels', { labels: ['plimsoll', 'security'] }).reply(200, []);

    const outcome = await runBumpJob(JOB, context());
    expect(outcome.decision).toEqual({ action: 'open', branchExists: false, commit: true });
    expect(outcome.pullRequest).toEqual({ number: 12, url: 'https://github.com/acme/web/pull/12', target: '18.19.1, 20.11.1-alpine' });
    expect(api.pendingMocks()).toStrictEqual([]);
  });

  it('moves an open pull request to a new target in one write: branch reset, commit, retitle', async () => {
    const api = checkedScope();
    const oldBody = `old table\n\n${bodyMarker(NODE, '18.19.0, 20.11.0-alpine')}`;
    const reply = stateReply([{ id: 'PR_12', number: 12, url: 'https://github.com/acme/web/pull/12', state: 'OPEN', body: oldBody, headRepositoryOwner: { login: 'acme' } }]);
    (reply.data.repository as Record<string, unknown>).branch = { id: 'REF_1', target: { oid: 'c0', message: 'Bump', parents: { nodes: [{ oid: 'base0' }] } } };
    expectStateRead(api, reply);
    api
      .post('/graphql', (body: { query: string; variables: Record<string, unknown> }) => {
        expect(body.query).toContain('updateRef(');
        expect(body.query).not.toContain('createRef(');
        expect(body.query.indexOf('updatePullRequest(')).toBeGreaterThan(body.query.indexOf('createCommitOnBranch('));
        expect(body.variables).toMatchObject({ refId: 'REF_1', baseOid: 'base1', pullRequestId: 'PR_12', title: TITLE, body: BODY });
        return true;
      })
      .reply(200, { data: { branch: { ref: { id: 'REF_1' } }, commit: { commit: { oid: 'c2' } }, pull: { pullRequest: { number: 12 } } } });
    const outcome = await runBumpJob(JOB, context());
    expect(outcome.decision).toEqual({ action: 'update', number: 12, commit: true });
    expect(outcome.pullRequest).toEqual({ number: 12, url: 'https://github.com/acme/web/pull/12', target: '18.19.1, 20.11.1-alpine' });
    expect(api.pendingMocks()).toStrictEqual([]);
  });

  it('is idempotent: a second run reads once and writes nothing', async () => {
    const api = checkedScope();
    const labels = { nodes: [{ name: 'plimsoll' }, { name: 'security' }] };
    expectStateRead(api, stateReply([{ id: 'PR_12', number: 12, url: 'https://github.com/acme/web/pull/12', state: 'OPEN', body: BODY, headRepositoryOwner: { login: 'acme' }, labels }]));
    const outcome = await runBumpJob(JOB, context());
    expect(outcome.decision).toEqual({ action: 'none', reason: 'already-open', number: 12 });
    expect(api.pendingMocks()).toStrictEqual([]);
  });

  it('finishes a run cut short after opening: adds the labels the pull request lacks, nothing else', async () => {
    const api = checkedScope();
    const labels = { nodes: [{ name: 'plimsoll' }] };
    expectStateRead(api, stateReply([{ id: 'PR_12', number: 12, url: 'https://github.com/acme/web/pull/12', state: 'OPEN', body: BODY, headRepositoryOwner: { login: 'acme' }, labels }]));
    api.post('/repos/acme/web/issues/12/labels', { labels: ['security'] }).reply(200, []);
    const outcome = await runBumpJob(JOB, context());
    expect(outcome.decision).toEqual({ action: 'none', reason: 'already-open', number: 12 });
    expect(api.pendingMocks()).toStrictEqual([]);
  });

  it('closes its pull request as superseded when the default branch already has the target', async () => {
    const api = checkedScope();
    expectStateRead(
      api,
      stateReply([{ id: 'PR_12', number: 12, url: 'u', state: 'OPEN', body: BODY, headRepositoryOwner: { login: 'acme' } }], ['FROM node:18.19.1\n', 'FROM node:20.11.1-alpine\n']),
    );
    api
      .post('/graphql', (body: { query: string; variables: Record<string, unknown> }) => {
        expect(body.query).toContain('updatePullRequest(input: { pullRequestId: $pullRequestId, state: CLOSED, body: $body })');
        expect(body.variables).toEqual({ pullRequestId: 'PR_12', body: `${BODY}\n<!-- plimsoll:superseded -->` });
        return true;
      })
      .reply(200, { data: { pull: { pullRequest: { number: 12 } } } });
    const outcome = await runBumpJob(JOB, context());
    expect(outcome.decision).toEqual({ action: 'close', number: 12 });
    expect(api.pendingMocks()).toStrictEqual([]);
  });

  it('leaves alone a pull request a person closed for the same target, even from a fork-free lookalike', async () => {
    const api = checkedScope();
    expectStateRead(
      api,
      stateReply([
        { id: 'PR_13', number: 13, url: 'u', state: 'OPEN', body: 'someone else', headRepositoryOwner: { login: 'forker' } },
        { id: 'PR_12', number: 12, url: 'u', state: 'CLOSED', body: BODY, headRepositoryOwner: { login: 'acme' } },
      ]),
    );
    const outcome = await runBumpJob(JOB, context());
    expect(outcome.decision).toEqual({ action: 'none', reason: 'declined', number: 12 });
    expect(api.pendingMocks()).toStrictEqual([]);
  });
});

describe('runBumpJob with compose files, manifests, workflows and dev containers (SPEC §11)', () => {
  const SHOP: BumpJob = {
    id: `acme/web#${NODE}`,
    repo: 'acme/web',
    image: NODE,
    familiar: 'node',
    banned: true,
    paths: ['Dockerfile', 'compose.yaml', '.github/workflows/ci.yml'],
    kinds: { 'compose.yaml': 'compose', '.github/workflows/ci.yml': 'workflow' },
    related: ['.env'],
  };
  const TEXTS = {
    Dockerfile: 'FROM node:18.19.0\n',
    'compose.yaml': "services:\n  api:\n    image: 'node:${NODE_TAG:-18.19.0}'\n",
    '.github/workflows/ci.yml': 'jobs:\n  t:\n    container: node:20.11.0-alpine # ci\n',
    '.env': 'NODE_TAG=18.19.0\n',
  };

  it('reads the files and the .env in the one read, and commits every edit of the image together', async () => {
    const renderer = pullRequestRenderer(NODE_20_11_1);
    const api = checkedScope();
    api
      .post('/graphql', (body: { variables: Record<string, string> }) => {
        expect(Object.entries(body.variables).filter(([k]) => /^e\d+$/.test(k))).toEqual([
          ['e0', 'HEAD:Dockerfile'],
          ['e1', 'HEAD:compose.yaml'],
          ['e2', 'HEAD:.github/workflows/ci.yml'],
          ['e3', 'HEAD:.env'],
        ]);
        return true;
      })
      .reply(200, { data: { repository: { id: 'R_web', defaultBranchRef: { name: 'main', target: { oid: 'base1' } }, branch: null, pullRequests: { nodes: [] }, ...Object.fromEntries(Object.values(TEXTS).map((text, i) => [`f${i}`, { oid: `o${i}`, text, isBinary: false, isTruncated: false }])) } } });
    let additions: Array<{ path: string; contents: string }> = [];
    let body = '';
    api
      .post('/graphql', (request: { variables: { commit: { fileChanges: { additions: typeof additions } }; body: string } }) => {
        additions = request.variables.commit.fileChanges.additions;
        body = request.variables.body;
        return true;
      })
      .reply(200, { data: { branch: { ref: { id: 'REF_1' } }, commit: { commit: { oid: 'c1' } }, pull: { pullRequest: { number: 12, url: 'u' } } } });
    api.post('/repos/acme/web/issues/12/labels').reply(200, []);

    const outcome = await runBumpJob(SHOP, { ...context(), planFile: renderer.planFile, planManifests: renderer.planManifests, render: renderer.render });

    expect(additions.map((a) => [a.path, Buffer.from(a.contents, 'base64').toString('utf8')])).toEqual([
      ['Dockerfile', 'FROM node:18.19.1\n'],
      ['.env', 'NODE_TAG=18.19.1\n'],
      ['.github/workflows/ci.yml', 'jobs:\n  t:\n    container: node:20.11.1-alpine # ci\n'],
    ]);
    expect(outcome.files.map((f) => [f.path, f.edits.map((e) => `${e.line}:${e.from}->${e.to}`)])).toEqual([
      ['Dockerfile', ['1:18.19.0->18.19.1']],
      ['.env', ['1:18.19.0->18.19.1']],
      ['.github/workflows/ci.yml', ['3:20.11.0->20.11.1']],
    ]);
    expect(body).toContain('| .env | 1 | `node:18.19.0` | `node:18.19.1` |');
    expect(body).toContain('| .github/workflows/ci.yml | 3 | `node:20.11.0-alpine` | `node:20.11.1-alpine` |');
    expect(api.pendingMocks()).toStrictEqual([]);
  });

  it('a text GitHub’s GraphQL cuts (over 512 KB) is read as a blob before it is edited', async () => {
    const renderer = pullRequestRenderer(NODE_20_11_1);
    const big = `apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "${'x'.repeat(600_000)}"\n---\napiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, image: "node:20.11.0"}]\n`;
    const api = checkedScope();
    api
      .post('/graphql')
      .reply(200, { data: { repository: { id: 'R_web', defaultBranchRef: { name: 'main', target: { oid: 'base1' } }, branch: null, pullRequests: { nodes: [] }, f0: { oid: 'big1', text: big.slice(0, 512_000), isBinary: false, isTruncated: true } } } });
    api.get('/repos/acme/web/git/blobs/big1').reply(200, { sha: 'big1', size: big.length, encoding: 'base64', content: Buffer.from(big).toString('base64') });
    let written = '';
    api
      .post('/graphql', (request: { variables: { commit: { fileChanges: { additions: Array<{ contents: string }> } } } }) => {
        written = Buffer.from(request.variables.commit.fileChanges.additions[0]!.contents, 'base64').toString('utf8');
        return true;
      })
      .reply(200, { data: { branch: { ref: { id: 'REF_1' } }, commit: { commit: { oid: 'c1' } }, pull: { pullRequest: { number: 12, url: 'u' } } } });
    api.post('/repos/acme/web/issues/12/labels').reply(200, []);

    const job: BumpJob = { ...SHOP, banned: false, paths: ['k8s/bundle.yaml'], kinds: { 'k8s/bundle.yaml': 'kubernetes' }, related: [] };
    await runBumpJob(job, { ...context(), planFile: renderer.planFile, planManifests: renderer.planManifests, render: renderer.render });

    expect(written).toBe(big.replace('node:20.11.0', 'node:20.11.1'));
    expect(api.pendingMocks()).toStrictEqual([]);
  });
});
