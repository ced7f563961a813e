import type { Context } from 'probot';
import { PullRequestClient } from '../github/pulls.js';
import { isPolicyRepository } from '../config/location.js';
import { parseCommands } from '../review/commands.js';
import { commandReply, type CommandReply } from '../review/reply.js';
import type { Runtime } from '../runtime.js';
import type { FanOutService } from './fanout.js';
import { inBackground, reviewPullRequest, type ReviewEnv, type ReviewResult } from './review.js';

type CommentEvent = Context<'issue_comment.created' | 'issue_comment.edited' | 'issue_comment.deleted'>;

/**
 * Comments: on a pull request, its `/plimsoll` commands; in an issue of the policy repository,
 * `/plimsoll recheck` (every bump again) and `/plimsoll recheck upstream` (the upstream watch now).
 */
export function onIssueComment(runtime: Runtime, fanOut: FanOutService) {
  const commands = onPullRequestComment(runtime);
  return async (context: CommentEvent): Promise<void> => {
    if (context.payload.issue.pull_request) return commands(context);
    if (context.payload.action !== 'created') return;
    const { repository, sender, comment } = context.payload;
    if (sender.type === 'Bot' || !isPolicyRepository(repository.owner.login, repository.name, runtime.policyRepo)) return;
    const rechecks = parseCommands(comment.body ?? '').filter((command) => command.kind === 'recheck');
    if (rechecks.length === 0) return;
    const log = context.log.child({ delivery: context.id, event: 'issue_comment.created', repo: `${repository.owner.login}/${repository.name}` });
    const what = { fanOut: rechecks.some((r) => !r.upstream), upstream: rechecks.some((r) => r.upstream === true) };
    fanOut.recheck(context.octokit, context.payload.installation?.id ?? 0, repository.owner.login, what, log);
  };
}

/**
 * `/plimsoll approve|revoke|recheck` on a pull request (SPEC §6). A comment carrying commands (or
 * one that carried some before an edit or a deletion) starts a review, which recomputes every
 * approval from GitHub's record. The comment then gets a reaction, 👍 when everything in it took
 * effect, 😕 when something was refused, and for a refusal one reply saying why (edited in place
 * on a redelivery, never posted twice).
 */
function onPullRequestComment(runtime: Runtime) {
  return async (context: CommentEvent): Promise<void> => {
    const { comment, issue, sender } = context.payload;
    const action = context.payload.action;
    const now = action === 'deleted' ? [] : parseCommands(comment.body ?? '');
    const before = action === 'edited' ? parseCommands(context.payload.changes.body?.from ?? '') : action === 'deleted' ? parseCommands(comment.body ?? '') : [];
    if (now.length === 0 && before.length === 0) return;

    const repo = context.repo();
    const log = context.log.child({ delivery: context.id, event: `issue_comment.${action}`, repo: `${repo.owner}/${repo.repo}`, pr: issue.number, comment: comment.id });
    const author = comment.user?.login ?? '';
    if (action === 'edited' && sender.login.toLowerCase() !== author.toLowerCase()) {
      // Someone changed another person's command after the fact: on record, whatever it now says.
      log.warn({ audit: { editor: sender.login, author, commentId: comment.id, from: context.payload.changes.body?.from ?? null, to: comment.body } }, 'a /plimsoll comment was edited by someone other than its author');
    }

    inBackground(runtime, log, 'Reading the `/plimsoll` command', async () => {
      const me = await runtime.identity();
      // The app's own comments are output; another app's commands are answered by the review (refused).
      if (sender.login.toLowerCase() === me.botLogin.toLowerCase()) return;
      const client = new PullRequestClient(context.octokit, repo, runtime.retry);
      const env: ReviewEnv = { octokit: context.octokit, client, installationId: context.payload.installation?.id ?? 0, log, runtime };
      const result = await reviewPullRequest(env, issue.number, action === 'deleted' ? {} : { commentId: comment.id });
      if (action === 'deleted' || now.length === 0) return;
      const reply = commandReply(comment.id, now, result);
      await answer(client, issue.number, comment.id, reply, result.reply);
      const refused = reply.outcomes.filter((o) => o.refusal !== null).length;
      log.info({ decision: refused > 0 ? 'refused' : 'accepted', commands: now.length, refused }, 'commands answered');
    });
  };
}

/** React to the comment, and write the reply when something was refused (corrected in place on a redelivery). */
async function answer(client: PullRequestClient, number: number, commentId: number, reply: CommandReply, earlier: ReviewResult['reply']): Promise<void> {
  for (const reaction of reply.reactions) await client.react(commentId, reaction);
  if (reply.body === null) return;
  if (earlier === null) await client.createComment(number, reply.body);
  else if (earlier.body !== reply.body) await client.updateComment(earlier.id, reply.body);
}
