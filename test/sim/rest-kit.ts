import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from './auth.js';
import type { Urls } from './json.js';
import { describeNeed, FORBIDDEN_MESSAGE, grants, type Need } from './permissions.js';
import type { GitHubState, Repository } from './state.js';

export interface RestRequest {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  urls: Urls;
  /** The path after the API prefix, for pagination links. */
  path: string;
  /** Who sent it; absent: Plimsoll's installation with all its permissions. */
  caller?: Caller;
}

export interface RestResponse {
  status: number;
  body?: unknown;
  /** Sent as is instead of JSON (the raw media type). */
  text?: string | Buffer;
  headers?: Record<string, string>;
  /** Set on a 403 for a missing permission: what the route needed. */
  forbidden?: Need;
}

export type Handler = (req: RestRequest, state: GitHubState) => RestResponse;

export interface Route {
  method: string;
  /** `/repos/{owner}/{repo}/contents/{path+}`: `+` takes the rest of the path, slashes included. */
  template: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
  /** What an installation token needs, as GitHub's permission tables document it; `app`: a JWT. */
  need?: NeedOf | 'app' | 'none';
}

export const DOCS = 'https://docs.github.com/rest';

export function error(status: number, message: string, extra: Record<string, unknown> = {}): RestResponse {
  return { status, body: { message, ...extra, documentation_url: DOCS, status: String(status) } };
}

export const notFound = (): RestResponse => error(404, 'Not Found');
export const ok = (body: unknown, status = 200): RestResponse => ({ status, body });
export const noContent = (): RestResponse => ({ status: 204 });

/** GitHub's 422 for a JSON-schema failure: `Invalid request.\n\n<why>`. */
export const invalid = (why: string) => error(422, `Invalid request.\n\n${why}`);

/** GitHub's 422 for a model validation: `Validation Failed` with one error. */
export const validationFailed = (resource: string, field: string, code: string, message?: string) =>
  error(422, 'Validation Failed', { errors: [{ resource, code, field, ...(message === undefined ? {} : { message }) }] });

export const forbidden = (need: Need): RestResponse => ({
  ...error(403, FORBIDDEN_MESSAGE),
  headers: { 'x-accepted-github-permissions': describeNeed(need) },
  forbidden: need,
});

/** The caller of a request built without one: Plimsoll's installation, everything it was granted. */
export function callerOf(req: RestRequest, state: GitHubState): Caller {
  return req.caller ?? { kind: 'installation', app: state.app, token: '', permissions: { ...state.app.permissions }, repositories: null, bot: state.bot };
}

/** Permissions of the route's check: static, or computed from the request (issue or pull request). */
export type NeedOf = Need | ((req: RestRequest, state: GitHubState) => Need);

/**
 * A route whose handler runs only for a caller GitHub would serve: a JWT for `app` routes, an
 * installation token holding `need` for the others; repository routes answer 404 for a repository
 * the installation (or the token) does not cover, as GitHub does.
 */
export function route(method: string, template: string, need: NeedOf | 'app' | 'none', handler: Handler): Route {
  const names: string[] = [];
  const source = template.replace(/\{(\w+)(\+?)\}/g, (_, name: string, rest: string) => {
    names.push(name);
    return rest ? '(.+)' : '([^/]+)';
  });
  const guarded: Handler = (req, state) => {
    const caller = callerOf(req, state);
    if (need === 'app') {
      return caller.kind === 'app' ? handler(req, state) : error(401, 'A JSON web token could not be decoded');
    }
    if (caller.kind === 'app') return error(403, 'Resource not accessible by integration');
    if (names.includes('repo')) {
      const repo = state.findRepo(req.params.owner!, req.params.repo!);
      if (!repo || !visible(caller, repo, state)) return notFound();
    }
    if (need !== 'none') {
      const needed = typeof need === 'function' ? need(req, state) : need;
      if (!grants(caller.permissions, needed)) return forbidden(needed);
    }
    return handler(req, state);
  };
  return { method, template, pattern: new RegExp(`^${source}$`), names, handler: guarded, need };
}

function visible(caller: Caller, repo: Repository, state: GitHubState): boolean {
  if (caller.kind !== 'installation') return false;
  if (!state.isInstalled(caller.app, repo)) return false;
  return caller.repositories === null || caller.repositories.has(repo.name.toLowerCase());
}

/** Repository routes 404 unless `{owner}/{repo}` exists. */
export function inRepo(handler: (req: RestRequest, state: GitHubState, repo: Repository) => RestResponse): Handler {
  return (req, state) => {
    const repo = state.findRepo(req.params.owner!, req.params.repo!);
    return repo ? handler(req, state, repo) : notFound();
  };
}

/** One page of `items` with GitHub's Link header (`per_page` capped at 100, default 30). */
export function page<T>(req: RestRequest, items: readonly T[], wrap?: (slice: T[]) => unknown): RestResponse {
  const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30) || 30));
  const current = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((current - 1) * perPage, current * perPage);
  const link = (n: number, rel: string) => {
    const query = new URLSearchParams(req.query);
    query.set('page', String(n));
    query.set('per_page', String(perPage));
    return `<${req.urls.api}${req.path}?${query}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (current > 1) links.push(link(current - 1, 'prev'), link(1, 'first'));
  if (current < last) links.push(link(current + 1, 'next'), link(last, 'last'));
  return { status: 200, body: wrap ? wrap(slice) : slice, headers: links.length > 0 ? { link: links.join(', ') } : {} };
}

/** `read` or `write` on the issue permission, or on pull requests too when the number is a pull request's. */
export function issueNeed(level: 'read' | 'write', numberOf: (req: RestRequest, state: GitHubState) => number | undefined): (req: RestRequest, state: GitHubState) => Need {
  return (req, state) => {
    const repo = state.findRepo(req.params.owner!, req.params.repo!);
    const number = numberOf(req, state);
    const isPull = repo !== undefined && number !== undefined && repo.issues.get(number)?.pull !== undefined;
    return isPull ? [['issues', level], ['pull_requests', level]] : [['issues', level]];
  };
}

/** Characters as GitHub counts them for its length limits (code points, not UTF-16 units). */
export const characters = (text: string) => [...text].length;

/** The route answering `method path`, with its decoded parameters. */
export function matchRoute(table: readonly Route[], method: string, path: string): { route: Route; params: Record<string, string> } | null {
  for (const candidate of table) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    candidate.names.forEach((name, i) => {
      // `{path+}` keeps its slashes; octokit sends `%2F` for slashes in single parameters.
      params[name] = match[i + 1]!.split('/').map(decodeURIComponent).join('/');
    });
    return { route: candidate, params };
  }
  return null;
}

export const routeKey = (route: Route) => `${route.method} ${route.template.replace('+}', '}')}`;
