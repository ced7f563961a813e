import type { PolicyError } from './errors.js';
import { loadPolicy, POLICY_PATH } from './load.js';
import type { Policy } from './types.js';

/**
 * The policy in force (SPEC §3): the newest valid version of the policy file on the policy
 * repository's default branch. Plimsoll fails closed, so a caller always learns which of four
 * situations it is in:
 * - `none`: the organization has no policy file: no governance, the built-in rules only;
 * - `in-force`: a valid version applies (the current file, or an older one when the current file is
 *   invalid: then `errors` says why the current file did not take effect);
 * - `never-valid`: a policy file exists but no version of it ever validated: every review fails
 *   and says so, until ops fix the one file;
 * - `unreadable`: GitHub cannot be asked right now (5xx, rate limit, timeout, no access): nothing
 *   may pass; the caller waits and asks again.
 */
export type PolicyInForce =
  | { status: 'none'; policy: null; errors: null; reason: null; sha: null }
  | { status: 'in-force'; policy: Policy; errors: PolicyError[] | null; reason: string | null; sha: string | null }
  | { status: 'never-valid'; policy: null; errors: PolicyError[]; reason: string; sha: null }
  | { status: 'unreadable'; policy: null; errors: null; reason: string; sha: null; lasting?: boolean };

export type PolicyStatus = PolicyInForce['status'];

/** A valid version remembered between runs (memory, or Redis with `REDIS_URL`). */
export interface StoredPolicy {
  /** The file's text: validated again when read back, so a newer Plimsoll judges it by its rules. */
  text: string;
  /** Commit of the default branch it was read at, when known. */
  commit: string | null;
}

/** How the history is read; GitHub's side lives in src/github/policy-source.ts. */
export interface PolicyHistory {
  /** The file on the default branch now; null when there is none. */
  current(): Promise<string | null>;
  /** Commits of the default branch that changed the file, newest first, at most `limit`. */
  commits(limit: number): Promise<string[]>;
  /** The file at a commit; null when it did not exist there. */
  textAt(commit: string): Promise<string | null>;
}

/**
 * Something GitHub would not answer; `reason` says what, for people. Its status is 503 so retry
 * layers (the fan-out's queue, `withRetry`) treat it as what it is: worth asking again later.
 */
export class PolicyUnreadable extends Error {
  readonly status = 503;
  /** Waiting will not help (the app cannot see the policy repository): ops must act. */
  readonly lasting: boolean;
  constructor(
    readonly reason: string,
    options?: { cause?: unknown; lasting?: boolean },
  ) {
    super(reason, options);
    this.lasting = options?.lasting ?? false;
  }
}

/** Versions of the file looked at when the current one is invalid: one page of commits. */
export const HISTORY_LOOKBACK = 30;

/** A policy file larger than this is refused without being parsed. */
export const POLICY_SIZE_LIMIT = 1024 * 1024;

export type Validation = { ok: true; policy: Policy } | { ok: false; errors: PolicyError[] };

/** `loadPolicy`, refusing first what is not a text policy (too large, binary). */
export function validatePolicyText(text: string, path: string = POLICY_PATH): Validation {
  if (text.length > POLICY_SIZE_LIMIT) {
    return { ok: false, errors: [{ file: path, line: 1, column: 1, message: `the policy is ${text.length} characters long; the limit is ${POLICY_SIZE_LIMIT}` }] };
  }
  if (text.includes('\u0000')) return { ok: false, errors: [{ file: path, line: 1, column: 1, message: 'the policy is a binary file (it holds NUL bytes), not YAML text' }] };
  return loadPolicy(text, path);
}

export interface Resolution {
  state: PolicyInForce;
  /** What to remember as the last valid version; 'forget' when the file is gone; null: no change. */
  remember: StoredPolicy | 'forget' | null;
}

const short = (sha: string) => sha.slice(0, 7);

/**
 * Find the policy in force. One read when the current file is valid (or absent); otherwise the
 * file's history on the default branch, newest first, read until a version validates, at most
 * `lookback` versions (one page of commits). The remembered version (`stored`) saves reads: when
 * the history reaches its commit it is used as is, and it is the answer when the history cannot be
 * listed or the valid version lies beyond the lookback. A version deleted on the way ends the
 * search: the file was created again after it, and nothing before that counts.
 */
