import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { invalidateRepoConfig } from '../../src/github/repo-config.js';
import { resetPolicyCache } from '../../src/github/client.js';
import { settled as appsSettled } from '../../src/handlers/review.js';
import { plimsoll } from '../../src/index.js';
import { ReviewQueue } from '../../src/review-lock/queue.js';
import { lintText } from '../../src/lint/lint.js';
import type { Rule } from '../../src/rules/rule.js';
import { DL3006 } from '../../src/rules/DL3006.js';
import { PL1001 } from '../../src/rules/PL1001.js';
import { validateGraphQL } from '../github/graphql-schema.js';
import { validateRequest } from '../github/openapi.js';

export const HEAD = '0123456789abcdef0123456789abcdef01234567';
export const API = 'https://api.github.com';
/** The app under test, as GitHub knows it. */
export const APP = { id: 123, slug: 'plimsoll', botLogin: 'plimsoll[bot]' };
/** When the pull request of the fixtures was opened (its head's push time). */
export const OPENED_AT = '2019-05-15T15:20:33Z';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/webhooks/${name}.json`, import.meta.url), 'utf8')) as T;
}

/** Every request the app sent, as `METHOD path` (`POST /graphql <what>` for GraphQL), and every way one departed from GitHub's API. */
export const sent: string[] = [];
export const violations: string[] = [];
export const logs: Array<Record<string, unknown>> = [];

/** A nock scope on api.github.com whose requests are recorded and checked against the OpenAPI description and the GraphQL schema. */
export function github(): nock.Scope {
  const scope = nock(API);
  scope.on('request', (req: { method: string; path: string }, _interceptor: unknown, body: string) => {
    const parsed = body ? (JSON.parse(body) as { query?: string; variables?: Record<string, unknown> }) : undefined;
    if (req.path === '/graphql' && parsed?.query) {
      sent.push(`POST /graphql ${graphqlKind(parsed.query)}`);
      violations.push(...validateGraphQL(parsed.query, parsed.variables));
      return;
    }
    sent.push(`${req.method} ${decodeURIComponent(req.path)}`);
    if (process.env.TRACE_REQUESTS) console.log(Date.now() % 100000, req.method, req.path);
    violations.push(...validateRequest(req.method, req.path, parsed));
  });
  return scope;
}

/** Which of the review's GraphQL reads a document is. */
function graphqlKind(query: string): string {
  if (query.includes('comments(first')) return 'comments';
  if (query.includes('object(expression')) return 'files';
  if (query.includes('checkSuites')) return 'heads';
  return 'other';
}

export function resetGitHub(): void {
  nock.cleanAll();
  nock.disableNetConnect();
  sent.length = 0;
  violations.length = 0;
  logs.length = 0;
  resetPolicyCache();
  invalidateRepoConfig();
  queues.length = 0;
}

/** The review queues of the apps built by `testProbot`: reviews run in the background. */
const queues: ReviewQueue[] = [];

/** Resolves once every background review and reply of every test app has finished. */
export async function settled(): Promise<void> {
  for (const queue of queues) await queue.settled();
  await appsSettled();
}

/** Deliver an event as the webhook middleware does, then wait for the work it started in the background. */
export async function deliver(probot: Probot, event: { id: string; name: string; payload: unknown }): Promise<void> {
  await probot.receive(event as never);
  await settled();
}

/** A Probot with retries and throttling off, the real engine with the given rules, and captured logs. */
export function testProbot(rules: readonly Rule[] = [DL3006, PL1001], options: { identity?: boolean } = {}): Probot {
  const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const probot = new Probot({
    appId: APP.id,
    privateKey,
    log,
    // A function, not an object: Probot puts its own throttle options over object defaults,
    // which would leave throttling (one second between writes) on.
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
      ...options,
      retry: { enabled: false },
      throttle: { ...(options.throttle as object), enabled: false },
    })),
  });
  const reviewQueue = new ReviewQueue();
  queues.push(reviewQueue);
  void probot.load(
    plimsoll({
      reviewQueue,
      lint: (path, text, lintOptions) => lintText(path, text, { ...lintOptions, rules }),
      retry: { sleep: async () => undefined },
      now: () => new Date('2026-01-15T00:00:00Z'),
      // Who the app is: given, unless a test wants the app to ask GitHub (`GET /app`).
      ...(options.identity === false ? {} : { identity: async () => APP }),
    }),
  );
  return probot;
}

/** The installation token every event starts with. */
export function token(scope: nock.Scope): nock.Scope {
  return scope.post('/app/installations/42/access_tokens').reply(201, { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: {} });
}

export const POLICY = `version: 1
ops:
  team: platform-ops
  review: on-findings
