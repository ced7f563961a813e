import type { ProbotOctokit } from 'probot';
import { loadPolicy, POLICY_PATH } from '../policy/load.js';
import type { PolicyError } from '../policy/errors.js';
import type { Policy } from '../policy/types.js';
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
  where: RepoRef & { path: string; ref?: string },
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

/** Where the policy lives for an organization (SPEC §3). */
export function policyLocation(org: string, policyRepo: string | undefined = process.env.PLIMSOLL_POLICY_REPO): RepoRef & { path: string } {
  const named = policyRepo?.trim();
  // `PLIMSOLL_POLICY_REPO` may be `name` or `org/name`; the organization is always the installation's.
  const repo = named ? (named.split('/').pop() ?? '.github') : '.github';
  return { owner: org, repo, path: POLICY_PATH };
}

export function isPolicyRepository(owner: string, repo: string, policyRepo?: string): boolean {
  const location = policyLocation(owner, policyRepo);
  return location.repo.toLowerCase() === repo.toLowerCase();
}

/** What the review uses: the policy in force, and why the current file is not it, if so. */
export interface PolicyState {
  /** The policy in force: the current file when valid, else the last valid one seen; null when none. */
  policy: Policy | null;
  /** Problems of the current file when it is invalid (then `policy` is the last valid one, or null). */
  errors: PolicyError[] | null;
  /** False when the organization has no policy file. */
  found: boolean;
  location: RepoRef & { path: string };
}

interface CacheEntry {
  state: Promise<PolicyState>;
  loadedAt: number;
}

/** Policies by installation; refreshed on a push to the policy repository, and at most every 15 minutes. */
const policyCache = new Map<number, CacheEntry>();
/** Survives invalidation: an invalid policy never takes effect, the last valid one stays in force. */
const lastValidPolicy = new Map<number, Policy>();
const POLICY_TTL_MS = 15 * 60 * 1000;

export interface PolicyLoadOptions extends RetryOptions {
  policyRepo?: string;
  now?: () => number;
}

/** The organization's policy for this installation, cached (concurrent callers share one fetch). */
export function loadPolicyForInstallation(
  octokit: Octokit,
  installationId: number,
  org: string,
  options: PolicyLoadOptions = {},
): Promise<PolicyState> {
  const now = options.now ?? Date.now;
  const cached = policyCache.get(installationId);
  if (cached && now() - cached.loadedAt < POLICY_TTL_MS) return cached.state;

  const location = policyLocation(org, options.policyRepo);
  const state = fetchPolicy(octokit, installationId, location, options);
  policyCache.set(installationId, { state, loadedAt: now() });
  // A failed fetch is not cached: the next event tries again.
  state.catch(() => {
    if (policyCache.get(installationId)?.state === state) policyCache.delete(installationId);
  });
  return state;
}

async function fetchPolicy(
  octokit: Octokit,
  installationId: number,
  location: RepoRef & { path: string },
  options: RetryOptions,
): Promise<PolicyState> {
  const text = await readFileText(octokit, location, options);
  if (text === null) {
    lastValidPolicy.delete(installationId);
    return { policy: null, errors: null, found: false, location };
  }
  const result = loadPolicy(text, location.path);
  if (result.ok) {
    lastValidPolicy.set(installationId, result.policy);
    return { policy: result.policy, errors: null, found: true, location };
  }
  return { policy: lastValidPolicy.get(installationId) ?? null, errors: result.errors, found: true, location };
}

/**
 * Forget the cached policy of one installation (a push to the policy repository), or of all.
 * The last valid policy is kept, so a broken push does not lift the rules.
 */
export function invalidatePolicyCache(installationId?: number): void {
  if (installationId === undefined) policyCache.clear();
  else policyCache.delete(installationId);
}

/** For tests: forget everything, the last valid policies included. */
export function resetPolicyCache(): void {
  policyCache.clear();
  lastValidPolicy.clear();
}
