import type { IncomingHttpHeaders } from 'node:http';
import { pullFiles } from './diff.js';
import { checkRunJson, commentJson, issueJson, labelJson, pullJson, repoJson, type Urls } from './json.js';
import type { Annotation, GitHubState, Repository } from './state.js';

export interface RestRequest {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  urls: Urls;
  /** The path after the API prefix, for pagination links. */
  path: string;
}

export interface RestResponse {
  status: number;
  body?: unknown;
  /** Sent as is instead of JSON (the raw media type). */
  text?: string;
  headers?: Record<string, string>;
}

type Handler = (req: RestRequest, state: GitHubState) => RestResponse;

export interface Route {
  method: string;
  /** `/repos/{owner}/{repo}/contents/{path+}`: `+` takes the rest of the path, slashes included. */
  template: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

const DOCS = 'https://docs.github.com/rest';
export const notFound = (): RestResponse => ({ status: 404, body: { message: 'Not Found', documentation_url: DOCS } });
const unprocessable = (message: string): RestResponse => ({ status: 422, body: { message, documentation_url: DOCS } });
const ok = (body: unknown, status = 200): RestResponse => ({ status, body });

function route(method: string, template: string, handler: Handler): Route {
  const names: string[] = [];
  const source = template.replace(/\{(\w+)(\+?)\}/g, (_, name: string, rest: string) => {
    names.push(name);
    return rest ? '(.+)' : '([^/]+)';
  });
  return { method, template, pattern: new RegExp(`^${source}$`), names, handler };
}

/** Repository routes 404 unless `{owner}/{repo}` exists. */
function inRepo(handler: (req: RestRequest, state: GitHubState, repo: Repository) => RestResponse): Handler {
  return (req, state) => {
    const repo = state.findRepo(req.params.owner!, req.params.repo!);
    return repo ? handler(req, state, repo) : notFound();
  };
}

/** One page of `items` with GitHub's Link header (`per_page` ≤ 100, default 30). */
function page<T>(req: RestRequest, items: readonly T[], wrap?: (slice: T[]) => unknown): RestResponse {
  const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30)));
  const current = Math.max(1, Number(req.query.get('page') ?? 1));
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

const isRaw = (headers: IncomingHttpHeaders) => /application\/vnd\.github(\.v3)?\.raw/.test(String(headers.accept ?? ''));

