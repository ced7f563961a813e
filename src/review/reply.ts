import { inertMarkdown } from '../markdown/inert.js';
import { describeTarget, type CommandOutcome } from './approvals.js';
import type { Command } from './commands.js';

/** Marks the app's reply to comment `commentId`, so a redelivery edits it instead of posting again. */
export const REPLY_MARKER = (commentId: number) => `<!-- plimsoll:reply ${commentId} -->`;

/** What the review made of a comment's commands; `outcomes` is empty when it did not read them. */
export interface ReviewedCommands {
  skipped: 'closed' | 'stale' | 'no-definitions' | null;
  /** Set when the review could not finish. */
  error?: string;
  outcomes: CommandOutcome[];
}

export interface CommandReply {
  /** What became of each command, in order. */
  outcomes: CommandOutcome[];
  /** 👍 when something took effect, 😕 when something was refused. */
  reactions: Array<'+1' | 'confused'>;
  /** The reply saying why each refused command was refused; null when none was. */
  body: string | null;
}

/**
 * The answer to a comment's `/plimsoll` commands (SPEC §6), pure. The review answers for comments
 * it read; when it could not (no container definition, a closed pull request, an error), every
 * grant is refused with that reason.
 */
export function commandReply(commentId: number, commands: readonly Command[], review: ReviewedCommands): CommandReply {
  const outcomes = review.outcomes.length > 0 ? review.outcomes : unread(commands, review);
  const refused = outcomes.filter((o) => o.refusal !== null);
  const reactions: CommandReply['reactions'] = [];
  if (outcomes.some((o) => o.refusal === null)) reactions.push('+1');
  if (refused.length === 0) return { outcomes, reactions, body: null };
  reactions.push('confused');
  const body = [
    REPLY_MARKER(commentId),
    `Plimsoll did not accept ${refused.length === 1 ? 'a command' : `${refused.length} commands`} of comment ${commentId}:`,
    '',
    ...refused.map((o) => `- ${inertMarkdown(describe(o.command), { max: 200 })}: ${inertMarkdown(o.refusal!, { max: 500 })}`),
  ].join('\n');
  return { outcomes, reactions, body };
}

function unread(commands: readonly Command[], review: ReviewedCommands): CommandOutcome[] {
  const why =
    review.skipped === 'no-definitions'
      ? 'this pull request changes no container definition'
      : review.skipped === 'closed'
        ? 'the pull request is closed'
        : review.error !== undefined
          ? `the review could not finish: ${review.error}`
          : null;
  return commands.map((command) => ({
    command,
    refusal: command.kind === 'invalid' ? command.problem : command.kind === 'recheck' || why === null ? null : why,
  }));
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
