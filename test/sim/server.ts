import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../src/clock.js';
import { SimClock } from './clock.js';
import { isMutation, runGraphQL } from './graphql.js';
import type { Urls } from './json.js';
import { Counters, Faults, RateLimits, type FaultOptions, type LimitOptions } from './limits.js';
import { installationToken, matchRoute, notFound, routeKey, routes, type RestResponse, type Route } from './rest.js';
import { commitRoutes } from './rest-commits.js';
import { GitHubState, type FileChanges } from './state.js';
import { Payloads } from './webhooks.js';

export interface SimulatorOptions {
  clock?: Clock;
  org?: string;
  installationId?: number;
  /** Delay of every answer, in virtual milliseconds (slept on the clock). */
  latencyMs?: number;
  faultRate?: number;
  faultSeed?: number;
  limits?: LimitOptions;
}

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
  openPullRequest(repo: string, options: { branch: string; changes: FileChanges; title?: string; body?: string; author?: string }): { number: number; payload: unknown };
  /** A commit of `changes` pushed onto `branch`, and its `push` payload. */
  push(repo: string, branch: string, changes: FileChanges, message?: string): { after: string; payload: unknown };
  /** A commit of `changes` on the head branch of pull request `number`, and its `pull_request.synchronize` payload. */
  synchronize(repo: string, number: number, changes: FileChanges): { payload: unknown };
  /** Resolves once no request has been in flight for `quietMs` real milliseconds (background work of the app settled). */
  idle(quietMs?: number): Promise<void>;
  /** A comment by `login` on issue or pull request `number`, and its `issue_comment.created` payload. */
  comment(repo: string, number: number, login: string, body: string): { id: number; payload: unknown };
  close(): Promise<void>;
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const tokenRoute: Route = { method: 'POST', template: '/app/installations/{installation_id}/access_tokens', pattern: /^\/app\/installations\/(\d+)\/access_tokens$/, names: ['installation_id'], handler: () => notFound() };

/**
 * An offline GitHub (REST under `/api/v3` and `/`, GraphQL under `/api/graphql` and `/graphql`) on
 * 127.0.0.1, port chosen by the system. Point Probot at it with `baseUrl: sim.baseUrl`, or with
 * `GHE_HOST=sim.host GHE_PROTOCOL=http`. Installation tokens are handed to any JWT.
 *
 *   const clock = new SimClock({ speed: 100 });
 *   const sim = await startSimulator({ clock, latencyMs: 200, limits: { writesPerMinute: 80 } });
 *   sim.state.addRepo('api', { Dockerfile: 'FROM node:20.11.1\n' });
 *   // … deliver events to the app, then read sim.state and sim.counters.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? new SimClock();
  const state = new GitHubState(options.org ?? 'acme', clock, { ...(options.installationId ? { installationId: options.installationId } : {}) });
  const counters = new Counters();
  const limits = new RateLimits(clock, options.limits);
  const faults = new Faults({ rate: options.faultRate ?? 0, seed: options.faultSeed ?? 1 } satisfies FaultOptions);
  const tokens = new Map<string, number>();
  const table: Route[] = [{ ...tokenRoute, handler: installationToken(state, clock, tokens) }, ...routes, ...commitRoutes];
  let latencyMs = options.latencyMs ?? 0;
  let urls: Urls = { api: '', web: '' };

  let inFlight = 0;
  let lastActivity = performance.now();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', urls.web);
    const method = req.method ?? 'GET';
    if (latencyMs > 0) await clock.sleep(latencyMs);

    const send = (response: RestResponse, headers: Record<string, string> = {}) => {
      const text = response.text ?? JSON.stringify(response.body ?? {});
      res.writeHead(response.status, { 'content-type': 'application/json; charset=utf-8', ...headers, ...response.headers });
      res.end(text);
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
    if (!path.startsWith('/app/')) {
      const auth = String(req.headers.authorization ?? '').replace(/^(token|bearer)\s+/i, '');
      const installation = tokens.get(auth);
      const taken = limits.take(installation === undefined ? `token-${auth.slice(0, 12)}` : String(installation), isGraphQL ? 'graphql' : 'core', write);
      headers = taken.headers;
      if (taken.refusal) {
        const secondary = taken.refusal.headers['retry-after'] !== undefined;
        if (secondary) counters.secondaryLimited++;
        else counters.primaryLimited++;
        counters.limited.push({ route: key, at: clock.now(), secondary });
        return send({ status: taken.refusal.status, body: taken.refusal.body }, taken.refusal.headers);
      }
    }
    const fault = faults.decide(key);
    if (fault !== null) {
      counters.faults++;
      return send({ status: fault, body: { message: 'Server Error' } }, headers);
    }

    if (isGraphQL) return send({ status: 200, body: await runGraphQL(state, urls, body as { query?: string }) }, headers);
    const response = matched!.route.handler({ method, params: matched!.params, query: url.searchParams, body, headers: req.headers, urls, path }, state);
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
    push(repoName, branch, changes, message) {
      const repo = state.repo(repoName);
      const before = repo.branches.get(branch) ?? '0'.repeat(40);
      const commit = state.commit(repo, branch, changes, message ?? `Update ${Object.keys(changes).join(', ')}`);
      return { after: commit.sha, payload: payloads.push(repo, branch, before, commit.sha) };
    },
    synchronize(repoName, number, changes) {
      const repo = state.repo(repoName);
      const pr = state.pull(repo, number);
      if (!pr) throw new Error(`the simulator has no pull request ${repoName}#${number}`);
      state.commit(repo, pr.pull.head, changes, `Update ${Object.keys(changes).join(', ')}`);
      return { payload: payloads.pullRequest(repo, pr, 'synchronize') };
    },
    async idle(quietMs = 50) {
      while (inFlight > 0 || performance.now() - lastActivity < quietMs) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    comment(repoName, number, login, text) {
      const repo = state.repo(repoName);
      const comment = state.addComment(repo, number, text, state.user(login));
      return { id: comment.id, payload: payloads.issueComment(repo, comment) };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
