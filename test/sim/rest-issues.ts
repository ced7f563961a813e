import { commentJson, issueJson, labelJson, reactionJson, timelineItemJson } from './json.js';
import { grants } from './permissions.js';
import { callerOf, characters, error, inRepo, issueNeed, noContent, notFound, ok, page, route, validationFailed, type RestRequest, type Route } from './rest-kit.js';
import type { Comment, GitHubState, Repository } from './state.js';

/** GitHub's limit on issue, pull request and comment bodies. */
export const MAX_BODY = 65536;
const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];

const byNumber = (req: RestRequest) => Number(req.params.issue_number);
const byComment = (req: RestRequest, state: GitHubState) => state.comments.get(Number(req.params.comment_id))?.issueNumber;

function commentIn(req: RestRequest, state: GitHubState, repo: Repository): Comment | undefined {
  const comment = state.comments.get(Number(req.params.comment_id));
  return comment && comment.repo.toLowerCase() === repo.name.toLowerCase() ? comment : undefined;
}

const tooLongComment = () => validationFailed('IssueComment', 'data', 'unprocessable', `Body is too long (maximum is ${MAX_BODY} characters)`);

export const issueRoutes: Route[] = [
  route(
    'GET',
    '/repos/{owner}/{repo}/issues',
    [
      ['issues', 'read'],
      ['pull_requests', 'read'],
    ],
    inRepo((req, state, repo) => {
      const wanted = req.query.get('state') ?? 'open';
      const labels = req.query.get('labels')?.split(',').filter((l) => l !== '') ?? [];
      const creator = req.query.get('creator');
      const since = req.query.get('since');
      // Without `issues`, only the pull requests are visible.
      const caller = callerOf(req, state);
      const issuesVisible = caller.kind === 'installation' && grants(caller.permissions, [['issues', 'read']]);
      const issues = [...repo.issues.values()]
        .filter((i) => (wanted === 'all' || i.state === wanted) && labels.every((l) => i.labels.includes(l)) && (!creator || i.user.login === creator))
        .filter((i) => (!since || (i.updatedAt ?? i.createdAt) >= since) && (issuesVisible || i.pull !== undefined))
        .reverse();
      return page(req, issues, (slice) => slice.map((i) => issueJson(state, repo, i, req.urls)));
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/issues',
    [['issues', 'write']],
    inRepo((req, state, repo) => {
      if (typeof req.body.title !== 'string' || req.body.title === '') return validationFailed('Issue', 'title', 'missing_field');
      if (typeof req.body.body === 'string' && characters(req.body.body) > MAX_BODY) return validationFailed('Issue', 'body', 'custom', `body is too long (maximum is ${MAX_BODY} characters)`);
      const issue = state.createIssue(repo, { title: req.body.title, body: String(req.body.body ?? ''), labels: (req.body.labels as string[] | undefined) ?? [], user: callerOf(req, state).app.bot });
      return ok(issueJson(state, repo, issue, req.urls), 201);
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/issues/{issue_number}',
    issueNeed('read', byNumber),
    inRepo((req, state, repo) => {
      const issue = repo.issues.get(byNumber(req));
      return issue ? ok(issueJson(state, repo, issue, req.urls)) : notFound();
    }),
  ),

  route(
    'PATCH',
    '/repos/{owner}/{repo}/issues/{issue_number}',
    issueNeed('write', byNumber),
    inRepo((req, state, repo) => {
      const issue = repo.issues.get(byNumber(req));
      if (!issue) return notFound();
      if (typeof req.body.body === 'string' && characters(req.body.body) > MAX_BODY) return validationFailed('Issue', 'body', 'custom', `body is too long (maximum is ${MAX_BODY} characters)`);
      if (typeof req.body.title === 'string') issue.title = req.body.title;
      if (typeof req.body.body === 'string') issue.body = req.body.body;
      if (Array.isArray(req.body.labels)) issue.labels = req.body.labels.map(String);
      const actor = callerOf(req, state).app.bot;
      const at = state.timestamp();
      if ((req.body.state === 'open' || req.body.state === 'closed') && req.body.state !== issue.state) {
        issue.state = req.body.state;
        issue.closedAt = issue.state === 'closed' ? at : null;
        (issue.events ??= []).push({ kind: issue.state === 'closed' ? 'closed' : 'reopened', id: state.id(), actor, at });
      }
      issue.updatedAt = at;
      return ok(issueJson(state, repo, issue, req.urls));
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    issueNeed('write', byNumber),
    inRepo((req, state, repo) => {
      const issue = repo.issues.get(byNumber(req));
      if (!issue) return notFound();
      const actor = callerOf(req, state).app.bot;
      const at = state.timestamp();
      for (const label of (req.body.labels as string[] | undefined) ?? []) {
        if (issue.labels.includes(label)) continue;
        issue.labels.push(label);
        (issue.events ??= []).push({ kind: 'labeled', id: state.id(), actor, at, label });
      }
      issue.updatedAt = at;
      return ok(issue.labels.map(labelJson));
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    issueNeed('read', byNumber),
    inRepo((req, state, repo) => {
      const number = byNumber(req);
      if (!repo.issues.has(number)) return notFound();
      const since = req.query.get('since');
      const comments = state.commentsOn(repo.name, number).filter((c) => !since || c.updatedAt >= since);
      return page(req, comments, (slice) => slice.map((c) => commentJson(c, req.urls, repo, state)));
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    issueNeed('write', byNumber),
    inRepo((req, state, repo) => {
      const number = byNumber(req);
      if (!repo.issues.has(number)) return notFound();
      if (typeof req.body.body !== 'string') return validationFailed('IssueComment', 'body', 'missing_field');
      if (characters(req.body.body) > MAX_BODY) return tooLongComment();
      return ok(commentJson(state.addComment(repo, number, req.body.body, callerOf(req, state).app.bot), req.urls, repo, state), 201);
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    issueNeed('read', byComment),
    inRepo((req, state, repo) => {
      const comment = commentIn(req, state, repo);
      return comment ? ok(commentJson(comment, req.urls, repo, state)) : notFound();
    }),
  ),

  route(
    'PATCH',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    issueNeed('write', byComment),
    inRepo((req, state, repo) => {
      const comment = commentIn(req, state, repo);
      if (!comment) return notFound();
      if (typeof req.body.body !== 'string') return validationFailed('IssueComment', 'body', 'missing_field');
      if (characters(req.body.body) > MAX_BODY) return tooLongComment();
      if (req.body.body !== comment.body) state.editComment(comment.id, callerOf(req, state).app.bot, req.body.body);
      return ok(commentJson(comment, req.urls, repo, state));
    }),
  ),

  route(
    'DELETE',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    issueNeed('write', byComment),
    inRepo((req, state, repo) => {
      const comment = commentIn(req, state, repo);
      if (!comment) return notFound();
      state.deleteComment(comment.id);
      return noContent();
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
    issueNeed('read', byComment),
    inRepo((req, state, repo) => {
      const comment = commentIn(req, state, repo);
      if (!comment) return notFound();
      const content = req.query.get('content');
      if (content !== null && !REACTIONS.includes(content)) return error(422, `Invalid request.\n\n"${content}" is not a member of ${JSON.stringify(REACTIONS)}.`);
      return page(
        req,
        comment.reactions.filter((r) => content === null || r.content === content),
        (slice) => slice.map((r) => reactionJson(r, req.urls)),
      );
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
    issueNeed('write', byComment),
    inRepo((req, state, repo) => {
      const comment = commentIn(req, state, repo);
      if (!comment) return notFound();
      const content = String(req.body.content ?? '');
      if (!REACTIONS.includes(content)) return error(422, `Invalid request.\n\n"${content}" is not a member of ${JSON.stringify(REACTIONS)}.`);
      // The same reaction by the same account again: 200 with the one that exists.
      const { reaction, created } = state.react(comment.id, callerOf(req, state).app.bot, content);
      return ok(reactionJson(reaction, req.urls), created ? 201 : 200);
    }),
  ),

  route(
    'DELETE',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions/{reaction_id}',
    issueNeed('write', byComment),
    inRepo((req, state, repo) => {
      const comment = commentIn(req, state, repo);
      const index = comment?.reactions.findIndex((r) => r.id === Number(req.params.reaction_id)) ?? -1;
      if (!comment || index < 0) return notFound();
      comment.reactions.splice(index, 1);
      return noContent();
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/issues/{issue_number}/timeline',
    issueNeed('read', byNumber),
    inRepo((req, state, repo) => {
      const number = byNumber(req);
      if (!repo.issues.has(number)) return notFound();
      return page(req, state.timelineOf(repo.name, number), (slice) => slice.map((item) => timelineItemJson(state, repo, number, item, req.urls)));
    }),
  ),
];
