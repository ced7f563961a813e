import { checkRunJson } from './json.js';
import { notFound, type RestRequest, type RestResponse, type Route } from './rest.js';
import type { Commit, GitHubState, Repository } from './state.js';

/** The app the simulator's tokens belong to (test/e2e/app.ts starts Probot with app id 1). */
export const SIM_APP = { id: 1, slug: 'plimsoll', name: 'Plimsoll' };

function route(method: string, template: string, handler: (req: RestRequest, state: GitHubState) => RestResponse): Route {
  const names: string[] = [];
  const source = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { method, template, pattern: new RegExp(`^${source}$`), names, handler };
}

function inRepo(handler: (req: RestRequest, state: GitHubState, repo: Repository) => RestResponse) {
  return (req: RestRequest, state: GitHubState) => {
    const repo = state.findRepo(req.params.owner!, req.params.repo!);
    return repo ? handler(req, state, repo) : notFound();
  };
}

/** One page of `items` and GitHub's Link header. */
function paged<T>(req: RestRequest, items: readonly T[], wrap: (slice: T[]) => unknown): RestResponse {
  const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30)));
  const current = Math.max(1, Number(req.query.get('page') ?? 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const query = new URLSearchParams(req.query);
    query.set('page', String(n));
    query.set('per_page', String(perPage));
    return `<${req.urls.api}${req.path}?${query}>; rel="${rel}"`;
  };
  const links = current < last ? [link(current + 1, 'next'), link(last, 'last')] : [];
  return { status: 200, body: wrap(items.slice((current - 1) * perPage, current * perPage) as T[]), headers: links.length > 0 ? { link: links.join(', ') } : {} };
}

/**
 * Who the app is, the history of a file (`GET commits?path=`: commits of the first-parent line
 * from `sha`, the default branch when omitted, that changed the path, newest first), one commit,
 * and the check runs on a commit (`GET commits/{ref}/check-runs`, filtered by name and app as
 * GitHub does).
 */
export const commitRoutes: Route[] = [
  route('GET', '/app', () => ({ status: 200, body: { ...SIM_APP, node_id: 'A_1', owner: { login: 'plimsoll-app', id: 2, type: 'Organization' }, permissions: {}, events: [] } })),

  route(
    'GET',
    '/repos/{owner}/{repo}/commits',
    inRepo((req, state, repo) => {
      const start = req.query.get('sha') ?? repo.defaultBranch;
      let sha = repo.branches.get(start) ?? (state.commits.has(start) ? start : undefined);
      if (sha === undefined) return { status: 404, body: { message: `No commit found for SHA: ${start}`, documentation_url: 'https://docs.github.com/rest' } };
      const path = req.query.get('path');
      const listed: string[] = [];
      while (sha !== undefined) {
        const commit: Commit = state.commits.get(sha)!;
        const parent = commit.parents[0] === undefined ? undefined : state.commits.get(commit.parents[0]);
        if (path === null || commit.tree.get(path) !== parent?.tree.get(path)) listed.push(sha);
        sha = commit.parents[0];
      }
      return paged(req, listed, (slice) =>
        slice.map((s) => {
          const commit = state.commits.get(s)!;
          return {
            sha: s,
            node_id: `C_${s}`,
            commit: { message: commit.message, tree: { sha: commit.treeSha } },
            parents: commit.parents.map((p) => ({ sha: p })),
            url: `${req.urls.api}/repos/${repo.owner}/${repo.name}/commits/${s}`,
            html_url: `${req.urls.web}/${repo.owner}/${repo.name}/commit/${s}`,
          };
        }),
      );
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/commits/{ref}',
    inRepo((req, state, repo) => {
      const ref = req.params.ref!;
      const sha = repo.branches.get(ref) ?? (state.commits.has(ref) ? ref : undefined);
      if (sha === undefined) return { status: 422, body: { message: `No commit found for SHA: ${ref}`, documentation_url: 'https://docs.github.com/rest' } };
      const commit = state.commits.get(sha)!;
      return {
        status: 200,
        body: { sha, node_id: `C_${sha}`, commit: { message: commit.message, tree: { sha: commit.treeSha } }, parents: commit.parents.map((p) => ({ sha: p })), html_url: `${req.urls.web}/${repo.owner}/${repo.name}/commit/${sha}` },
      };
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/commits/{ref}/check-runs',
    inRepo((req, state, repo) => {
      const ref = req.params.ref!;
      const sha = repo.branches.get(ref) ?? ref;
      const name = req.query.get('check_name');
      const appId = req.query.get('app_id');
      let runs = state
        .checkRunsOf(repo.name)
        .filter((run) => run.headSha === sha && (name === null || run.name === name) && (appId === null || (run.app ?? SIM_APP).id === Number(appId)))
        .sort((a, b) => b.id - a.id);
      if ((req.query.get('filter') ?? 'latest') === 'latest') {
        const seen = new Set<string>();
        runs = runs.filter((run) => {
          const key = `${run.name}\u0000${(run.app ?? SIM_APP).id}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
      }
      return paged(req, runs, (slice) => ({ total_count: runs.length, check_runs: slice.map((run) => ({ ...checkRunJson(run, req.urls, repo), app: run.app ?? SIM_APP })) }));
    }),
  ),
];
