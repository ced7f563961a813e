import { combinedStatusJson, statusJson } from './json.js';
import { autoMergeSweep, latestStatuses } from './merging.js';
import type { Need } from './permissions.js';
import { callerOf, error, inRepo, invalid, ok, page, route, type Route } from './rest-kit.js';
import type { CommitStatus, GitHubState, Repository, User } from './state.js';

const STATUSES_READ: Need = [['statuses', 'read']];
const STATUSES_WRITE: Need = [['statuses', 'write']];
const STATES = ['error', 'failure', 'pending', 'success'];

/** A status on `sha` by `creator` (the app's bot when `appId` is set); GitHub's auto-merge looks again. */
export function setStatus(state: GitHubState, repo: Repository, sha: string, fields: { context: string; state: CommitStatus['state']; creator: User; appId: number | null; description?: string | null; targetUrl?: string | null }): CommitStatus {
  const status: CommitStatus = {
    id: state.id(),
    repo: repo.name,
    sha,
    context: fields.context,
    state: fields.state,
    description: fields.description ?? null,
    targetUrl: fields.targetUrl ?? null,
    creator: fields.creator,
    appId: fields.appId,
    createdAt: state.timestamp(),
  };
  state.statuses.push(status);
  autoMergeSweep(state, repo);
  return status;
}

/** Commit statuses (the Statuses API): `statuses` read and write, as GitHub documents. */
export const statusRoutes: Route[] = [
  route(
    'POST',
    '/repos/{owner}/{repo}/statuses/{sha}',
    STATUSES_WRITE,
    inRepo((req, state, repo) => {
      const sha = req.params.sha!;
      if (!state.commits.has(sha)) return error(422, `No commit found for SHA: ${sha}`);
      if (!STATES.includes(String(req.body.state))) return invalid(`${JSON.stringify(req.body.state)} is not a member of ${JSON.stringify(STATES)}.`);
      const caller = callerOf(req, state);
      const status = setStatus(state, repo, sha, {
        context: typeof req.body.context === 'string' ? req.body.context : 'default',
        state: req.body.state as CommitStatus['state'],
        creator: caller.kind === 'installation' ? caller.bot : caller.app.bot,
        appId: caller.app.id,
        description: typeof req.body.description === 'string' ? req.body.description : null,
        targetUrl: typeof req.body.target_url === 'string' ? req.body.target_url : null,
      });
      return ok(statusJson(state, repo, status, req.urls), 201);
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/commits/{ref}/status',
    STATUSES_READ,
    inRepo((req, state, repo) => {
      const sha = state.resolveCommit(repo, req.params.ref!);
      if (!sha) return error(422, `No commit found for SHA: ${req.params.ref}`);
      return ok(combinedStatusJson(state, repo, sha, latestStatuses(state, repo, sha), req.urls));
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/commits/{ref}/statuses',
    STATUSES_READ,
    inRepo((req, state, repo) => {
      const sha = state.resolveCommit(repo, req.params.ref!);
      if (!sha) return error(422, `No commit found for SHA: ${req.params.ref}`);
      const all = state.statuses.filter((s) => s.repo.toLowerCase() === repo.name.toLowerCase() && s.sha === sha).reverse();
      return page(req, all, (slice) => slice.map((s) => statusJson(state, repo, s, req.urls)));
    }),
  ),
];
