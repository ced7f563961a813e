import { NO_RULES, type CheckRunFacts, type CommitFacts, type MergeInput, type MergeMethod, type PullFacts, type RequiredChecks, type StatusFacts } from './facts.js';
import { lookOf } from './refusal.js';

/**
 * Merge on green (SPEC §7): whether a bump pull request is merged now, waits, or is blocked and
 * why, from what GitHub holds. Pure. GitHub's branch protection stays the last word: the merge is
 * asked with the head SHA seen green, so a push in between fails it, and nothing here bypasses a
 * rule GitHub enforces.
 */

/** The label a person adds to keep Plimsoll from merging a bump pull request. */
export const HOLD_LABEL = 'plimsoll:hold';

export type Blocked =
  | { kind: 'closed' }
  | { kind: 'not-eligible' }
  | { kind: 'hold' }
  | { kind: 'person-pushed'; who: string[] }
  | { kind: 'changes-requested'; by: string[] }
  | { kind: 'draft' }
  | { kind: 'conflict' }
  | { kind: 'checks-failed'; checks: Array<{ name: string; conclusion: string }> }
  | { kind: 'checks-missing'; checks: Array<{ name: string; appId: number | null }> }
  /** A ruleset's `update` rule: only who may bypass it moves the branch; the app cannot merge. */
  | { kind: 'update-restricted'; sources: string[] }
  /** A ruleset's `pull_request` rule wants approving reviews: GitHub's auto-merge or a person merges, never the app itself. */
  | { kind: 'reviews-required'; count: number }
  /** GitHub refused the merge of the pull request as it still is (a rule Plimsoll could not read). */
  | { kind: 'refused'; message: string };

export type MergeVerdict =
  | { verdict: 'merge'; sha: string }
  /** Green, but the protection wants the branch up to date with its base first. */
  | { verdict: 'update'; sha: string }
  | { verdict: 'wait'; on: string[] }
  | { verdict: 'blocked'; reason: Blocked };

/** Blocks only a person can lift: Plimsoll stops merging, and turns off the auto-merge it enabled. */
export const WAITS_ON_A_PERSON: ReadonlySet<Blocked['kind']> = new Set(['hold', 'person-pushed', 'changes-requested', 'draft', 'conflict']);

export function decideMerge(input: MergeInput): MergeVerdict {
  const { pull, identity } = input;
  if (pull.state !== 'open') return blocked({ kind: 'closed' });
  if (!input.eligible) return blocked({ kind: 'not-eligible' });
  if (pull.labels.includes(HOLD_LABEL)) return blocked({ kind: 'hold' });

  const pushers = [
    ...pull.commits.filter((commit) => !isAppCommit(commit, identity.botLogin)).map(authorOf),
    ...pull.forcePushes.filter((actor) => !sameAccount(actor, identity.botLogin)).map((actor) => actor ?? 'a deleted account'),
  ];
  if (pull.commitsTruncated) pushers.push('more commits than Plimsoll writes');
  if (pushers.length > 0) return blocked({ kind: 'person-pushed', who: unique(pushers) });

  const changes = pull.reviews.filter((review) => review.state === 'CHANGES_REQUESTED').map((review) => review.author ?? 'a deleted account');
  if (changes.length > 0) return blocked({ kind: 'changes-requested', by: unique(changes) });
  if (pull.draft) return blocked({ kind: 'draft' });
  if (pull.mergeState === 'dirty') return blocked({ kind: 'conflict' });

  const rules = input.required?.rules ?? NO_RULES;
  if (rules.updateRestricted) return blocked({ kind: 'update-restricted', sources: rules.sources });

  const checks = input.required && input.required.checks.length > 0 ? requiredOutcome(pull, input.required) : everyCheckOutcome(pull, identity.appId);
  if (checks.failed.length > 0) return blocked({ kind: 'checks-failed', checks: checks.failed });
  if (checks.missing.length > 0) return blocked({ kind: 'checks-missing', checks: checks.missing });
  // Counting approvals as GitHub does (code owners, stale reviews, the last push) is GitHub's job: its auto-merge, or a person.
  if (rules.approvingReviews > 0) return blocked({ kind: 'reviews-required', count: rules.approvingReviews });
  if (checks.pending.length > 0) return { verdict: 'wait', on: checks.pending };
  if (!checks.othersPassed) return { verdict: 'wait', on: [] };
  if (pull.mergeState === 'behind') return { verdict: 'update', sha: pull.headSha };
  if (input.refused && input.refused.seen === lookOf(pull)) return blocked({ kind: 'refused', message: input.refused.message });
  return { verdict: 'merge', sha: pull.headSha };
}

