import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { invalidateRepoConfig } from '../../src/github/repo-config.js';
import { resetPolicyCache } from '../../src/github/client.js';
import { plimsoll } from '../../src/index.js';
import { ReviewQueue } from '../../src/review-lock/queue.js';
import { lintText } from '../../src/lint/lint.js';
import type { Rule } from '../../src/rules/rule.js';
import { DL3006 } from '../../src/rules/DL3006.js';
import { PL1001 } from '../../src/rules/PL1001.js';
import { validateRequest } from '../github/openapi.js';

export const HEAD = '0123456789abcdef0123456789abcdef01234567';
export const SIGNING_KEY = 'test-signing-key';
export const API = 'https://api.github.com';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/webhooks/${name}.json`, import.meta.url), 'utf8')) as T;
}

/** Every request the app sent, as `METHOD path`, and every way one departed from GitHub's OpenAPI description. */
export const sent: string[] = [];
export const violations: string[] = [];
export const logs: Array<Record<string, unknown>> = [];

/** A nock scope on api.github.com whose requests are recorded and checked against the OpenAPI description. */
export function github(): nock.Scope {
  const scope = nock(API);
  scope.on('request', (req: { method: string; path: string }, _interceptor: unknown, body: string) => {
    sent.push(`${req.method} ${decodeURIComponent(req.path)}`);
    if (process.env.TRACE_REQUESTS) console.log(Date.now() % 100000, req.method, req.path);
    violations.push(...validateRequest(req.method, req.path, body ? (JSON.parse(body) as unknown) : undefined));
  });
  return scope;
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
}

/** Deliver an event as the webhook middleware does, then wait for the work it started in the background. */
export async function deliver(probot: Probot, event: { id: string; name: string; payload: unknown }): Promise<void> {
  await probot.receive(event as never);
  await settled();
}

/** A Probot with retries and throttling off, the real engine with the given rules, and captured logs. */
export function testProbot(rules: readonly Rule[] = [DL3006, PL1001]): Probot {
  const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const probot = new Probot({
    appId: 123,
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
      lint: (path, text, options) => lintText(path, text, { ...options, rules }),
      retry: { sleep: async () => undefined },
      signingKey: SIGNING_KEY,
      now: () => new Date('2026-01-15T00:00:00Z'),
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

export interface ReviewMocks {
  /** The pull request reviewed; 7 unless told. */
  pull?: number;
  files: Array<{ filename: string; status: string; patch?: string }>;
  /** Dockerfile texts at the head SHA, by path. */
  contents: Record<string, string>;
  policy?: string | null;
  repoConfig?: string | null;
  /** The repository config is still cached from an earlier review: not read again. */
  configCached?: boolean;
  comments?: Array<Record<string, unknown>>;
  /** Bodies of requests that write, in the order sent. */
  writes: Array<{ route: string; body: unknown }>;
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

/** The reads and writes of one review: files, config, policy, texts, comments, the check run, and the writes asked for. */
export function reviewMocks(scope: nock.Scope, m: ReviewMocks): nock.Scope {
  const id = m.checkRunId ?? 99;
  const pull = m.pull ?? 7;
  scope
    .get(`/repos/acme/web/pulls/${pull}/files?per_page=100`)
    .reply(200, m.files);
  if (!m.configCached) scope.get(contentsPath('web', '.github/plimsoll.yml')).reply(m.repoConfig == null ? 404 : 200, m.repoConfig ?? { message: 'Not Found' });
  scope
    .post('/repos/acme/web/check-runs', record(m.writes, 'POST check-runs'))
    .reply(201, { id })
    .get(`/repos/acme/web/issues/${pull}/comments?per_page=100`)
    .reply(200, m.comments ?? []);
  if (m.policy !== undefined) {
    scope.get(contentsPath('.github', '.github/plimsoll-policy.yml')).reply(m.policy === null ? 404 : 200, m.policy ?? { message: 'Not Found' });
    // No policy file: the app checks it can see the policy repository (else it would fail closed).
    if (m.policy === null) scope.get('/repos/acme/.github').reply(200, { name: '.github', full_name: 'acme/.github', default_branch: 'main' });
  }
  for (const [path, text] of Object.entries(m.contents)) scope.get(`${contentsPath('web', path)}?ref=${HEAD}`).reply(200, text);
  scope.patch(`/repos/acme/web/check-runs/${id}`, record(m.writes, 'PATCH check-runs')).times(m.updates ?? 1).reply(200, { id });
  if (m.requestsReview) scope.post(`/repos/acme/web/pulls/${pull}/requested_reviewers`, record(m.writes, 'POST requested_reviewers')).reply(201, {});
  if (m.postsComment !== undefined) scope.post(`/repos/acme/web/issues/${pull}/comments`, record(m.writes, 'POST comments')).reply(201, { id: m.postsComment });
  if (m.editsComment !== undefined) scope.patch(`/repos/acme/web/issues/comments/${m.editsComment}`, record(m.writes, 'PATCH comment')).reply(200, { id: m.editsComment });
  return scope;
}

export function recordWrites(writes: ReviewMocks['writes'], route: string) {
  return record(writes, route);
}
