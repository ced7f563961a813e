import type { Logger } from 'probot';
import type { AppIdentity } from '../github/app-identity.js';
import { CheckRuns } from '../github/check-run.js';
import { policyLocation, type Octokit } from '../github/client.js';
import { readPolicyAt, type PolicySource } from '../github/policy-source.js';
import type { RetryOptions } from '../github/retry.js';
import { diffPolicies } from '../policy/diff.js';
import type { PolicyInForce } from '../config/in-force.js';
import type { Policy } from '../policy/types.js';
import type { WriteThrottle } from '../queue/throttle.js';
import { invalidPolicyCheck, POLICY_CHECK_NAME, validPolicyCheck } from '../policy-check/render.js';
import type { CheckRunResult } from '../check-output.js';

export interface PolicyCommitDeps {
  source: PolicySource;
  identity: () => Promise<AppIdentity>;
  policyRepo?: string;
  retry?: RetryOptions;
  /** The installation's write throttle: the check run counts in the fan-out's write budget. */
  throttle?: WriteThrottle;
  log: Logger;
}

export interface PolicyPush {
  installationId: number;
  org: string;
  defaultBranch: string;
  before: string;
  after: string;
  /** A re-run of the check on an older commit: checked again, but not taken as the newest policy. */
  rerun?: boolean;
}

/** The policies on either side of a push; `after` is null unless the pushed version is valid. */
export interface PolicyTransition {
  before: Policy | null;
  after: Policy | null;
}

/**
 * The breaking commit (SPEC §3): a push that changes the policy on the default branch gets one
 * `plimsoll` check run on the pushed commit. Invalid: `failure`, every problem an annotation at its
 * line and listed in the summary, with which version stays in force. Valid: green, with what
 * changed; the version is remembered as the last valid one (Redis with `REDIS_URL`). A redelivery
 * finds the run and leaves it (or updates it), never adds a second. Throws `PolicyUnreadable` when
 * GitHub cannot give the pushed file; the caller tries again later.
 */
export async function checkPolicyCommit(octokit: Octokit, push: PolicyPush, deps: PolicyCommitDeps): Promise<PolicyTransition> {
  const location = policyLocation(push.org, deps.policyRepo);
  const where = { owner: location.owner, repo: location.repo };
  const [after, before, lastValid] = await Promise.all([
    readPolicyAt(octokit, location, push.after, deps.retry),
    readPolicyAt(octokit, location, push.before, deps.retry).catch(() => null),
    deps.source.lastValid(push.installationId),
  ]);
  if (!push.rerun) deps.source.invalidate(push.installationId);

  let result: CheckRunResult;
  let transition: PolicyTransition;
  const previous = before?.validation.ok ? before.validation.policy : null;
  if (after === null) {
    result = {
      conclusion: 'neutral',
      output: {
        title: 'Policy removed',
        summary: `${location.path} was removed: the organization has no policy any more, and reviews run the built-in rules only. Nothing fans out.`,
        text: '',
      },
      annotations: [],
    };
    transition = { before: previous, after: null };
  } else if (after.validation.ok) {
    if (!push.rerun) await deps.source.remember(push.installationId, { text: after.text, commit: push.after });
    const [base, basis] = previous
      ? [previous, `the previous version (${push.before.slice(0, 7)})`]
      : lastValid
        ? [lastValid.policy, `the last valid version${lastValid.commit ? ` (${lastValid.commit.slice(0, 7)})` : ''}, as the previous one was not valid`]
        : [null, 'no policy (no valid version was known before)'];
    result = validPolicyCheck(location.path, diffPolicies(base, after.validation.policy), basis);
    transition = { before: previous ?? lastValid?.policy ?? null, after: after.validation.policy };
  } else {
    const state = await deps.source.inForce(octokit, push.installationId, push.org, { ...deps.retry, ...(deps.policyRepo ? { policyRepo: deps.policyRepo } : {}), defaultBranch: push.defaultBranch });
    result = invalidPolicyCheck(location.path, after.validation.errors, stillInForce(state));
    transition = { before: previous, after: null };
  }

  const identity = await deps.identity();
  const throttle = deps.throttle;
  const checks = new CheckRuns(octokit, where, identity.id, deps.retry, throttle ? () => throttle.acquire() : undefined);
  const existing = await checks.find(push.after, POLICY_CHECK_NAME);
  const written = await checks.complete(push.after, POLICY_CHECK_NAME, result, existing);
  deps.log.info(
    { installation: push.installationId, commit: push.after, conclusion: result.conclusion, check: written.action, problems: result.annotations.length },
    'policy commit checked',
  );
  return transition;
}

/** Which version applies while the pushed one is invalid, for the summary. */
function stillInForce(state: PolicyInForce): string {
  switch (state.status) {
    case 'in-force':
      return `The policy in force is unchanged: ${state.sha ? `the version of commit ${state.sha.slice(0, 7)}` : 'the last valid version'}.`;
    case 'never-valid':
      return `**Every pull request review fails until this file is fixed**: ${state.reason}.`;
    case 'unreadable':
      return `Which version stays in force could not be read right now (${state.reason}); reviews wait until it can.`;
    case 'none':
      return '';
  }
}
