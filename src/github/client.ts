import type { ProbotOctokit } from 'probot';
import type { PolicyError } from '../config/errors.js';
import { PolicyUnreadable, type PolicyInForce, type PolicyStatus } from '../config/in-force.js';
import type { Policy } from '../policy/types.js';
import { defaultPolicySource, resetPolicySources, type PolicyReadOptions } from './policy-source.js';
import { isHttpError, withRetry, type RetryOptions } from './retry.js';

/** The Octokit every GitHub call goes through: Probot's, authenticated as the installation. */
export type Octokit = ProbotOctokit;

export interface RepoRef {
  owner: string;
  repo: string;
}

/**
 * A file's text at `ref` (the default branch when `ref` is omitted), or null when it does not
 * exist. Raw media type: no base64 and no 1 MB limit of the JSON form.
 */
export async function readFileText(
  octokit: Octokit,
  where: RepoRef & { path: string; ref?: string; timeoutMs?: number },
  retry: RetryOptions = {},
): Promise<string | null> {
  try {
    const response = await withRetry(
      () =>
        octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
          owner: where.owner,
          repo: where.repo,
          path: where.path,
          ...(where.ref === undefined ? {} : { ref: where.ref }),
          mediaType: { format: 'raw' },
          // A fresh deadline per attempt: a hung connection becomes an error, retried like a 5xx.
          ...(where.timeoutMs === undefined ? {} : { request: { signal: AbortSignal.timeout(where.timeoutMs) } }),
        }),
      retry,
    );
    const data: unknown = response.data;
    if (typeof data === 'string') return data;
    if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
    // A directory listing (an array) or a submodule: not a file.
    return null;
  } catch (error) {
    if (isHttpError(error) && error.status === 404) return null;
    throw error;
  }
}

import { isPolicyRepository, policyLocation } from '../config/location.js';

export { isPolicyRepository, policyLocation };

/**
 * A pull request of the policy repository that changes (or renames, or removes) the policy file:
 * the policy check owns its `plimsoll` check run (src/handlers/policy-pull-request.ts), and the
 * review leaves it alone.
 */
export function changesPolicyFile(repo: RepoRef, files: ReadonlyArray<{ filename: string; previous_filename?: string }>, policyRepo?: string): boolean {
  if (!isPolicyRepository(repo.owner, repo.repo, policyRepo)) return false;
  const { path } = policyLocation(repo.owner, policyRepo);
  return files.some((file) => file.filename === path || file.previous_filename === path);
}

/**
 * What the review uses: the policy in force, and why the current file is not it, if so. Kept for
 * the review's existing call; new code asks `policyInForce` (./policy-source.ts) for the full state.
 */
export interface PolicyState {
  /** The policy in force: the newest valid version on the default branch; null when none. */
  policy: Policy | null;
  /** Problems of the current file when it is invalid (then `policy` is an older version, or null). */
  errors: PolicyError[] | null;
  /** False when the organization has no policy file. */
  found: boolean;
  location: RepoRef & { path: string };
  /** `never-valid`: a policy file exists and no version of it ever validated; every review must fail. */
  status: Exclude<PolicyStatus, 'unreadable'>;
  /** Why the current file is not in force, for people. */
  reason: string | null;
  /** Commit the policy in force was read at, when known. */
  sha: string | null;
}

export interface PolicyLoadOptions extends RetryOptions {
  policyRepo?: string;
}

/**
 * The policy in force for this installation, as `PolicyState`. When GitHub cannot be read right
 * now it throws `PolicyUnreadable`: a review must not run without its policy.
 */
export async function loadPolicyForInstallation(octokit: Octokit, installationId: number, org: string, options: PolicyLoadOptions = {}): Promise<PolicyState> {
  const state = await policyInForce(octokit, installationId, org, options);
  if (state.status === 'unreadable') throw new PolicyUnreadable(`Reading the policy failed: ${state.reason}`);
  return { policy: state.policy, errors: state.errors, found: state.status !== 'none', location: policyLocation(org, options.policyRepo), status: state.status, reason: state.reason, sha: state.sha };
}

/** The policy in force (see ../config/in-force.ts), through the app's policy source; never throws. */
export function policyInForce(octokit: Octokit, installationId: number, org: string, options: PolicyReadOptions = {}): Promise<PolicyInForce> {
  return defaultPolicySource().inForce(octokit, installationId, org, options);
}

/** Forget the kept policy of one installation (a push to the policy repository), or of all. The last valid version stays remembered. */
export function invalidatePolicyCache(installationId?: number): void {
  defaultPolicySource().invalidate(installationId);
}

/** For tests: forget everything this process kept, the last valid policies included (Redis keeps its records). */
export function resetPolicyCache(): void {
  resetPolicySources();
}
