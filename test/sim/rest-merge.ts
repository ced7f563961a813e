import { reviewJson } from './json.js';
import { autoMergeSweep, mergeRefusal, methodRefusal, submitReview, updateBranch } from './merging.js';
import type { Need } from './permissions.js';
import { callerOf, error, inRepo, invalid, noContent, notFound, ok, page, route, type Route } from './rest-kit.js';
import type { MergeMethod, Review } from './state.js';

const CONTENTS_WRITE: Need = [['contents', 'write']];
const PULLS_READ: Need = [['pull_requests', 'read']];
const PULLS_WRITE: Need = [['pull_requests', 'write']];
const METHODS: MergeMethod[] = ['merge', 'squash', 'rebase'];
const REVIEW_EVENTS: Record<string, Review['state']> = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' };

/** GitHub's limits on `client_payload`. */
const MAX_PAYLOAD_KEYS = 10;
const MAX_PAYLOAD_BYTES = 64 * 1024;

/**
 * Merging and what leads to it: `PUT …/merge` with `sha` (409 when the head moved, 405 when the
 * protection is not satisfied, the method is not allowed or it is not open), "Update branch",
 * reviews, and `repository_dispatch` (204, recorded in `state.dispatches`).
 */
export const mergeRoutes: Route[] = [
  route(
    'PUT',
    '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
    CONTENTS_WRITE,
    inRepo((req, state, repo) => {
      const pr = state.pull(repo, Number(req.params.pull_number));
      if (!pr) return notFound();
      const method = (req.body.merge_method ?? 'merge') as MergeMethod;
      if (!METHODS.includes(method)) return invalid(`${JSON.stringify(req.body.merge_method)} is not a member of ${JSON.stringify(METHODS)}.`);
      const head = state.headSha(repo, pr);
      if (pr.state === 'open' && typeof req.body.sha === 'string' && req.body.sha !== head) return error(409, 'Head branch was modified. Review and try the merge again.');
      const refused = mergeRefusal(state, repo, pr) ?? methodRefusal(repo, method);
      if (refused) return error(405, refused);
      state.closePull(repo, pr, { merge: method, actor: callerOf(req, state).app.bot });
      return ok({ sha: pr.pull.mergeCommitSha, merged: true, message: 'Pull Request successfully merged' });
    }),
  ),

  route(
    'PUT',
    '/repos/{owner}/{repo}/pulls/{pull_number}/update-branch',
    PULLS_WRITE,
    inRepo((req, state, repo) => {
      const pr = state.pull(repo, Number(req.params.pull_number));
      if (!pr) return notFound();
      if (pr.state !== 'open') return error(422, 'Pull request is closed');
      const head = state.headSha(repo, pr);
      if (typeof req.body.expected_head_sha === 'string' && req.body.expected_head_sha !== head) return error(422, 'expected head sha didn’t match current head ref.');
      if (state.isAncestor(repo.branches.get(pr.pull.base)!, head)) return error(422, 'There are no new commits on the base branch.');
      updateBranch(state, repo, pr, callerOf(req, state).app.bot);
      return ok({ message: 'Updating pull request branch.', url: `${req.urls.web}/${repo.owner}/${repo.name}/pull/${pr.number}` }, 202);
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    PULLS_READ,
    inRepo((req, state, repo) => {
      const pr = state.pull(repo, Number(req.params.pull_number));
      if (!pr) return notFound();
      return page(req, pr.pull.reviews ?? [], (slice) => slice.map((review) => reviewJson(repo, pr, review, req.urls)));
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    PULLS_WRITE,
    inRepo((req, state, repo) => {
      const pr = state.pull(repo, Number(req.params.pull_number));
      if (!pr) return notFound();
      const reviewState = REVIEW_EVENTS[String(req.body.event ?? 'COMMENT')];
      if (!reviewState) return invalid(`${JSON.stringify(req.body.event)} is not a member of ${JSON.stringify(Object.keys(REVIEW_EVENTS))}.`);
      const caller = callerOf(req, state);
      const review = submitReview(state, repo, pr, caller.kind === 'installation' ? caller.bot : caller.app.bot, reviewState, typeof req.body.body === 'string' ? req.body.body : '');
      autoMergeSweep(state, repo);
      return ok(reviewJson(repo, pr, review, req.urls));
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/dispatches',
    CONTENTS_WRITE,
    inRepo((req, state, repo) => {
      const eventType = req.body.event_type;
      if (typeof eventType !== 'string' || eventType.length === 0 || eventType.length > 100) return invalid('"event_type" must be a string of 1 to 100 characters.');
      const payload = req.body.client_payload ?? {};
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return invalid('"client_payload" is not an object.');
      if (Object.keys(payload).length > MAX_PAYLOAD_KEYS) return invalid(`No more than ${MAX_PAYLOAD_KEYS} properties are allowed; ${Object.keys(payload).length} were supplied.`);
      if (Buffer.byteLength(JSON.stringify(payload)) >= MAX_PAYLOAD_BYTES) return invalid('client_payload is too large.');
      state.dispatches.push({ repo: repo.name, eventType, clientPayload: payload as Record<string, unknown>, appId: callerOf(req, state).app.id, at: state.timestamp() });
      return noContent();
    }),
  ),
];