function blocked(reason: Blocked): MergeVerdict {
  return { verdict: 'blocked', reason };
}

/**
 * A commit the app made: GitHub signed it (so its author is who GitHub says, not what a pusher
 * typed into git), GitHub committed it, and its author is the app's bot. Anything else, a
 * person's commit or another app's, is someone else pushing to the branch.
 */
export function isAppCommit(commit: CommitFacts, botLogin: string): boolean {
  return commit.signedByGitHub && commit.committerEmail?.toLowerCase() === 'noreply@github.com' && sameAccount(loginOfEmail(commit.authorEmail), botLogin);
}

function loginOfEmail(email: string | null): string | null {
  return /^(?:\d+\+)?([^@\s]+)@users\.noreply\.github\.com$/i.exec(email ?? '')?.[1] ?? null;
}

/** GraphQL names a bot `plimsoll`, REST `plimsoll[bot]`. */
export function sameAccount(login: string | null, botLogin: string): boolean {
  const strip = (text: string) => text.toLowerCase().replace(/\[bot\]$/, '');
  return login !== null && strip(login) === strip(botLogin);
}

function authorOf(commit: CommitFacts): string {
  return loginOfEmail(commit.authorEmail) ?? commit.authorEmail ?? commit.sha.slice(0, 7);
}

type Outcome = 'pass' | 'pending' | 'fail';
const PASSING = new Set(['success', 'neutral', 'skipped']);

function runOutcome(run: CheckRunFacts): Outcome {
  if (run.status !== 'completed') return 'pending';
  return PASSING.has(run.conclusion ?? '') ? 'pass' : 'fail';
}

function statusOutcome(status: StatusFacts): Outcome {
  return status.state === 'success' ? 'pass' : status.state === 'pending' ? 'pending' : 'fail';
}

interface ChecksOutcome {
  failed: Array<{ name: string; conclusion: string }>;
  /** Still running, or not reported yet while what could report it still works. */
  pending: string[];
  /** Not reported, and what could report it has finished. */
  missing: Array<{ name: string; appId: number | null }>;
  /** At least one check of another app, or a status, passed. */
  othersPassed: boolean;
}

/**
 * The checks the protection requires, each from the source it names: a required check bound to
 * an app counts only that app's check runs (a check run or a status of the same name from anyone
 * else is not it); an unbound one counts every check run and status of that name, and all of them
 * must pass. A required check nobody reported waits while whoever could report it still works (a
 * job may start when another ends), and is missing once that work has finished: the bound app's
 * check suites on the head, or for an unbound one every suite and status.
 */
function requiredOutcome(pull: PullFacts, required: RequiredChecks): ChecksOutcome {
  const out: ChecksOutcome = { failed: [], pending: [], missing: [], othersPassed: true };
  for (const check of required.checks) {
    const bound = check.appId !== null && check.appId !== -1;
    const runs = pull.checkRuns.filter((run) => run.name === check.context && (!bound || run.appId === check.appId));
    const statuses = bound ? [] : (pull.statuses ?? []).filter((status) => status.context === check.context);
    const outcomes = [...runs.map(runOutcome), ...statuses.map(statusOutcome)];
    if (outcomes.includes('fail')) out.failed.push({ name: check.context, conclusion: failedConclusion(runs, statuses) });
    else if (outcomes.includes('pending')) out.pending.push(check.context);
    else if (outcomes.length > 0) continue;
    else if (finished(pull, bound ? check.appId : null)) out.missing.push({ name: check.context, appId: bound ? check.appId : null });
    else out.pending.push(bound ? `${check.context} (from the GitHub App with id ${check.appId})` : check.context);
  }
  return out;
}

/** The work that could report a check is over: the app's suites (every suite, and every status, when any may report it) have all completed. */
function finished(pull: PullFacts, appId: number | null): boolean {
  const suites = pull.suites.filter((suite) => appId === null || suite.appId === appId);
  if (suites.length === 0 || suites.some((suite) => !suite.completed)) return false;
  return appId !== null || !(pull.statuses ?? []).some((status) => status.state === 'pending');
}