images:
  - name: node
    versions: [20.11.1]
`;

export const contentsPath = (repo: string, path: string) => `/repos/acme/${repo}/contents/${encodeURIComponent(path)}`;

/** A comment as GitHub's GraphQL API returns it. */
export interface CommentNode {
  databaseId: number;
  body: string;
  createdAt: string;
  lastEditedAt?: string | null;
  isMinimized?: boolean;
  author: { __typename: 'User' | 'Bot'; login: string } | null;
  editor?: { login: string } | null;
}

export function userComment(id: number, login: string, body: string, createdAt = '2026-01-10T00:00:00Z', extra: Partial<CommentNode> = {}): CommentNode {
  return { databaseId: id, body, createdAt, author: { __typename: 'User', login }, ...extra };
}

/** The app's own comment: GraphQL names a bot by its slug. */
export function botComment(id: number, body: string, createdAt = '2026-01-10T00:00:00Z'): CommentNode {
  return { databaseId: id, body, createdAt, author: { __typename: 'Bot', login: APP.slug } };
}

export interface PullShape {
  number?: number;
  state?: string;
  head?: string;
  author?: string;
  requestedTeams?: string[];
  updatedAt?: string;
}

export function pullJson(p: PullShape = {}) {
  return {
    number: p.number ?? 7,
    state: p.state ?? 'open',
    head: { sha: p.head ?? HEAD, ref: 'feature' },
    base: { sha: 'b'.repeat(40), ref: 'main' },
    user: { login: p.author ?? 'dev-dana', type: 'User' },
    requested_teams: (p.requestedTeams ?? []).map((slug, id) => ({ slug, name: slug, id })),
    created_at: OPENED_AT,
    updated_at: p.updatedAt ?? OPENED_AT,
  };
}

export interface ReviewMocks {
  /** The pull request as GitHub answers it now; number 7 unless told. */
  pull?: PullShape;
  files: Array<{ filename: string; status: string; patch?: string }>;
  /** Definition texts at the head SHA, by path; a Buffer is read as bytes (GraphQL reports it binary). */
  contents: Record<string, string | Buffer>;
  /** The policy file (null: none); undefined: cached from an earlier review, not read. */
  policy?: string | null;
  repoConfig?: string | null;
  /** The repository config is still cached from an earlier review: not read again. */
  configCached?: boolean;
  comments?: CommentNode[];
  /** Team membership asked, by login. */
  members?: Record<string, boolean>;
  /** Bodies of requests that write, in the order sent. */
  writes: Array<{ route: string; body: unknown }>;
  /** Answers the pull request after this many milliseconds. */
  pullDelayMs?: number;
  /** What listing the head's check runs answers, instead of this app's run or none. */
  checkRuns?: unknown;
  /** This app's check run already on the head: found, not created. */
  existingCheck?: { id: number; startedAt: string };
  checkRunId?: number;
  /** Check-run updates expected: one per annotation batch, at least one. */
  updates?: number;
  /** The review posts its summary comment, answered with this id (`POST comments`). */
  postsComment?: number;
  /** The review edits this summary comment (`PATCH comment`). */
  editsComment?: number;
  /** The review requests the ops team's review (`POST requested_reviewers`). */
  requestsReview?: boolean;
}

const record = (writes: ReviewMocks['writes'], route: string) => (body: unknown) => writes.push({ route, body }) > 0;

/** The reads and writes of one review, in the order the app makes them. */
export function reviewMocks(scope: nock.Scope, m: ReviewMocks): nock.Scope {
  const id = m.checkRunId ?? m.existingCheck?.id ?? 99;
  const pull = pullJson(m.pull);
  const n = pull.number;
  scope.get(`/repos/acme/web/pulls/${n}`).delay(m.pullDelayMs ?? 0).reply(200, pull);
  scope.get(`/repos/acme/web/pulls/${n}/files?per_page=100`).reply(200, m.files);
  if (!m.configCached) scope.get(contentsPath('web', '.github/plimsoll.yml')).reply(m.repoConfig == null ? 404 : 200, m.repoConfig ?? { message: 'Not Found' });
  if (m.policy !== undefined) {
    scope.get(contentsPath('.github', '.github/plimsoll-policy.yml')).reply(m.policy === null ? 404 : 200, m.policy ?? { message: 'Not Found' });
    // No policy file: the app checks it can see the policy repository (else it would fail closed).
    if (m.policy === null) scope.get('/repos/acme/.github').reply(200, { name: '.github', full_name: 'acme/.github', default_branch: 'main' });
  }
  scope
    .get(`/repos/acme/web/commits/${pull.head.sha}/check-runs`)
    .query({ check_name: 'plimsoll', app_id: String(APP.id), filter: 'all', per_page: '100' })
    .reply(200, m.checkRuns ?? (m.existingCheck ? checkRunsList(m.existingCheck.id, pull.head.sha, m.existingCheck.startedAt) : { total_count: 0, check_runs: [] }));
  if (!m.existingCheck) {
    scope.post('/repos/acme/web/check-runs', record(m.writes, 'POST check-runs')).reply(201, (_uri, body) => ({ id, started_at: (body as { started_at?: string }).started_at ?? '2026-01-15T00:00:00Z', status: 'in_progress' }));
  }
  blobs(scope, pull.head.sha, m.contents);
  comments(scope, m.comments ?? []);
  for (const [login, member] of Object.entries(m.members ?? {})) membership(scope, login, member);
  // A refused membership makes the app ask once whether the team itself is visible (it is, here).
  if (Object.values(m.members ?? {}).includes(false)) scope.get('/orgs/acme/teams/platform-ops').reply(200, { id: 1, slug: 'platform-ops', name: 'platform-ops' });
  if (m.requestsReview) scope.post(`/repos/acme/web/pulls/${n}/requested_reviewers`, record(m.writes, 'POST requested_reviewers')).reply(201, {});
  scope.patch(`/repos/acme/web/check-runs/${id}`, record(m.writes, 'PATCH check-runs')).times(m.updates ?? 1).reply(200, { id });
  if (m.postsComment !== undefined) scope.post(`/repos/acme/web/issues/${n}/comments`, record(m.writes, 'POST comments')).reply(201, { id: m.postsComment });
  if (m.editsComment !== undefined) scope.patch(`/repos/acme/web/issues/comments/${m.editsComment}`, record(m.writes, 'PATCH comment')).reply(200, { id: m.editsComment });
  return scope;
}

export function checkRunsList(id: number, sha: string, startedAt: string) {
  return { total_count: 1, check_runs: [{ id, head_sha: sha, name: 'plimsoll', status: 'completed', conclusion: 'failure', started_at: startedAt, app: { id: APP.id, slug: APP.slug } }] };
}

/** One GraphQL read of file texts at `sha`: text as GitHub's Blob gives it, bytes through the blob API. */
export function blobs(scope: nock.Scope, sha: string, contents: Record<string, string | Buffer>): nock.Scope {
  scope
    .post('/graphql', (body: { query: string; variables: Record<string, string> }) => body.query.includes('object(expression') && Object.values(body.variables).some((v) => v.startsWith(`${sha}:`)))
    .reply(200, (_uri, body) => {
      const variables = (body as { variables: Record<string, string> }).variables;
      const repository: Record<string, unknown> = {};
      for (const [name, expression] of Object.entries(variables)) {
        if (!/^e\d+$/.test(name)) continue;
        const path = expression.slice(sha.length + 1);
        const content = contents[path];
        repository[`f${name.slice(1)}`] =
          content === undefined ? null : typeof content === 'string' ? { oid: blobId(path), byteSize: Buffer.byteLength(content), isBinary: false, isTruncated: false, text: content } : { oid: blobId(path), byteSize: content.length, isBinary: true, isTruncated: false, text: null };
      }
      return { data: { repository } };
    });
  for (const [path, content] of Object.entries(contents)) {
    if (typeof content !== 'string') scope.get(`/repos/acme/web/git/blobs/${blobId(path)}`).reply(200, { sha: blobId(path), size: content.length, encoding: 'base64', content: content.toString('base64') });
  }
  return scope;
}

function blobId(path: string): string {
  return Buffer.from(path).toString('hex').padEnd(40, '0').slice(0, 40);
}

/** The pull request's comments, one GraphQL page. */
export function comments(scope: nock.Scope, nodes: CommentNode[]): nock.Scope {
  return scope
    .post('/graphql', (body: { query: string }) => body.query.includes('comments(first'))
    .reply(200, { data: { repository: { pullRequest: { comments: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: nodes.map((c) => ({ lastEditedAt: null, isMinimized: false, editor: null, ...c })) } } } } });
}

export function membership(scope: nock.Scope, login: string, member: boolean): nock.Scope {
  const path = `/orgs/acme/teams/platform-ops/memberships/${login}`;
  return member ? scope.get(path).reply(200, { state: 'active', role: 'member' }) : scope.get(path).reply(404, { message: 'Not Found' });
}

export function recordWrites(writes: ReviewMocks['writes'], route: string) {
  return record(writes, route);
}
