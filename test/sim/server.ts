import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../src/clock.js';
import { bearerOf, TokenRegistry } from './auth.js';
import { SimClock } from './clock.js';
import { isMutation, runGraphQL } from './graphql.js';
import type { Urls } from './json.js';
import { Counters, Faults, RateLimits, type FaultOptions, type LimitOptions } from './limits.js';
import { describeNeed, type Permissions } from './permissions.js';
import { accessTokenRoute, matchRoute, notFound, routeKey, routes, type RestResponse, type Route } from './rest.js';
import { autoMergeSweep, protectBranch, settingsOf, submitReview, type AutoMerged } from './merging.js';
import { setStatus } from './rest-statuses.js';
import { GitHubState, ZERO_SHA, type CheckRun, type CommitStatus, type FileChanges, type GitActor, type RepoSettings, type Review, type Ruleset, type RulesetRule } from './state.js';
import { Payloads } from './webhooks.js';

/** Runs before the simulator answers a request; a returned answer replaces the simulator's. */
export type BeforeHook = (request: { method: string; path: string; body: Record<string, unknown> }) => void | { status: number; body: unknown } | Promise<void | { status: number; body: unknown }>;

export interface SimulatorOptions {
  clock?: Clock;
  org?: string;
  installationId?: number;
  /** Plimsoll's app id until a JWT names another (Probot's APP_ID). Default 1. */
  appId?: number;
  /** The installation's permissions; default `default_permissions` of the repository's app.yml. */
  permissions?: Permissions;
  /** Another app.yml to take name, permissions and events from. */
  manifestPath?: string;
  /** Delay of every answer, in virtual milliseconds (slept on the clock). */
  latencyMs?: number;
  faultRate?: number;
  faultSeed?: number;
  limits?: LimitOptions;
}

/** How a test pushes: the message, who pushes, and the dates the commit claims (an attacker may forge them; `pushedAt` in the result is the server's time). */
export interface PushOptions {
  message?: string;
  /** Login of the pusher (the sender of the events); default dev-dana, or the pull request's author. */
  pusher?: string;
  authorDate?: string;
  committerDate?: string;
  author?: Partial<GitActor>;
  committer?: Partial<GitActor>;
}

/** A webhook payload that is also reachable as `.payload`, like the other helpers' results. */
export type PayloadResult<T extends object> = T & { readonly payload: T };