export async function resolvePolicyInForce(
  history: PolicyHistory,
  stored: StoredPolicy | null,
  options: { path?: string; lookback?: number } = {},
): Promise<Resolution> {
  const path = options.path ?? POLICY_PATH;
  const lookback = options.lookback ?? HISTORY_LOOKBACK;
  let text: string | null;
  try {
    text = await history.current();
  } catch (error) {
    return { state: unreadable(error), remember: null };
  }
  if (text === null) return { state: { status: 'none', policy: null, errors: null, reason: null, sha: null }, remember: 'forget' };

  const current = validatePolicyText(text, path);
  if (current.ok) {
    const commit = stored?.text === text ? stored.commit : null;
    const remember = stored?.text === text ? null : { text, commit: null };
    return { state: { status: 'in-force', policy: current.policy, errors: null, reason: null, sha: commit }, remember };
  }

  const errors = current.errors;
  const remembered = stored === null ? null : validatePolicyText(stored.text, path);
  const fromStore = (why: string): Resolution | null =>
    stored && remembered?.ok
      ? { state: { status: 'in-force', policy: remembered.policy, errors, reason: `${why}; the last valid version Plimsoll kept${stored.commit ? ` (commit ${short(stored.commit)})` : ''} stays in force`, sha: stored.commit }, remember: null }
      : null;

  let commits: string[];
  try {
    commits = await history.commits(lookback);
  } catch (error) {
    return fromStore(`the history of ${path} could not be read (${reasonOf(error)})`) ?? { state: unreadable(error), remember: null };
  }

  // The newest commit is the current version, already known to be invalid.
  for (const commit of commits.slice(1)) {
    if (stored && remembered?.ok && stored.commit === commit) {
      return { state: { status: 'in-force', policy: remembered.policy, errors, reason: `the current file is invalid; the version of commit ${short(commit)} stays in force`, sha: commit }, remember: null };
    }
    let older: string | null;
    try {
      older = await history.textAt(commit);
    } catch (error) {
      return fromStore(`${path} at commit ${short(commit)} could not be read (${reasonOf(error)})`) ?? { state: unreadable(error), remember: null };
    }
    if (older === null) break;
    const version = validatePolicyText(older, path);
    if (version.ok) {
      return {
        state: { status: 'in-force', policy: version.policy, errors, reason: `the current file is invalid; the version of commit ${short(commit)} stays in force`, sha: commit },
        remember: { text: older, commit },
      };
    }
  }

  const beyond = commits.length >= lookback;
  if (beyond) {
    const kept = fromStore(`none of the last ${lookback} versions of ${path} is valid`);
    if (kept) return kept;
  }
  const reason = beyond
    ? `none of the last ${lookback} versions of ${path} on the default branch is valid, and no older valid version is known`
    : `no version of ${path} on the default branch was ever valid`;
  return { state: { status: 'never-valid', policy: null, errors, reason, sha: null }, remember: null };
}

function reasonOf(error: unknown): string {
  return error instanceof PolicyUnreadable ? error.reason : error instanceof Error ? error.message : String(error);
}

function unreadable(error: unknown): PolicyInForce {
  const lasting = error instanceof PolicyUnreadable && error.lasting;
  return { status: 'unreadable', policy: null, errors: null, reason: reasonOf(error), sha: null, ...(lasting ? { lasting } : {}) };
}

/** One sentence for a check run or a comment: what the review ran with, or why it cannot pass. */
export function describePolicyInForce(state: PolicyInForce, where: string): string {
  switch (state.status) {
    case 'none':
      return `The organization has no policy (${where}): only the built-in rules apply.`;
    case 'in-force':
      return state.errors ? `The current policy file (${where}) is invalid and did not take effect: ${state.reason ?? 'the last valid version stays in force'}.` : `The policy in force is ${where}${state.sha ? ` at commit ${short(state.sha)}` : ''}.`;
    case 'never-valid':
      return `${where} exists, but ${state.reason}: every review fails until ops fix it.`;
    case 'unreadable':
      return `Waiting for the policy: ${where} cannot be read right now (${state.reason}).`;
  }
}
