import { parseCommands, scopeToKnownFile, type Command, type Target } from './commands.js';

/**
 * Exceptions approved by comment (SPEC §6), recomputed at every review from GitHub's own record of
 * the pull request's comments, as policy-bot does: who wrote each comment, when, whether it was
 * edited and by whom, and whether its author is in the ops team now. Nothing the app wrote is read
 * back: the summary comment is output only. Pure: the GitHub layer fetches comments, membership
 * and the findings at older heads; this module decides.
 */

/** One pull request comment as GitHub records it. */
export interface RecordedComment {
  id: number;
  body: string;
  author: string;
  /** The author is a bot or an app (`Bot` in GitHub's user type). */
  authorIsBot: boolean;
  /** ISO time GitHub created the comment (server time). */
  createdAt: string;
  /** ISO time of the last edit, or null when never edited. */
  editedAt: string | null;
  /** Who made the last edit; null when never edited or unknown. */
  editor: string | null;
}

/** What an approval binds to: a finding as it stood (SPEC §6: code, file and the instruction's text). */
export interface FindingIdentity {
  code: string;
  file: string;
  line: number;
  endLine?: number;
  /** The instruction's text, and for an image the reference it resolved to. */
  instruction: string;
}

/** An exception in force. */
export interface Approval {
  code: string;
  file: string;
  /** Where the finding stood when approved (a revoke may name the line). */
  line: number;
  endLine: number;
  instruction: string;
  by: string;
  reason: string;
  commentId: number;
}

export type Grant = Extract<Command, { kind: 'approve' | 'revoke' }>;

/** Who may grant exceptions on this pull request. */
export interface ApproverRules {
  /** The policy's `ops.team`; null: nobody may approve. */
  team: string | null;
  selfApproval: boolean;
  pullAuthor: string;
}

/** A comment's commands, screened for what needs no lookup (bots, edits, the author, syntax). */
export interface ScreenedComment {
  comment: RecordedComment;
  commands: Command[];
  /** Why none of its grants count, when that is known before membership is asked. */
  refusal: string | null;
  /** Someone other than its author edited a comment that carries commands: shown and logged. */
  tampered: boolean;
}

/** Read every comment's commands and refuse what can be refused without asking GitHub. */
export function screenComments(comments: readonly RecordedComment[], rules: ApproverRules, files: readonly string[]): ScreenedComment[] {
  const screened: ScreenedComment[] = [];
  for (const comment of [...comments].sort(byCreation)) {
    const commands = parseCommands(comment.body, files).map((c) => scopeToKnownFile(c, files));
    if (commands.length === 0) continue;
    const tampered = comment.editedAt !== null && comment.editor !== null && comment.editor.toLowerCase() !== comment.author.toLowerCase();
    screened.push({ comment, commands, refusal: grantRefusal(comment, rules), tampered });
  }
  return screened;
}

function grantRefusal(comment: RecordedComment, rules: ApproverRules): string | null {
  if (comment.authorIsBot) return 'commands from bots are not accepted: an exception needs a person from the ops team';
  if (comment.editedAt !== null) return 'the comment was edited after it was written; edited comments are not accepted, please write a new comment';
  if (rules.team === null) return 'the policy names no `ops.team`, so nobody can approve exceptions';
  if (same(comment.author, rules.pullAuthor) && !rules.selfApproval) {
    return 'the author of a pull request cannot approve its exceptions (the policy sets `self-approval: false`)';
  }
  return null;
}

/** The people whose team membership the evaluation needs: one lookup each, whatever their number of comments. */
export function approversToCheck(screened: readonly ScreenedComment[]): string[] {
  const logins = new Map<string, string>();
  for (const { comment, commands, refusal } of screened) {
    if (refusal === null && commands.some(isGrant)) logins.set(comment.author.toLowerCase(), comment.author);
  }
  return [...logins.values()];
}

/** Per command, in order: null when it took effect, else why not (for the reply). */
export type CommandOutcome = { command: Command; refusal: string | null };

export interface ApprovalEvaluation {
  approvals: Approval[];
  outcomes: Map<number, CommandOutcome[]>;
  /** Comments edited by someone other than their author, as sentences for the summary. */
  tampering: Array<{ commentId: number; author: string; editor: string }>;
  /** The ops team cannot be seen by the app (no such team, or no Members: read): nobody's grant counts. */
  teamNotVisible: boolean;
}