export interface Simulator {
  /** `http://127.0.0.1:<port>`: the web root. */
  url: string;
  /** REST base as GitHub Enterprise serves it, for Probot's `baseUrl`. */
  baseUrl: string;
  /** `127.0.0.1:<port>`, for `GHE_HOST` (with `GHE_PROTOCOL=http`). */
  host: string;
  clock: Clock;
  state: GitHubState;
  counters: Counters;
  limits: RateLimits;
  faults: Faults;
  payloads: Payloads;
  /** Later latency changes apply to the next requests. */
  setLatency(ms: number): void;
  /** A branch with `changes`, a pull request from it, and its `pull_request.opened` payload. */
  openPullRequest(
    repo: string,
    options: { branch: string; changes: FileChanges; title?: string; body?: string; author?: string; base?: string; authorDate?: string; committerDate?: string },
  ): { number: number; payload: unknown };
  /** A commit of `changes` pushed onto `branch`, and its `push` payload. */
  push(repo: string, branch: string, changes: FileChanges, message?: string, options?: PushOptions): { after: string; before: string; pushedAt: string; payload: unknown };
  /** A commit of `changes` on the head branch of pull request `number`: its `pull_request.synchronize` payload and the `push` one. */
  synchronize(repo: string, number: number, changes: FileChanges, options?: PushOptions): { payload: unknown; after: string; before: string; pushedAt: string; push: unknown };
  /**
   * Rewrites `branch` (git push --force): one commit on top of the base with the old head's files
   * and `changes`, not a descendant of the old head. Every open pull request from the branch
   * records a `head_ref_force_pushed` event. `payload`: the first one's `synchronize`, `payloads`:
   * all of them, `push`: the `push` payload (`forced: true`).
   */
  forcePush(repo: string, branch: string, changes: FileChanges, options?: PushOptions): { after: string; before: string; pushedAt: string; payload: unknown; payloads: unknown[]; push: unknown };
  /** Resolves once no request has been in flight for `quietMs` real milliseconds (background work of the app settled). */
  idle(quietMs?: number): Promise<void>;
  /** A comment by `login` on issue or pull request `number`, and its `issue_comment.created` payload. */
  comment(repo: string, number: number, login: string, body: string): { id: number; createdAt: string; payload: unknown };
  /** `editorLogin` edits the comment (GitHub keeps the edit): the `issue_comment.edited` payload, sender the editor. */
  editComment(repo: string, commentId: number, editorLogin: string, newBody: string): PayloadResult<Record<string, unknown>>;
  /** The comment is deleted: the `issue_comment.deleted` payload. */
  deleteComment(repo: string, commentId: number, login?: string): PayloadResult<Record<string, unknown>>;
  /** Deletes a branch: the `push` payload (`deleted: true`); open pull requests from it record `head_ref_deleted`. */
  deleteBranch(repo: string, branch: string, login?: string): { before: string; payload: unknown };
  /** Closes (or merges) a pull request: its `pull_request.closed` payload. */
  closePullRequest(repo: string, number: number, options?: { merge?: boolean; login?: string }): { payload: unknown; mergeCommit: string | null };
  reopenPullRequest(repo: string, number: number, login?: string): { payload: unknown };
  /** An installation token minted directly (for `simOctokit(sim, token)`): of Plimsoll, or of an app added with `state.addApp`. */
  installationToken(options?: { appId?: number; permissions?: Permissions; repositories?: string[] }): string;
  /**
   * Runs `hook` before the simulator answers a request of `route` (`PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge`,
   * `POST /graphql`): a test's way to act between two requests of the app (a push between green and merge).
   * A hook that returns `{ status, body }` answers the request with it instead (an endpoint an
   * older GitHub Enterprise Server lacks, an access GitHub denies). Returns a function that removes it.
   */
  beforeRequest(route: string, hook: BeforeHook): () => void;
  /** Branch protection's required status checks (`appId` null: any source) and `strict`. */
  protectBranch(repo: string, branch: string, protection: { checks: Array<{ context: string; appId?: number | null }>; strict?: boolean }): void;
  /**
   * A ruleset that applies to `repo` (its own, or the organization's with `sourceType:
   * 'Organization'`), `active` and targeting the default branch unless said otherwise: its rules
   * show in rules/branches and hold on every merge. Returns it, to change its enforcement later.
   */
  addRuleset(repo: string, ruleset: { name?: string; sourceType?: Ruleset['sourceType']; enforcement?: Ruleset['enforcement']; branches?: string[]; rules: RulesetRule[] }): Ruleset;
  /** Merge settings of a repository (`allowAutoMerge`, and which methods). */
  repoSettings(repo: string, settings: Partial<RepoSettings>): void;
  /**
   * A check run of `name` on `sha` reported by app `appId` (add it with `state.addApp`), created or
   * updated: its `check_run` payload, the `check_suite` `completed` one when its suite completes
   * (both as delivered to Plimsoll), and the pull requests GitHub's auto-merge merged because of it.
   */
  reportCheck(repo: string, sha: string, check: { appId: number; name: string; status?: 'queued' | 'in_progress' | 'completed'; conclusion?: string }): { run: CheckRun; checkRun: unknown; checkSuite: unknown; autoMerged: AutoMerged[] };
  /** A commit status set by app `appId`'s installation, or by person `login`: its `status` payload. */
  setStatus(repo: string, sha: string, status: { context: string; state: CommitStatus['state']; appId?: number; login?: string }): { status: CommitStatus; payload: unknown; autoMerged: AutoMerged[] };
  /** A review by `login` on the pull request's head: its `pull_request_review.submitted` payload. */
  review(repo: string, number: number, login: string, state: Review['state'], body?: string): { review: Review; payload: unknown; autoMerged: AutoMerged[] };
  /** `login` adds (or removes) a label: the `pull_request.labeled` (`unlabeled`) payload. */
  label(repo: string, number: number, label: string, login?: string, action?: 'labeled' | 'unlabeled'): { payload: unknown };
  close(): Promise<void>;
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

function withPayload<T extends object>(payload: T): PayloadResult<T> {
  // Not enumerable: JSON.stringify (a webhook delivery) leaves it out.
  return Object.defineProperty(payload, 'payload', { value: payload, enumerable: false }) as PayloadResult<T>;
}

/**
 * An offline GitHub (REST under `/api/v3` and `/`, GraphQL under `/api/graphql` and `/graphql`) on
 * 127.0.0.1, port chosen by the system. Point Probot at it with `baseUrl: sim.baseUrl`, or with
 * `GHE_HOST=sim.host GHE_PROTOCOL=http`. Installation tokens carry app.yml's permissions, and every
 * route and GraphQL field checks them as GitHub does (403 "Resource not accessible by integration").
 *
 *   const clock = new SimClock({ speed: 100 });
 *   const sim = await startSimulator({ clock, latencyMs: 200, limits: { writesPerMinute: 80 } });
 *   sim.state.addRepo('api', { Dockerfile: 'FROM node:20.11.1\n' });
 *   // … deliver events to the app, then read sim.state and sim.counters.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? new SimClock();
  const state = new GitHubState(options.org ?? 'acme', clock, {
    ...(options.installationId ? { installationId: options.installationId } : {}),
    ...(options.appId ? { appId: options.appId } : {}),
    ...(options.permissions ? { permissions: options.permissions } : {}),
    ...(options.manifestPath ? { manifestPath: options.manifestPath } : {}),
  });
  const counters = new Counters();
  const limits = new RateLimits(clock, options.limits);
  const faults = new Faults({ rate: options.faultRate ?? 0, seed: options.faultSeed ?? 1 } satisfies FaultOptions);
  const registry = new TokenRegistry(state);
  const table: Route[] = [accessTokenRoute(state, clock, registry), ...routes];
  let latencyMs = options.latencyMs ?? 0;
  let urls: Urls = { api: '', web: '' };

  let inFlight = 0;
  let lastActivity = performance.now();
  const beforeHooks = new Map<string, Set<BeforeHook>>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', urls.web);
    const method = req.method ?? 'GET';
    if (latencyMs > 0) await clock.sleep(latencyMs);

    const send = (response: RestResponse, headers: Record<string, string> = {}) => {
      const payload = response.text ?? (response.status === 204 ? '' : JSON.stringify(response.body ?? {}));
      // The server's clock, not the host's: an app reading `Date` sees simulated time.
      res.writeHead(response.status, { 'content-type': 'application/json; charset=utf-8', date: new Date(clock.now()).toUTCString(), ...headers, ...response.headers });
      res.end(payload);
    };
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return send({ status: 400, body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest' } });
    }

    const isGraphQL = method === 'POST' && (url.pathname === '/api/graphql' || url.pathname === '/graphql');
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '');
    const matched = isGraphQL ? null : matchRoute(table, method, path);
    if (!isGraphQL && !matched) {
      counters.unknown.push(`${method} ${url.pathname}`);
      return send(notFound());
    }

    const key = isGraphQL ? 'POST /graphql' : routeKey(matched!.route);
    const mutation = isGraphQL ? isMutation(String(body.query ?? ''), body.operationName as string | undefined) === true : false;
    const write = isGraphQL ? mutation : WRITE_METHODS.has(method);
    const variables = (body.variables ?? {}) as Record<string, unknown>;
    const repo = matched?.params.repo ? `${matched.params.owner}/${matched.params.repo}` : typeof variables.name === 'string' ? `${String(variables.owner)}/${variables.name}` : null;
    counters.count(key, write, repo);

    let headers: Record<string, string> = {};
    if (!path.startsWith('/app/') && path !== '/app') {
      const bearer = bearerOf(req.headers);
      const installation = registry.installationOf(bearer);
      const taken = limits.take(installation === undefined ? `token-${bearer.slice(0, 12)}` : String(installation), isGraphQL ? 'graphql' : 'core', write);
      headers = taken.headers;
      if (taken.refusal) {
        const secondary = taken.refusal.headers['retry-after'] !== undefined;
        if (secondary) counters.secondaryLimited++;
        else counters.primaryLimited++;
        counters.limited.push({ route: key, at: clock.now(), secondary });
        return send({ status: taken.refusal.status, body: taken.refusal.body }, taken.refusal.headers);
      }
    }
    for (const hook of [...(beforeHooks.get(key) ?? [])]) {
      const answer = await hook({ method, path, body });
      if (answer) return send({ status: answer.status, body: answer.body }, headers);
    }
    const fault = faults.decide(key);
    if (fault !== null) {
      counters.faults++;
      return send({ status: fault, body: { message: 'Server Error' } }, headers);
    }

    if (registry.badSignature(req.headers)) return send({ status: 401, body: { message: 'A JSON web token could not be decoded', documentation_url: 'https://docs.github.com/rest' } }, headers);
    const caller = registry.caller(req.headers);
    if (isGraphQL) {
      const forbidden = (field: string, need: Parameters<typeof describeNeed>[0]) => counters.forbidden.push({ route: `POST /graphql ${field}`, need: describeNeed(need) });
      return send({ status: 200, body: await runGraphQL(state, urls, body as { query?: string }, caller, { forbidden }) }, headers);
    }
    const response = matched!.route.handler({ method, params: matched!.params, query: url.searchParams, body, headers: req.headers, urls, path, caller }, state);
    if (response.forbidden) counters.forbidden.push({ route: key, need: describeNeed(response.forbidden) });
    send(response, headers);
  }

  const server = createServer((req, res) => {
    inFlight++;
    handle(req, res)
      .catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `simulator error: ${(error as Error).message}` }));
      })
      .finally(() => {
        inFlight--;
        lastActivity = performance.now();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const host = `127.0.0.1:${port}`;
  urls = { api: `http://${host}/api/v3`, web: `http://${host}` };
  const payloads = new Payloads(state, urls);

  const pullOf = (repoName: string, number: number) => {
    const pr = state.pull(state.repo(repoName), number);
    if (!pr) throw new Error(`the simulator has no pull request ${repoName}#${number}`);
    return pr;
  };
  const commitOptions = (options: PushOptions, pusher: string) => ({
    pusher: state.user(options.pusher ?? pusher),
    ...(options.authorDate ? { authorDate: options.authorDate } : {}),
    ...(options.committerDate ? { committerDate: options.committerDate } : {}),
    ...(options.author ? { author: options.author } : {}),
    ...(options.committer ? { committer: options.committer } : {}),
  });
  const describe = (changes: FileChanges) => `Update ${Object.keys(changes).join(', ')}`;

  return {
    url: urls.web,
    baseUrl: urls.api,
    host,
    clock,
    state,
    counters,
    limits,
    faults,
    payloads,
    setLatency: (ms) => void (latencyMs = ms),
    openPullRequest(repoName, pull) {
      const pr = state.openPullRequest(repoName, pull);
      return { number: pr.number, payload: payloads.pullRequest(state.repo(repoName), pr, 'opened') };
    },
    push(repoName, branch, changes, message, options = {}) {
      const repo = state.repo(repoName);
      const before = repo.branches.get(branch) ?? ZERO_SHA;
      const commit = state.commit(repo, branch, changes, message ?? options.message ?? describe(changes), commitOptions(options, 'dev-dana'));
      return { after: commit.sha, before, pushedAt: state.pushes.at(-1)!.at, payload: payloads.push(repo, branch, before, commit.sha, state.user(options.pusher ?? 'dev-dana')) };
    },
    synchronize(repoName, number, changes, options = {}) {
      const repo = state.repo(repoName);
      const pr = pullOf(repoName, number);
      const before = state.headSha(repo, pr);
      const pusher = state.user(options.pusher ?? pr.user.login);
      const commit = state.commit(repo, pr.pull.head, changes, options.message ?? describe(changes), commitOptions(options, pr.user.login));
      return {
        payload: payloads.pullRequest(repo, pr, 'synchronize', { sender: pusher, before, after: commit.sha }),
        after: commit.sha,
        before,
        pushedAt: state.pushes.at(-1)!.at,
        push: payloads.push(repo, pr.pull.head, before, commit.sha, pusher),
      };
    },
    forcePush(repoName, branch, changes, options = {}) {
      const repo = state.repo(repoName);
      const before = repo.branches.get(branch) ?? ZERO_SHA;
      const open = state.pulls(repo).filter((pr) => pr.state === 'open' && pr.pull.head === branch);
      const pusher = state.user(options.pusher ?? open[0]?.user.login ?? 'dev-dana');
      const commit = state.forcePush(repo, branch, changes, options.message ?? describe(changes), commitOptions(options, pusher.login));
      const all = open.map((pr) => payloads.pullRequest(repo, pr, 'synchronize', { sender: pusher, before, after: commit.sha }));
      return { after: commit.sha, before, pushedAt: state.pushes.at(-1)!.at, payload: all[0] ?? null, payloads: all, push: payloads.push(repo, branch, before, commit.sha, pusher, { forced: true }) };
    },
    async idle(quietMs = 50) {
      while (inFlight > 0 || performance.now() - lastActivity < quietMs) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    comment(repoName, number, login, text) {
      const repo = state.repo(repoName);
      const comment = state.addComment(repo, number, text, state.user(login));
      return { id: comment.id, createdAt: comment.createdAt, payload: payloads.issueComment(repo, comment) };
    },
    editComment(repoName, commentId, editorLogin, newBody) {
      const repo = state.repo(repoName);
      const before = state.comments.get(commentId)?.body;
      const editor = state.user(editorLogin);
      const comment = state.editComment(commentId, editor, newBody);
      return withPayload(payloads.issueComment(repo, comment, 'edited', before, editor) as Record<string, unknown>);
    },
    deleteComment(repoName, commentId, login) {
      const repo = state.repo(repoName);
      const comment = state.deleteComment(commentId);
      return withPayload(payloads.issueComment(repo, comment, 'deleted', undefined, login ? state.user(login) : comment.user) as Record<string, unknown>);
    },
    deleteBranch(repoName, branch, login = 'dev-dana') {
      const repo = state.repo(repoName);
      const pusher = state.user(login);
      const before = state.deleteBranch(repo, branch, pusher);
      return { before, payload: payloads.push(repo, branch, before, ZERO_SHA, pusher) };
    },
    closePullRequest(repoName, number, options = {}) {
      const repo = state.repo(repoName);
      const pr = pullOf(repoName, number);
      const actor = state.user(options.login ?? 'dev-dana');
      state.closePull(repo, pr, { actor, ...(options.merge ? { merge: true } : {}) });
      return { payload: payloads.pullRequest(repo, pr, 'closed', { sender: actor }), mergeCommit: pr.pull.mergeCommitSha ?? null };
    },
    reopenPullRequest(repoName, number, login = 'dev-dana') {
      const repo = state.repo(repoName);
      const pr = pullOf(repoName, number);
      const actor = state.user(login);
      state.reopenPull(repo, pr, actor);
      return { payload: payloads.pullRequest(repo, pr, 'reopened', { sender: actor }) };
    },
    beforeRequest(route, hook) {
      const hooks = beforeHooks.get(route) ?? new Set();
      hooks.add(hook);
      beforeHooks.set(route, hooks);
      return () => void hooks.delete(hook);
    },
    protectBranch(repoName, branch, protection) {
      protectBranch(state.repo(repoName), branch, protection);
    },
    addRuleset(repoName, ruleset) {
      const repo = state.repo(repoName);
      const value: Ruleset = { id: state.id(), name: ruleset.name ?? 'main rules', sourceType: ruleset.sourceType ?? 'Repository', enforcement: ruleset.enforcement ?? 'active', branches: ruleset.branches ?? ['~DEFAULT_BRANCH'], rules: ruleset.rules };
      (repo.rulesets ??= []).push(value);
      return value;
    },
    repoSettings(repoName, settings) {
      const repo = state.repo(repoName);
      repo.settings = { ...settingsOf(repo), ...settings };
    },
    reportCheck(repoName, sha, check) {
      const repo = state.repo(repoName);
      const app = state.appById(check.appId);
      if (!app) throw new Error(`no app ${check.appId} is installed: add it with state.addApp first`);
      const suite = state.checkSuite(repo, app.id, sha);
      const status = check.conclusion !== undefined ? 'completed' : (check.status ?? 'in_progress');
      const at = state.timestamp();
      let run = [...state.checkRuns.values()].reverse().find((r) => r.suiteId === suite.id && r.name === check.name);
      if (!run || run.status === 'completed') {
        run = { id: state.id(), repo: repo.name, name: check.name, headSha: sha, status, conclusion: null, output: {}, annotations: [], appId: app.id, suiteId: suite.id, startedAt: at, completedAt: null, externalId: null, detailsUrl: null };
        state.checkRuns.set(run.id, run);
      }
      run.status = status;
      run.conclusion = check.conclusion ?? null;
      if (status === 'completed') run.completedAt = at;
      suite.updatedAt = at;
      const autoMerged = autoMergeSweep(state, repo);
      const suiteRuns = [...state.checkRuns.values()].filter((r) => r.suiteId === suite.id);
      const suiteDone = suiteRuns.every((r) => r.status === 'completed');
      return {
        run,
        // Delivered to Plimsoll: GitHub sends every app with checks permission the events of every app's checks.
        checkRun: payloads.checkRun(repo, run, status === 'completed' ? 'completed' : 'created', app.bot, state.app),
        checkSuite: suiteDone ? payloads.checkSuite(repo, suite, 'completed', app.bot, state.app) : null,
        autoMerged,
      };
    },
    setStatus(repoName, sha, fields) {
      const repo = state.repo(repoName);
      const app = fields.appId === undefined ? undefined : state.appById(fields.appId);
      if (fields.appId !== undefined && !app) throw new Error(`no app ${fields.appId} is installed: add it with state.addApp first`);
      const creator = app ? app.bot : state.user(fields.login ?? 'dev-dana');
      const before = state.pulls(repo).filter((pr) => pr.pull.merged).length;
      const status = setStatus(state, repo, sha, { context: fields.context, state: fields.state, creator, appId: app?.id ?? null });
      const autoMerged = state.pulls(repo).filter((pr) => pr.pull.merged).slice(before).map((pr) => ({ repo: repo.name, number: pr.number }));
      return { status, payload: payloads.status(repo, status), autoMerged };
    },
    review(repoName, number, login, reviewState, text = '') {
      const repo = state.repo(repoName);
      const review = submitReview(state, repo, pullOf(repoName, number), state.user(login), reviewState, text);
      const autoMerged = autoMergeSweep(state, repo);
      return { review, payload: payloads.pullRequestReview(repo, pullOf(repoName, number), review), autoMerged };
    },
    label(repoName, number, label, login = 'dev-dana', action = 'labeled') {
      const repo = state.repo(repoName);
      const pr = pullOf(repoName, number);
      const actor = state.user(login);
      const at = state.timestamp();
      if (action === 'labeled' && !pr.labels.includes(label)) {
        pr.labels.push(label);
        (pr.events ??= []).push({ kind: 'labeled', id: state.id(), actor, at, label });
      }
      if (action === 'unlabeled') pr.labels = pr.labels.filter((l) => l !== label);
      pr.updatedAt = at;
      return { payload: payloads.pullRequest(repo, pr, action, { sender: actor, label }) };
    },
    installationToken(tokenOptions = {}) {
      const app = tokenOptions.appId === undefined ? state.app : state.appById(tokenOptions.appId);
      if (!app) throw new Error(`no app ${tokenOptions.appId} is installed: add it with state.addApp first`);
      return registry.mint(app, { ...(tokenOptions.permissions ? { permissions: tokenOptions.permissions } : {}), ...(tokenOptions.repositories ? { repositories: tokenOptions.repositories } : {}) });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