/**
 * No check is required (an unprotected branch): every check run and status on the head must
 * pass, and one of another app must have: as Renovate, Plimsoll does not merge what nothing tested.
 */
function everyCheckOutcome(pull: PullFacts, appId: number): ChecksOutcome {
  const others = [...pull.checkRuns.filter((run) => run.appId !== appId).map(runOutcome), ...(pull.statuses ?? []).map(statusOutcome)];
  const out: ChecksOutcome = { failed: [], pending: [], missing: [], othersPassed: others.includes('pass') };
  for (const run of pull.checkRuns) {
    const outcome = runOutcome(run);
    if (outcome === 'fail') out.failed.push({ name: run.name, conclusion: run.conclusion ?? 'failure' });
    if (outcome === 'pending') out.pending.push(run.name);
  }
  for (const status of pull.statuses ?? []) {
    const outcome = statusOutcome(status);
    if (outcome === 'fail') out.failed.push({ name: status.context, conclusion: status.state });
    if (outcome === 'pending') out.pending.push(status.context);
  }
  return out;
}

function failedConclusion(runs: readonly CheckRunFacts[], statuses: readonly StatusFacts[]): string {
  const run = runs.find((r) => runOutcome(r) === 'fail');
  if (run) return run.conclusion ?? 'failure';
  return statuses.find((s) => statusOutcome(s) === 'fail')?.state ?? 'failure';
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** What to write to GitHub for a verdict. */
export type MergeStep =
  | { step: 'merge'; sha: string; method: MergeMethod }
  | { step: 'update-branch'; sha: string }
  | { step: 'enable-auto-merge'; sha: string; method: MergeMethod }
  | { step: 'disable-auto-merge' }
  | { step: 'none' };

/** Squash keeps the base's history one commit per bump; then a merge commit; then a rebase. */
const METHOD_ORDER: readonly MergeMethod[] = ['squash', 'merge', 'rebase'];

export function mergeMethodFor(allowed: readonly MergeMethod[]): MergeMethod | null {
  return METHOD_ORDER.find((method) => allowed.includes(method)) ?? null;
}

/**
 * The write a verdict asks for. GitHub's own auto-merge is enabled while the checks run where the
 * repository allows it and the protection has requirements to wait for (GitHub refuses it
 * otherwise); then GitHub merges, and the app only watches. Without it the app merges on the event
 * that completes the head. A block only a person can lift turns off the auto-merge the app enabled
 * (GitHub keeps it on when someone with write access pushes); one a person enabled is theirs.
 */
export function planMergeStep(verdict: MergeVerdict, pull: PullFacts, required: RequiredChecks | null, botLogin: string): MergeStep {
  const rules = required?.rules ?? NO_RULES;
  const method = mergeMethodFor(rules.methods === null ? pull.repository.methods : pull.repository.methods.filter((m) => rules.methods!.includes(m)));
  const ours = pull.autoMerge !== null && sameAccount(pull.autoMerge.enabledBy, botLogin);
  // With a merge queue, GitHub's auto-merge ("merge when ready") is how a pull request joins the queue.
  const enable: MergeStep = pull.autoMerge === null && method !== null ? { step: 'enable-auto-merge', sha: pull.headSha, method } : { step: 'none' };
  switch (verdict.verdict) {
    case 'merge':
      if (rules.mergeQueue) return enable;
      return pull.autoMerge || method === null ? { step: 'none' } : { step: 'merge', sha: verdict.sha, method };
    case 'update':
      return { step: 'update-branch', sha: verdict.sha };
    case 'wait': {
      const gitHubCanWait = (pull.repository.autoMergeAllowed || rules.mergeQueue) && required !== null && required.protected && (required.checks.length > 0 || rules.mergeQueue);
      return gitHubCanWait ? enable : { step: 'none' };
    }
    case 'blocked':
      if (ours && (WAITS_ON_A_PERSON.has(verdict.reason.kind) || verdict.reason.kind === 'not-eligible')) return { step: 'disable-auto-merge' };
      if (verdict.reason.kind === 'reviews-required' && (pull.repository.autoMergeAllowed || rules.mergeQueue)) return enable;
      return { step: 'none' };
  }
}