export interface ApprovalInputs {
  screened: readonly ScreenedComment[];
  rules: ApproverRules;
  /** Team membership asked of GitHub during this evaluation, by login (lower case). */
  members: ReadonlyMap<string, boolean>;
  /** False when GitHub says the team itself cannot be seen; the refusals then say so. */
  teamVisible?: boolean;
  /**
   * The findings as they stood at the head a comment was written against; null when that head is
   * not known (then the comment approves nothing: an approval never reaches a later push).
   */
  findingsFor(comment: RecordedComment): readonly FindingIdentity[] | null;
}

/**
 * Apply every comment's grants in the order they were written. An approval covers the findings it
 * names at the head its comment was written against, bound to their code, file and instruction; a
 * revoke withdraws earlier approvals it names.
 */
export function evaluateApprovals(inputs: ApprovalInputs): ApprovalEvaluation {
  let approvals: Approval[] = [];
  const outcomes = new Map<number, CommandOutcome[]>();
  const tampering: ApprovalEvaluation['tampering'] = [];
  for (const { comment, commands, refusal, tampered } of inputs.screened) {
    if (tampered) tampering.push({ commentId: comment.id, author: comment.author, editor: comment.editor! });
    const notMember =
      inputs.teamVisible === false
        ? `the app cannot see the ops team (${inputs.rules.team}), so no approval counts: ops must check \`ops.team\` in the policy and grant the app the Members: read permission`
        : `only members of the ops team (${inputs.rules.team}) can approve or revoke exceptions`;
    const why = refusal ?? (commands.some(isGrant) && inputs.members.get(comment.author.toLowerCase()) !== true ? notMember : null);
    const results: CommandOutcome[] = [];
    for (const command of commands) {
      if (command.kind === 'invalid') results.push({ command, refusal: command.problem });
      else if (command.kind === 'recheck') results.push({ command, refusal: null });
      else if (why !== null) results.push({ command, refusal: why });
      else if (command.kind === 'revoke') {
        const kept = approvals.filter((a) => !names(command, a));
        results.push({ command, refusal: kept.length === approvals.length ? `there is no approval of ${describeTarget(command)} to revoke` : null });
        approvals = kept;
      } else {
        const named = (inputs.findingsFor(comment) ?? []).filter((f) => matches(command, f));
        if (named.length === 0) {
          results.push({ command, refusal: `there is no ${describeTarget(command)} finding in this pull request to approve (as it stood when the comment was written)` });
          continue;
        }
        approvals = approvals.filter((a) => !named.some((f) => binds(a, f)));
        for (const f of named) {
          approvals.push({ code: f.code, file: f.file, line: f.line, endLine: f.endLine ?? f.line, instruction: f.instruction, by: comment.author, reason: command.reason, commentId: comment.id });
        }
        results.push({ command, refusal: null });
      }
    }
    outcomes.set(comment.id, results);
  }
  return { approvals, outcomes, tampering, teamNotVisible: inputs.teamVisible === false };
}

/** The approval that covers a finding as it stands now, if any. */
export function approvalOf(approvals: readonly Approval[], finding: FindingIdentity): Approval | null {
  return approvals.find((a) => binds(a, finding)) ?? null;
}

export function describeTarget(target: Target): string {
  const code = target.code === 'all' ? 'any' : target.code;
  if (target.file === null) return code;
  return `${code} ${target.file}${target.line === null ? '' : `:${target.line}`}`;
}

function matches(target: Target, f: FindingIdentity): boolean {
  return (
    (target.code === 'all' || f.code === target.code) &&
    (target.file === null || f.file === target.file) &&
    (target.line === null || (f.line <= target.line && target.line <= (f.endLine ?? f.line)))
  );
}

function names(target: Target, a: Approval): boolean {
  return matches(target, { code: a.code, file: a.file, line: a.line, endLine: a.endLine, instruction: a.instruction });
}

function binds(a: Pick<Approval, 'code' | 'file' | 'instruction'>, f: Pick<FindingIdentity, 'code' | 'file' | 'instruction'>): boolean {
  return a.code === f.code && a.file === f.file && a.instruction === f.instruction;
}

function isGrant(command: Command): command is Grant {
  return command.kind === 'approve' || command.kind === 'revoke';
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function byCreation(a: RecordedComment, b: RecordedComment): number {
  return Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id;
}