export function installationToken(state: GitHubState, clock: { now(): number }, tokens: Map<string, number>): Handler {
  return (req) => {
    const id = Number(req.params.installation_id);
    if (id !== state.installationId) return notFound();
    const token = `ghs_sim${tokens.size + 1}`;
    tokens.set(token, id);
    return ok({ token, expires_at: new Date(clock.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: 'all' }, 201);
  };
}

export const routes: Route[] = [
  route('GET', '/app/installations', (req, state) =>
    ok([{ id: state.installationId, account: { login: state.org, type: 'Organization' }, target_type: 'Organization', app_id: 1 }]),
  ),
  route('GET', '/app/installations/{installation_id}', (req, state) =>
    Number(req.params.installation_id) === state.installationId ? ok({ id: state.installationId, account: { login: state.org, type: 'Organization' } }) : notFound(),
  ),

  route('GET', '/installation/repositories', (req, state) => {
    const repos = [...state.repos.values()];
    return page(req, repos, (slice) => ({ total_count: repos.length, repository_selection: 'all', repositories: slice.map((r) => repoJson(state, r, req.urls)) }));
  }),

  route('GET', '/repos/{owner}/{repo}', inRepo((req, state, repo) => ok(repoJson(state, repo, req.urls)))),

  route(
    'GET',
    '/repos/{owner}/{repo}/contents/{path+}',
    inRepo((req, state, repo) => {
      const ref = req.query.get('ref') ?? repo.defaultBranch;
      const path = req.params.path!;
      const resolved = state.resolveTree(repo, ref);
      const blob = resolved?.tree.get(path);
      if (blob === undefined) return notFound();
      const text = state.blobs.get(blob) ?? '';
      if (isRaw(req.headers)) return { status: 200, text, headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' } };
      return ok({
        type: 'file',
        encoding: 'base64',
        size: Buffer.byteLength(text),
        name: path.split('/').pop(),
        path,
        sha: blob,
        content: Buffer.from(text).toString('base64'),
        url: `${req.urls.api}/repos/${repo.owner}/${repo.name}/contents/${path}?ref=${ref}`,
      });
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/git/trees/{tree_sha}',
    inRepo((req, state, repo) => {
      const resolved = state.resolveTree(repo, req.params.tree_sha!);
      if (!resolved) return notFound();
      const recursive = req.query.has('recursive');
      const entries = new Map<string, { path: string; mode: string; type: string; sha: string; size?: number }>();
      for (const [path, sha] of resolved.tree) {
        const parts = path.split('/');
        if (!recursive && parts.length > 1) {
          entries.set(parts[0]!, { path: parts[0]!, mode: '040000', type: 'tree', sha: '0'.repeat(40) });
          continue;
        }
        for (let i = 1; i < parts.length; i++) {
          const dir = parts.slice(0, i).join('/');
          if (!entries.has(dir)) entries.set(dir, { path: dir, mode: '040000', type: 'tree', sha: '0'.repeat(40) });
        }
        entries.set(path, { path, mode: '100644', type: 'blob', sha, size: Buffer.byteLength(state.blobs.get(sha) ?? '') });
      }
      const tree = [...entries.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
      return ok({ sha: resolved.sha, url: `${req.urls.api}/repos/${repo.owner}/${repo.name}/git/trees/${resolved.sha}`, tree, truncated: false });
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/git/refs',
    inRepo((req, state, repo) => {
      const ref = String(req.body.ref ?? '');
      const sha = String(req.body.sha ?? '');
      if (!ref.startsWith('refs/heads/')) return unprocessable('Reference name must start with refs/heads/ in this simulator');
      if (!state.commits.has(sha)) return unprocessable('Object does not exist');
      const branch = ref.slice('refs/heads/'.length);
      if (repo.branches.has(branch)) return unprocessable('Reference already exists');
      state.setRef(repo, branch, sha);
      return ok({ ref, node_id: `REF_${repo.id}_${branch}`, object: { sha, type: 'commit' } }, 201);
    }),
  ),

  route(
    'PATCH',
    '/repos/{owner}/{repo}/git/refs/{ref+}',
    inRepo((req, state, repo) => {
      const branch = req.params.ref!.replace(/^(refs\/)?heads\//, '');
      const sha = String(req.body.sha ?? '');
      const current = repo.branches.get(branch);
      if (current === undefined) return unprocessable('Reference does not exist');
      if (!state.commits.has(sha)) return unprocessable('Object does not exist');
      if (req.body.force !== true && !state.isAncestor(current, sha)) return unprocessable('Update is not a fast forward');
      state.setRef(repo, branch, sha);
      return ok({ ref: `refs/heads/${branch}`, node_id: `REF_${repo.id}_${branch}`, object: { sha, type: 'commit' } });
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/pulls',
    inRepo((req, state, repo) => {
      const wanted = req.query.get('state') ?? 'open';
      const head = req.query.get('head')?.split(':').pop();
      const pulls = state
        .pulls(repo)
        .filter((pr) => (wanted === 'all' || pr.state === wanted) && (head === undefined || pr.pull.head === head))
        .reverse();
      return page(req, pulls, (slice) => slice.map((pr) => pullJson(state, repo, pr, req.urls)));
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/pulls',
    inRepo((req, state, repo) => {
      const head = String(req.body.head ?? '').split(':').pop()!;
      const base = String(req.body.base ?? repo.defaultBranch);
      if (!repo.branches.has(head)) return unprocessable(`Validation Failed: head ${head} does not exist`);
      if (!repo.branches.has(base)) return unprocessable(`Validation Failed: base ${base} does not exist`);
      if (state.pulls(repo).some((pr) => pr.state === 'open' && pr.pull.head === head)) {
        return unprocessable(`A pull request already exists for ${repo.owner}:${head}.`);
      }
      const pr = state.createPull(repo, { head, base, title: String(req.body.title ?? ''), body: String(req.body.body ?? '') });
      return ok(pullJson(state, repo, pr, req.urls), 201);
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/pulls/{pull_number}',
    inRepo((req, state, repo) => {
      const pr = state.pull(repo, Number(req.params.pull_number));
      return pr ? ok(pullJson(state, repo, pr, req.urls)) : notFound();
    }),
  ),

  route(
    'PATCH',
    '/repos/{owner}/{repo}/pulls/{pull_number}',
    inRepo((req, state, repo) => {
      const pr = state.pull(repo, Number(req.params.pull_number));
      if (!pr) return notFound();
      if (typeof req.body.title === 'string') pr.title = req.body.title;
      if (typeof req.body.body === 'string') pr.body = req.body.body;
      if (req.body.state === 'open' || req.body.state === 'closed') pr.state = req.body.state;
      if (typeof req.body.base === 'string') pr.pull.base = req.body.base;
      return ok(pullJson(state, repo, pr, req.urls));
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/pulls/{pull_number}/files',
    inRepo((req, state, repo) => {
      const pr = state.pull(repo, Number(req.params.pull_number));
      if (!pr) return notFound();
      const head = state.commits.get(state.headSha(repo, pr))!;
      return page(req, pullFiles(state, state.commits.get(pr.pull.baseSha)!.tree, head.tree));
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
    inRepo((req, state, repo) => {
      const pr = state.pull(repo, Number(req.params.pull_number));
      if (!pr) return notFound();
      const teams = (req.body.team_reviewers as string[] | undefined) ?? [];
      const reviewers = (req.body.reviewers as string[] | undefined) ?? [];
      const unknown = teams.find((slug) => !state.teams.has(slug));
      if (unknown) return unprocessable('Reviews may only be requested from collaborators. One or more of the teams you specified is not a collaborator of this repository.');
      for (const slug of teams) if (!pr.pull.requestedTeams.includes(slug)) pr.pull.requestedTeams.push(slug);
      for (const login of reviewers) if (!pr.pull.requestedReviewers.includes(login)) pr.pull.requestedReviewers.push(login);
      return ok(pullJson(state, repo, pr, req.urls), 201);
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/check-runs',
    inRepo((req, state, repo) => {
      const output = (req.body.output ?? {}) as { title?: string; summary?: string; text?: string; annotations?: Annotation[] };
      if (typeof req.body.name !== 'string' || typeof req.body.head_sha !== 'string') return unprocessable('Invalid request: name and head_sha are required');
      const { annotations = [], ...shown } = output;
      const run = {
        id: state.id(),
        repo: repo.name,
        name: req.body.name,
        headSha: req.body.head_sha,
        status: String(req.body.status ?? 'queued'),
        conclusion: (req.body.conclusion as string | undefined) ?? null,
        output: shown,
        annotations: [...annotations],
      };
      if (annotations.length > 50) return unprocessable('Only 50 annotations may be sent per request');
      state.checkRuns.set(run.id, run);
      return ok(checkRunJson(run, req.urls, repo), 201);
    }),
  ),

  route(
    'PATCH',
    '/repos/{owner}/{repo}/check-runs/{check_run_id}',
    inRepo((req, state, repo) => {
      const run = state.checkRuns.get(Number(req.params.check_run_id));
      if (!run || run.repo !== repo.name) return notFound();
      const output = (req.body.output ?? undefined) as ({ annotations?: Annotation[] } & CheckRunOutput) | undefined;
      if (output) {
        const { annotations = [], ...shown } = output;
        if (annotations.length > 50) return unprocessable('Only 50 annotations may be sent per request');
        run.output = { ...run.output, ...shown };
        run.annotations.push(...annotations);
      }
      if (typeof req.body.status === 'string') run.status = req.body.status;
      if (typeof req.body.conclusion === 'string') {
        run.conclusion = req.body.conclusion;
        run.status = 'completed';
      }
      return ok(checkRunJson(run, req.urls, repo));
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/issues',
    inRepo((req, state, repo) => {
      const wanted = req.query.get('state') ?? 'open';
      const labels = req.query.get('labels')?.split(',').filter((l) => l !== '') ?? [];
      const creator = req.query.get('creator');
      const issues = [...repo.issues.values()]
        .filter((i) => (wanted === 'all' || i.state === wanted) && labels.every((l) => i.labels.includes(l)) && (!creator || i.user.login === creator))
        .reverse();
      return page(req, issues, (slice) => slice.map((i) => issueJson(state, repo, i, req.urls)));
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/issues',
    inRepo((req, state, repo) => {
      if (typeof req.body.title !== 'string' || req.body.title === '') return unprocessable('Validation Failed: title is required');
      const issue = state.createIssue(repo, { title: req.body.title, body: String(req.body.body ?? ''), labels: (req.body.labels as string[] | undefined) ?? [] });
      return ok(issueJson(state, repo, issue, req.urls), 201);
    }),
  ),

  route(
    'PATCH',
    '/repos/{owner}/{repo}/issues/{issue_number}',
    inRepo((req, state, repo) => {
      const issue = repo.issues.get(Number(req.params.issue_number));
      if (!issue) return notFound();
      if (typeof req.body.title === 'string') issue.title = req.body.title;
      if (typeof req.body.body === 'string') issue.body = req.body.body;
      if (req.body.state === 'open' || req.body.state === 'closed') issue.state = req.body.state;
      if (Array.isArray(req.body.labels)) issue.labels = req.body.labels.map(String);
      return ok(issueJson(state, repo, issue, req.urls));
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    inRepo((req, state, repo) => {
      const issue = repo.issues.get(Number(req.params.issue_number));
      if (!issue) return notFound();
      for (const label of (req.body.labels as string[] | undefined) ?? []) if (!issue.labels.includes(label)) issue.labels.push(label);
      return ok(issue.labels.map(labelJson));
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    inRepo((req, state, repo) => {
      const number = Number(req.params.issue_number);
      if (!repo.issues.has(number)) return notFound();
      return page(req, state.commentsOn(repo.name, number), (slice) => slice.map((c) => commentJson(c, req.urls, repo)));
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    inRepo((req, state, repo) => {
      const number = Number(req.params.issue_number);
      if (!repo.issues.has(number)) return notFound();
      if (typeof req.body.body !== 'string') return unprocessable('Validation Failed: body is required');
      if (req.body.body.length > 65536) return unprocessable('Validation Failed: body is too long (maximum is 65536 characters)');
      return ok(commentJson(state.addComment(repo, number, req.body.body), req.urls, repo), 201);
    }),
  ),

  route(
    'PATCH',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    inRepo((req, state, repo) => {
      const comment = state.comments.get(Number(req.params.comment_id));
      if (!comment || comment.repo !== repo.name) return notFound();
      if (typeof req.body.body !== 'string') return unprocessable('Validation Failed: body is required');
      if (req.body.body.length > 65536) return unprocessable('Validation Failed: body is too long (maximum is 65536 characters)');
      comment.body = req.body.body;
      comment.updatedAt = state.timestamp();
      return ok(commentJson(comment, req.urls, repo));
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
    inRepo((req, state, repo) => {
      const comment = state.comments.get(Number(req.params.comment_id));
      if (!comment || comment.repo !== repo.name) return notFound();
      const content = String(req.body.content ?? '');
      if (!['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'].includes(content)) return unprocessable(`Validation Failed: content ${content}`);
      const reaction = { id: state.id(), content, user: state.bot };
      comment.reactions.push(reaction);
      return ok({ id: reaction.id, content, user: { login: state.bot.login, type: 'Bot' } }, 201);
    }),
  ),

  route('GET', '/orgs/{org}/teams/{team_slug}/memberships/{username}', (req, state) => {
    const members = state.teams.get(req.params.team_slug!);
    if (req.params.org!.toLowerCase() !== state.org.toLowerCase() || !members?.has(req.params.username!)) return notFound();
    return ok({ state: 'active', role: 'member', url: `${req.urls.api}/orgs/${state.org}/teams/${req.params.team_slug}/memberships/${req.params.username}` });
  }),
];

type CheckRunOutput = { title?: string; summary?: string; text?: string };

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
