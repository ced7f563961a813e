import { activeRules, RULE_VIOLATION, rulesetChecks } from './rulesets.js';
import type { BranchProtection, CheckRun, CommitStatus, GitHubState, MergeMethod, PullRequest, RepoSettings, Repository, Review, User } from './state.js';

/**
 * How GitHub merges: branch protection's required status checks (each from the app it names, or
 * any source), `strict` (up to date with the base), the merge methods a repository allows,
 * auto-merge that merges once the requirements pass, reviews, commit statuses, and "Update
 * branch". Behaviour over `GitHubState`'s data, kept apart from it.
 */

export const DEFAULT_SETTINGS: RepoSettings = { allowAutoMerge: false, allowMergeCommit: true, allowSquashMerge: true, allowRebaseMerge: true };

export function settingsOf(repo: Repository): RepoSettings {
  return repo.settings ?? DEFAULT_SETTINGS;
}

export function protectionOf(repo: Repository, branch: string): BranchProtection | null {
  return repo.protection?.get(branch) ?? null;
}

/** Protect `branch` with required status checks (`appId` null: any source). */
export function protectBranch(repo: Repository, branch: string, protection: { checks: Array<{ context: string; appId?: number | null }>; strict?: boolean }): BranchProtection {
  const value: BranchProtection = { checks: protection.checks.map((c) => ({ context: c.context, appId: c.appId ?? null })), strict: protection.strict ?? false };
  (repo.protection ??= new Map()).set(branch, value);
  return value;
}

const PASSING = new Set(['success', 'neutral', 'skipped']);

/** The newest check run per (app, name) on `sha`: a re-run replaces the run it re-ran. */
export function latestRuns(state: GitHubState, repo: Repository, sha: string): CheckRun[] {
  const latest = new Map<string, CheckRun>();
  for (const run of state.checkRunsOf(repo.name)) if (run.headSha === sha) latest.set(`${run.appId}:${run.name}`, run);
  return [...latest.values()];
}

/** The newest status per context on `sha` (the combined status). */
export function latestStatuses(state: GitHubState, repo: Repository, sha: string): CommitStatus[] {
  const latest = new Map<string, CommitStatus>();
  for (const status of state.statuses) if (status.repo.toLowerCase() === repo.name.toLowerCase() && status.sha === sha) latest.set(status.context, status);
  return [...latest.values()];
}

type Requirement = { context: string; outcome: 'passing' | 'failing' | 'expected' };

/**
 * Each required check as GitHub judges it for a merge: only reports from the app it is bound to
 * count (a check run, or a status that app's installation set); with `app_id` null or -1, any.
 */
function requirements(state: GitHubState, repo: Repository, protection: Pick<BranchProtection, 'checks'>, sha: string): Requirement[] {
  const runs = latestRuns(state, repo, sha);
  const statuses = latestStatuses(state, repo, sha);
  return protection.checks.map(({ context, appId }) => {
    const bound = appId !== null && appId !== -1;
    const reports = [
      ...runs.filter((run) => run.name === context && (!bound || run.appId === appId)).map((run) => (run.status !== 'completed' ? 'pending' : PASSING.has(run.conclusion ?? '') ? 'pass' : 'fail')),
      ...statuses.filter((status) => status.context === context && (!bound || status.appId === appId)).map((status) => (status.state === 'success' ? 'pass' : status.state === 'pending' ? 'pending' : 'fail')),
    ];
    const outcome = reports.includes('fail') ? 'failing' : reports.length === 0 || reports.includes('pending') ? 'expected' : 'passing';
    return { context, outcome };
  });
}

/** Why GitHub would refuse to merge `pr` now (405's message), or null when it would merge. */
export function mergeRefusal(state: GitHubState, repo: Repository, pr: PullRequest): string | null {
  if (pr.state !== 'open' || pr.pull.merged) return 'Pull Request is not mergeable';
  if (pr.pull.draft) return 'Pull Request is still a draft';
  const protection = protectionOf(repo, pr.pull.base);
  const head = state.headSha(repo, pr);
  if (protection) {
    for (const requirement of requirements(state, repo, protection, head)) {
      if (requirement.outcome === 'failing') return `Required status check "${requirement.context}" is failing.`;
      if (requirement.outcome === 'expected') return `Required status check "${requirement.context}" is expected.`;
    }
  }
  const ruleset = rulesetRefusal(state, repo, pr, head);
  if (ruleset) return ruleset;
  if ((protection?.strict || rulesetStrict(state, repo, pr.pull.base)) && !state.isAncestor(repo.branches.get(pr.pull.base)!, head)) return 'Head branch is out of date. Update the branch and try again.';
  return null;
}

