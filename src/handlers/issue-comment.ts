import type { Context } from 'probot';
import { PullRequestClient } from '../github/pulls.js';
import { isPolicyRepository } from '../config/location.js';
import { describeTarget, type CommandOutcome } from '../review/approvals.js';
import { parseCommands, type Command } from '../review/commands.js';
import { inertMarkdown } from '../markdown/inert.js';
import type { Runtime } from '../runtime.js';
import type { FanOutService } from './fanout.js';
import { inBackground, REPLY_MARKER, reviewPullRequest, type ReviewEnv, type ReviewResult } from './review.js';

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
      await answer(client, issue.number, comment.id, outcomesOf(now, result), result.reply);
      const refused = outcomesOf(now, result).filter((o) => o.refusal !== null).length;
      log.info({ decision: refused > 0 ? 'refused' : 'accepted', commands: now.length, refused }, 'commands answered');
    });
  };
}

/**
 * What became of each command. The review answers for comments it read; when it could not (no
 * container definition, a closed pull request, an error), every grant is refused with that reason.
 */
function outcomesOf(commands: readonly Command[], result: ReviewResult): CommandOutcome[] {
  if (result.outcomes.length > 0) return result.outcomes;
  const why =
    result.skipped === 'no-definitions'
      ? 'this pull request changes no container definition'
      : result.skipped === 'closed'
        ? 'the pull request is closed'
        : result.error !== undefined
            ? `the review could not finish: ${result.error}`
            : null;
  return commands.map((command) => ({
    command,
    refusal: command.kind === 'invalid' ? command.problem : command.kind === 'recheck' || why === null ? null : why,
  }));
}

async function answer(client: PullRequestClient, number: number, commentId: number, outcomes: CommandOutcome[], earlier: ReviewResult['reply']): Promise<void> {
  const refused = outcomes.filter((o) => o.refusal !== null);
  if (outcomes.some((o) => o.refusal === null)) await client.react(commentId, '+1');
  if (refused.length === 0) return;
  await client.react(commentId, 'confused');
  const body = [
    REPLY_MARKER(commentId),
    `Plimsoll did not accept ${refused.length === 1 ? 'a command' : `${refused.length} commands`} of comment ${commentId}:`,
    '',
    ...refused.map((o) => `- ${inertMarkdown(describe(o.command), { max: 200 })}: ${inertMarkdown(o.refusal!, { max: 500 })}`),
  ].join('\n');
  if (earlier === null) await client.createComment(number, body);
  else if (earlier.body !== body) await client.updateComment(earlier.id, body);
}

/** A command as the reply names it: never the raw text of the comment. */
function describe(command: Command): string {
  switch (command.kind) {
    case 'approve':
    case 'revoke':
      return `${command.kind} ${describeTarget(command)}`;
    case 'recheck':
      return 'recheck';
    case 'invalid':
      return 'a command that could not be read';
  }
}
