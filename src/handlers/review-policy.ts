import { policyInForce, policyLocation, type Octokit, type RepoRef } from '../github/client.js';
import { realSleep, type RetryOptions } from '../github/retry.js';
import { inertMarkdown } from '../markdown/inert.js';
import { formatPolicyError, type PolicyError } from '../policy/errors.js';
import type { PolicyInForce } from '../policy/in-force.js';
import type { Policy } from '../policy/types.js';

/**
 * The policy a pull request review runs with, failing closed (SPEC §3): the review never passes
 * for want of a policy. For the review handler: call `reviewPolicy` once its check run exists.
 */
export interface ReviewPolicy {
  state: PolicyInForce;
  /** The policy to lint with; null: the built-in rules only (no policy file, or a blocked review). */
  policy: Policy | null;
  /** Problems of the current policy file, when it is invalid. */
  errors: PolicyError[] | null;
  /**
   * Set when the review must fail whatever it finds, with what to say in the check (title) and in
   * the check and the comment (summary): no version of the policy was ever valid, or GitHub kept
   * refusing to give it.
   */
  blocked: { title: string; summary: string } | null;
}

export interface PolicyWait {
  /** Told before each wait: the check says what the review waits for. */
  onWait(reason: string, delayMs: number, attempt: number): Promise<void>;
  sleep?: (ms: number) => Promise<void>;
  /** Waits between attempts; after the last, the review fails saying why. About nine minutes in all. */
  delaysMs?: readonly number[];
}

export const POLICY_WAIT_DELAYS_MS: readonly number[] = [2_000, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000];

/**
 * Ask for the policy in force; while GitHub cannot give it (`unreadable`), wait and ask again with
 * growing delays, telling `onWait` each time. Never throws for the policy's sake.
 */
export async function reviewPolicy(read: () => Promise<PolicyInForce>, wait: PolicyWait, path: string): Promise<ReviewPolicy> {
  const delays = wait.delaysMs ?? POLICY_WAIT_DELAYS_MS;
  const sleep = wait.sleep ?? realSleep;
  let state = await read();
  // A policy repository the app cannot see stays unseen until ops act: no point waiting for it.
  for (let attempt = 0; state.status === 'unreadable' && !state.lasting && attempt < delays.length; attempt++) {
    // Telling is best effort: a refused check update must not end the wait.
    await wait.onWait(state.reason, delays[attempt]!, attempt + 1).catch(() => undefined);
    await sleep(delays[attempt]!);
    state = await read();
  }
  return { state, policy: state.policy, errors: state.errors, blocked: blockedBy(state, path) };
}

function blockedBy(state: PolicyInForce, path: string): ReviewPolicy['blocked'] {
  if (state.status === 'never-valid') {
    const problems = state.errors.slice(0, 20).map((error) => inertMarkdown(formatPolicyError(error)));
    return {
      title: 'No valid policy: every review fails',
      summary: `The policy file ${inertMarkdown(path)} exists, but ${inertMarkdown(state.reason)}, so no review can pass until ops fix it${problems.length > 0 ? ` (${problems.join('; ')}${state.errors.length > 20 ? '; …' : ''})` : ''}.`,
    };
  }
  if (state.status === 'unreadable' && state.lasting) {
    return {
      title: 'The policy repository cannot be read',
      summary: `The policy ${inertMarkdown(path)} could not be read: ${inertMarkdown(state.reason)}. A review does not pass without its policy; re-run this check once ops have fixed the installation.`,
    };
  }
  if (state.status === 'unreadable') {
    return {
      title: 'Waiting for the policy',
      summary: `The policy ${inertMarkdown(path)} could not be read (${inertMarkdown(state.reason)}), even after waiting; a review does not pass without its policy. Re-run this check once GitHub answers.`,
    };
  }
  return null;
}

/** `onWait` for a review: the check run, still in progress, says what it waits for and when it tries again. */
export function waitingOnCheck(octokit: Octokit, repo: RepoRef, checkRunId: number, path: string): PolicyWait['onWait'] {
  return async (reason, delayMs, attempt) => {
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: checkRunId,
      status: 'in_progress',
      output: {
        title: 'Waiting for the policy',
        summary: `Plimsoll cannot read the policy (${inertMarkdown(path)}) right now: ${inertMarkdown(reason)}. The review waits and asks again in ${Math.round(delayMs / 1000)} s (attempt ${attempt}); it does not pass without its policy.`,
        text: '',
      },
    });
  };
}

/**
 * `reviewPolicy` for the review of a pull request of `repo` whose check run is `checkRunId`: reads
 * through the app's policy source, waits on `retry.sleep` (tests pass one that does not wait).
 */
export function policyForReview(
  octokit: Octokit,
  repo: RepoRef,
  installationId: number,
  checkRunId: number,
  options: { retry?: RetryOptions; policyRepo?: string },
): Promise<ReviewPolicy> {
  const location = policyLocation(repo.owner, options.policyRepo);
  const where = `${location.owner}/${location.repo}/${location.path}`;
  const read = () => policyInForce(octokit, installationId, repo.owner, { ...options.retry, ...(options.policyRepo ? { policyRepo: options.policyRepo } : {}) });
  return reviewPolicy(read, { onWait: waitingOnCheck(octokit, repo, checkRunId, where), ...(options.retry?.sleep ? { sleep: options.retry.sleep } : {}) }, where);
}