/** The active rulesets' rules a merge by an app (which may not bypass them) breaks, as GitHub words it. */
function rulesetRefusal(state: GitHubState, repo: Repository, pr: PullRequest, head: string): string | null {
  const rules = activeRules(state, repo, pr.pull.base);
  if (rules.length === 0) return null;
  const violations: string[] = [];
  if (rules.some(({ rule }) => rule.type === 'update')) violations.push('Cannot update this protected ref.');
  if (rules.some(({ rule }) => rule.type === 'merge_queue')) violations.push('Changes must be made through the merge queue');
  const reviews = Math.max(0, ...rules.filter(({ rule }) => rule.type === 'pull_request').map(({ rule }) => Number(rule.parameters?.required_approving_review_count ?? 0)));
  const approvals = latestOpinionatedReviews(pr).filter((review) => review.state === 'APPROVED').length;
  if (approvals < reviews) violations.push(`${reviews === 1 ? 'At least 1 approving review is' : `At least ${reviews} approving reviews are`} required by reviewers with write access.`);
  for (const requirement of requirements(state, repo, { checks: rulesetChecks(rules) }, head)) {
    if (requirement.outcome === 'failing') violations.push(`Required status check "${requirement.context}" is failing.`);
    if (requirement.outcome === 'expected') violations.push(`Required status check "${requirement.context}" is expected.`);
  }
  return violations.length === 0 ? null : `${RULE_VIOLATION}\n\n${violations.join('\n')}\n`;
}

function rulesetStrict(state: GitHubState, repo: Repository, branch: string): boolean {
  return activeRules(state, repo, branch).some(({ rule }) => rule.type === 'required_status_checks' && rule.parameters?.strict_required_status_checks_policy === true);
}

/** GraphQL's `mergeStateStatus`. */
export function mergeStateStatus(state: GitHubState, repo: Repository, pr: PullRequest): string {
  if (pr.state !== 'open') return 'UNKNOWN';
  if (pr.pull.draft) return 'DRAFT';
  const protection = protectionOf(repo, pr.pull.base);
  const head = state.headSha(repo, pr);
  const refusal = mergeRefusal(state, repo, pr);
  if (refusal?.startsWith('Head branch is out of date')) return 'BEHIND';
  if (refusal) return 'BLOCKED';
  const failing = latestRuns(state, repo, head).some((run) => run.status === 'completed' && !PASSING.has(run.conclusion ?? '')) || latestStatuses(state, repo, head).some((s) => s.state === 'failure' || s.state === 'error');
  return protection && failing ? 'UNSTABLE' : 'CLEAN';
}

/** Whether the repository allows `method` (405's message when not). */
export function methodRefusal(repo: Repository, method: MergeMethod): string | null {
  const settings = settingsOf(repo);
  if (method === 'merge' && !settings.allowMergeCommit) return 'Merge commits are not allowed on this repository.';
  if (method === 'squash' && !settings.allowSquashMerge) return 'Squash merges are not allowed on this repository.';
  if (method === 'rebase' && !settings.allowRebaseMerge) return 'Rebase merges are not allowed on this repository.';
  return null;
}

/** Pull requests GitHub's auto-merge merged, in order, for tests to deliver `pull_request.closed`. */
export interface AutoMerged {
  repo: string;
  number: number;
}

/**
 * What GitHub does when a check, a status or a review lands: every open pull request of the
 * repository with auto-merge on and its requirements met is merged, as whoever enabled it.
 */
export function autoMergeSweep(state: GitHubState, repo: Repository): AutoMerged[] {
  const merged: AutoMerged[] = [];
  for (const pr of state.pulls(repo)) {
    const auto = pr.pull.autoMerge;
    if (!auto || pr.state !== 'open' || mergeRefusal(state, repo, pr) !== null || methodRefusal(repo, auto.method) !== null) continue;
    state.closePull(repo, pr, { merge: auto.method, actor: auto.enabledBy });
    merged.push({ repo: repo.name, number: pr.number });
  }
  return merged;
}

/** A review by `user` on the current head. */
export function submitReview(state: GitHubState, repo: Repository, pr: PullRequest, user: User, reviewState: Review['state'], body = ''): Review {
  const review: Review = { id: state.id(), user, state: reviewState, body, commitId: state.headSha(repo, pr), submittedAt: state.timestamp() };
  (pr.pull.reviews ??= []).push(review);
  pr.updatedAt = review.submittedAt;
  return review;
}

/** The latest approving or change-requesting review of each reviewer (a dismissal clears theirs). */
export function latestOpinionatedReviews(pr: PullRequest): Review[] {
  const latest = new Map<number, Review>();
  for (const review of pr.pull.reviews ?? []) {
    if (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED') latest.set(review.user.id, review);
    if (review.state === 'DISMISSED') latest.delete(review.user.id);
  }
  return [...latest.values()];
}

/**
 * "Update branch": a merge commit of the base into the head, authored by whoever asked, committed
 * and signed by GitHub. The head branch moves to it (a push by that account).
 */
export function updateBranch(state: GitHubState, repo: Repository, pr: PullRequest, actor: User): string {
  const head = state.headSha(repo, pr);
  const base = repo.branches.get(pr.pull.base)!;
  const mergeBase = state.mergeBase(head, base);
  const tree = state.applyDiff(state.commits.get(head)!.tree, mergeBase ? state.commits.get(mergeBase)!.tree : new Map(), state.commits.get(base)!.tree);
  const at = state.timestamp();
  const commit = state.storeCommit(tree, [head, base], `Merge branch '${pr.pull.base}' into ${pr.pull.head}`, state.identity(actor, at), state.gitHubCommitter(at), true);
  state.setRef(repo, pr.pull.head, commit.sha, { pusher: actor });
  return commit.sha;
}
