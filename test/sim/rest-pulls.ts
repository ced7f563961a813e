import { pullFiles } from './diff.js';
import { commitJson, pullJson } from './json.js';
import type { Need } from './permissions.js';
import { callerOf, characters, error, inRepo, notFound, ok, page, route, validationFailed, type Route } from './rest-kit.js';

const PULLS_READ: Need = [['pull_requests', 'read']];
const PULLS_WRITE: Need = [['pull_requests', 'write']];
const MAX_BODY = 65536;
/** `pulls/{n}/commits` lists at most this many. */
const MAX_PULL_COMMITS = 250;

export const pullRoutes: Route[] = [
  route(
    'GET',
    '/repos/{owner}/{repo}/pulls',
    PULLS_READ,
    inRepo((req, state, repo) => {
      const wanted = req.query.get('state') ?? 'open';
      const head = req.query.get('head')?.split(':').pop();
      const base = req.query.get('base');
      const pulls = state
        .pulls(repo)
        .filter((pr) => (wanted === 'all' || pr.state === wanted) && (head === undefined || pr.pull.head === head) && (base === null || pr.pull.base === base))
        .reverse();
      return page(req, pulls, (slice) => slice.map((pr) => pullJson(state, repo, pr, req.urls)));
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/pulls',
    PULLS_WRITE,
    inRepo((req, state, repo) => {
      const head = String(req.body.head ?? '').split(':').pop()!;
      const base = String(req.body.base ?? repo.defaultBranch);
      if (!repo.branches.has(head)) return validationFailed('PullRequest', 'head', 'invalid');
      if (!repo.branches.has(base)) return validationFailed('PullRequest', 'base', 'invalid');
      if (typeof req.body.body === 'string' && characters(req.body.body) > MAX_BODY) return validationFailed('PullRequest', 'body', 'custom', `body is too long (maximum is ${MAX_BODY} characters)`);
      if (state.pulls(repo).some((pr) => pr.state === 'open' && pr.pull.head === head && pr.pull.base === base)) {
        return validationFailed('PullRequest', 'head', 'custom', `A pull request already exists for ${repo.owner}:${head}.`);
      }
      if (repo.branches.get(head) === repo.branches.get(base) || state.isAncestor(repo.branches.get(head)!, repo.branches.get(base)!)) {
        return validationFailed('PullRequest', 'head', 'custom', `No commits between ${base} and ${head}`);
      }
      const pr = state.createPull(repo, { head, base, title: String(req.body.title ?? ''), body: String(req.body.body ?? ''), user: callerOf(req, state).app.bot });
      return ok(pullJson(state, repo, pr, req.urls), 201);
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/pulls/{pull_number}',
    PULLS_READ,
    inRepo((req, state, repo) => {
      const pr = state.pull(repo, Number(req.params.pull_number));
      return pr ? ok(pullJson(state, repo, pr, req.urls)) : notFound();
    }),
  ),

  route(
    'PATCH',
    '/repos/{owner}/{repo}/pulls/{pull_number}',
    PULLS_WRITE,
    inRepo((req, state, repo) => {
      const pr = state.pull(repo, Number(req.params.pull_number));
      if (!pr) return notFound();
      if (typeof req.body.body === 'string' && characters(req.body.body) > MAX_BODY) return validationFailed('PullRequest', 'body', 'custom', `body is too long (maximum is ${MAX_BODY} characters)`);
      if (typeof req.body.title === 'string') pr.title = req.body.title;
      if (typeof req.body.body === 'string') pr.body = req.body.body;
      if (typeof req.body.base === 'string') pr.pull.base = req.body.base;
      const actor = callerOf(req, state).app.bot;
      if (req.body.state === 'closed' && pr.state === 'open') state.closePull(repo, pr, { actor });
      else if (req.body.state === 'open' && pr.state === 'closed') state.reopenPull(repo, pr, actor);
      else pr.updatedAt = state.timestamp();
      return ok(pullJson(state, repo, pr, req.urls));
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/pulls/{pull_number}/files',
    PULLS_READ,
    inRepo((req, state, repo) => {
      const pr = state.pull(repo, Number(req.params.pull_number));
      if (!pr) return notFound();
      const head = state.headSha(repo, pr);
      const base = state.mergeBase(repo.branches.get(pr.pull.base) ?? pr.pull.baseSha, head) ?? pr.pull.baseSha;
      return page(req, pullFiles(state, state.commits.get(base)!.tree, state.commits.get(head)!.tree));
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/pulls/{pull_number}/commits',
    PULLS_READ,
    inRepo((req, state, repo) => {
      const pr = state.pull(repo, Number(req.params.pull_number));
      if (!pr) return notFound();
      const head = state.headSha(repo, pr);
      const commits = state.commitsBetween(repo.branches.get(pr.pull.base) ?? pr.pull.baseSha, head).slice(0, MAX_PULL_COMMITS);
      return page(req, commits, (slice) => slice.map((sha) => commitJson(state, repo, state.commits.get(sha)!, req.urls)));
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
    PULLS_WRITE,
    inRepo((req, state, repo) => {
      const pr = state.pull(repo, Number(req.params.pull_number));
      if (!pr) return notFound();
      const teams = (req.body.team_reviewers as string[] | undefined) ?? [];
      const reviewers = (req.body.reviewers as string[] | undefined) ?? [];
      const unknown = teams.find((slug) => !state.teams.has(slug));
      if (unknown) return error(422, 'Reviews may only be requested from collaborators. One or more of the teams you specified is not a collaborator of the acme/web repository.'.replace('acme/web', `${repo.owner}/${repo.name}`));
      const actor = callerOf(req, state).app.bot;
      const at = state.timestamp();
      for (const slug of teams) {
        if (pr.pull.requestedTeams.includes(slug)) continue;
        pr.pull.requestedTeams.push(slug);
        (pr.events ??= []).push({ kind: 'review_requested', id: state.id(), actor, at, team: slug });
      }
      for (const login of reviewers) {
        if (pr.pull.requestedReviewers.includes(login)) continue;
        pr.pull.requestedReviewers.push(login);
        (pr.events ??= []).push({ kind: 'review_requested', id: state.id(), actor, at, reviewer: login });
      }
      pr.updatedAt = at;
      return ok(pullJson(state, repo, pr, req.urls), 201);
    }),
  ),
];
