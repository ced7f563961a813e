/**
 * What to do with a bump pull request, decided from what GitHub holds (read once per job) and what
 * the default branch needs (SPEC §7). Pure: the GitHub layer reads the state and carries out the
 * decision. Every write is skipped when the state already matches, so a job may run any number of
 * times (a retry, a restart, a recheck) and still open one pull request.
 */

/** The `plimsoll/<image>` branch, when it exists. */
export interface BranchState {
  /** GraphQL node id of the ref, to move it. */
  refId: string;
  /** Commit at the branch tip. */
  oid: string;
  /** Its first parent. */
  parentOid: string | null;
  /** Its message: carries the target trailer when Plimsoll wrote it. */
  message: string;
}

export interface ExistingPullRequest {
  /** GraphQL node id. */
  id: string;
  number: number;
  url: string;
  state: 'open' | 'closed' | 'merged';
  body: string;
  /** Label names (the state read asks for the first 20). */
  labels?: string[];
}

export interface RepositoryBumpState {
  /** GraphQL node id of the repository. */
  repositoryId: string;
  defaultBranch: string;
  /** Tip of the default branch: the base of a new commit. */
  baseOid: string;
  branch: BranchState | null;
  /** Pull requests whose head is the branch, newest first. */
  pullRequests: ExistingPullRequest[];
  /** The default branch's CODEOWNERS text (the first of GitHub's three places), when read. */
  codeowners?: string | null;
}

export type BumpDecision =
  | { action: 'none'; reason: 'nothing-to-do' | 'already-open' | 'declined' | 'merged' | 'max-open' | 'dry-run'; number?: number }
  /** Create the branch (or reset it when a stale one exists), commit, open, label. */
  | { action: 'open'; branchExists: boolean; commit: boolean }
  /** Move an open pull request to the new target: reset the branch onto the base, commit, retitle. */
  | { action: 'update'; number: number; commit: boolean }
  /** The default branch already has what the pull request proposes. */
  | { action: 'close'; number: number };

export interface DecisionInput {
  state: RepositoryBumpState;
  image: string;
  /** What the default branch needs (`20.11.1`, or `20.11.1, 20.11.1-alpine` over several files);
   *  null when the planner finds nothing to change. */
  target: string | null;
  /** More open Plimsoll pull requests may be created (policy `bumps.max-open`). */
  mayOpen: boolean;
  mode: 'open' | 'dry-run';
}

export function decideBump(input: DecisionInput): BumpDecision {
  const { state, image, target } = input;
  const open = state.pullRequests.find((pr) => pr.state === 'open');

  if (target === null) {
    if (open) return input.mode === 'dry-run' ? { action: 'none', reason: 'dry-run', number: open.number } : { action: 'close', number: open.number };
    return { action: 'none', reason: 'nothing-to-do' };
  }

  const branchReady = state.branch !== null && state.branch.parentOid === state.baseOid && targetOfCommit(state.branch.message, image) === target;
  if (open) {
    if (targetOfBody(open.body, image) === target) return { action: 'none', reason: 'already-open', number: open.number };
    if (input.mode === 'dry-run') return { action: 'none', reason: 'dry-run', number: open.number };
    return { action: 'update', number: open.number, commit: !branchReady };
  }

  const sameTarget = state.pullRequests.find((pr) => targetOfBody(pr.body, image) === target);
  // A person closed it unmerged: their answer for this target stands until the target moves.
  if (sameTarget?.state === 'closed' && !isSuperseded(sameTarget.body)) return { action: 'none', reason: 'declined', number: sameTarget.number };
  // Merged, yet the default branch still needs it (reverted, or a file was added): a new pull request.
  if (input.mode === 'dry-run') return { action: 'none', reason: 'dry-run' };
  if (!input.mayOpen) return { action: 'none', reason: 'max-open' };
  return { action: 'open', branchExists: state.branch !== null, commit: !branchReady };
}

const MARKER = /<!-- plimsoll:bump image=(\S+) target=(.*?) -->/;
const SUPERSEDED = '<!-- plimsoll:superseded -->';
const TRAILER = /^Plimsoll-Target: (\S+) (.+)$/m;

/** Hidden line at the end of a bump pull request body: which image and target it proposes. */
export function bodyMarker(image: string, target: string): string {
  return `<!-- plimsoll:bump image=${image} target=${target} -->`;
}

/** Appended when Plimsoll closes its own pull request, so it is not taken for a person's "no". */
export function supersededMarker(): string {
  return SUPERSEDED;
}

export function commitTrailer(image: string, target: string): string {
  return `Plimsoll-Target: ${image} ${target}`;
}

export function targetOfBody(body: string, image: string): string | null {
  const match = MARKER.exec(body);
  return match && match[1] === image ? (match[2] ?? null) : null;
}

/** The image and target a bump pull request's body says it proposes; null for any other body. */
export function bumpOfBody(body: string): { image: string; target: string } | null {
  const match = MARKER.exec(body);
  return match ? { image: match[1]!, target: match[2] ?? '' } : null;
}

export function isSuperseded(body: string): boolean {
  return body.includes(SUPERSEDED);
}

function targetOfCommit(message: string, image: string): string | null {
  const match = TRAILER.exec(message);
  return match && match[1] === image ? (match[2] ?? null) : null;
}
