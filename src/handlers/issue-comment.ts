import type { Context } from 'probot';
import { loadPolicyForInstallation } from '../github/client.js';
import { PullRequestClient } from '../github/pulls.js';
import { describeTarget } from '../review/approvals.js';
import { parseCommands, type Command } from '../review/commands.js';
import { inBackground, reviewPullRequest, type AppOptions, type CommandBatch, type ReviewEnv } from './review.js';

type CommentEvent = Context<'issue_comment.created' | 'issue_comment.edited'>;
type Grant = Extract<Command, { kind: 'approve' | 'revoke' }>;

/**
 * `/plimsoll approve|revoke|recheck` on a pull request (SPEC §6). The webhook is answered once the
 * comment is parsed; checks, the review and the reply run in the background.
 */
export function onIssueComment(options: AppOptions) {
  return async (context: CommentEvent): Promise<void> => {
    const { comment, issue } = context.payload;
    if (!issue.pull_request) return;
    const commands = parseCommands(comment.body ?? '');
    const before = context.payload.action === 'edited' ? parseCommands(context.payload.changes.body?.from ?? '') : [];
    if (commands.length === 0 && before.length === 0) return;
    const log = context.log.child({ delivery: context.id, event: `issue_comment.${context.payload.action}`, repo: `${context.repo().owner}/${context.repo().repo}`, pr: issue.number, comment: comment.id });
    inBackground(options, log, 'Reading the `/plimsoll` command', () => handleCommands(context, options, commands, log));
  };
}

async function handleCommands(context: CommentEvent, options: AppOptions, commands: Command[], log: CommentEvent['log']): Promise<void> {
  const { comment, issue, sender } = context.payload;

  const repo = context.repo();
  const client = new PullRequestClient(context.octokit, repo, options.retry);
  const author = comment.user?.login ?? '';
  const env: ReviewEnv = { octokit: context.octokit, client, installationId: context.payload.installation?.id ?? 0, log, options };
  const reply = (lines: string[]) => client.createComment(issue.number, [`@${sender.login}`, '', ...lines].join('\n'));

  if (context.payload.action === 'edited') {
    const pr = await client.getPull(issue.number);
    const target = pullTarget(pr);
    if (sender.login !== author) {
      // Someone changed another person's command after the fact: keep it on record.
      const note = `@${sender.login} edited a \`/plimsoll\` comment written by @${author} (comment ${comment.id}); approvals from it were withdrawn`;
      log.warn({ audit: { editor: sender.login, author, commentId: comment.id, from: context.payload.changes.body?.from ?? null } }, 'approval comment edited by someone else');
      await reviewPullRequest(env, target, { dropComment: comment.id, audit: note });
      return;
    }
    await reviewPullRequest(env, target, { dropComment: comment.id });
    await reply(['Edited comments are not accepted as `/plimsoll` commands (approvals from this comment, if any, were withdrawn). Please write a new comment.']);
    return;
  }

  if (comment.user?.type === 'Bot') {
    log.info({ decision: 'refused', why: 'bot' }, 'command from a bot');
    await reply(['Commands from bots are not accepted: an exception needs a person from the ops team.']);
    return;
  }

  const refusals: string[] = [];
  for (const c of commands) if (c.kind === 'invalid') refusals.push(`\`${c.text}\`: ${c.problem}`);
  const grants = commands.filter((c): c is Grant => c.kind === 'approve' || c.kind === 'revoke');
  const recheck = commands.some((c) => c.kind === 'recheck');
  let accepted = 0;

  const pr = await client.getPull(issue.number);
  const target = pullTarget(pr);
  let cleared: Grant[] = [];
  if (grants.length > 0) {
    const why = await refuseGrant(env, author, target.author);
    if (why) for (const g of grants) refusals.push(`\`${g.kind} ${describeTarget(g)}\`: ${why}`);
    else cleared = grants;
  }
  if (cleared.length > 0 || recheck) {
    const batch: CommandBatch | undefined = cleared.length > 0 ? { commentId: comment.id, by: author, commands: cleared } : undefined;
    const result = await reviewPullRequest(env, target, batch ? { commands: batch } : {});
    result.outcomes.forEach((outcome, i) => {
      if (outcome === null) accepted++;
      else refusals.push(`\`${cleared[i]!.kind} ${describeTarget(cleared[i]!)}\`: ${outcome}`);
    });
    if (result.skipped) for (const g of cleared) refusals.push(`\`${g.kind} ${describeTarget(g)}\`: this pull request changes no container definition`);
    if (result.error) refusals.push(`the review could not finish: ${result.error}`);
    if (recheck) accepted++;
  }
  log.info({ decision: refusals.length > 0 ? 'refused' : 'accepted', accepted, refused: refusals.length }, 'commands read');
  if (accepted > 0) await client.react(comment.id, '+1');
  if (refusals.length > 0) await reply(['Plimsoll did not accept:', ...refusals.map((r) => `- ${r}`)]);
}

/** Null when the commenter may grant exceptions; else the reason, for the reply. */
async function refuseGrant(env: ReviewEnv, commenter: string, pullAuthor: string): Promise<string | null> {
  const { policy } = await loadPolicyForInstallation(env.octokit, env.installationId, env.client.repo.owner, {
    ...env.options.retry,
    ...(env.options.policyRepo ? { policyRepo: env.options.policyRepo } : {}),
  });
  const team = policy?.ops.team ?? null;
  if (!policy || team === null) return 'the policy names no `ops.team`, so nobody can approve exceptions';
  if (commenter === pullAuthor && !policy.ops.selfApproval) return 'the author of a pull request cannot approve its exceptions (the policy sets `self-approval: false`)';
  if (!(await env.client.isTeamMember(team, commenter))) return `only members of @${env.client.repo.owner}/${team} can approve or revoke exceptions`;
  return null;
}

function pullTarget(pr: { number: number; head: { sha: string }; user: { login: string } | null; requested_teams?: Array<{ slug?: string }> | null }) {
  return {
    number: pr.number,
    headSha: pr.head.sha,
    author: pr.user?.login ?? '',
    requestedTeams: (pr.requested_teams ?? []).flatMap((t) => (t.slug ? [t.slug] : [])),
  };
}
