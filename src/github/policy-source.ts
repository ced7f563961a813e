import { PolicyUnreadable, resolvePolicyInForce, validatePolicyText, type PolicyHistory, type PolicyInForce, type StoredPolicy, type Validation } from '../policy/in-force.js';
import { createPolicyStore, MemoryPolicyStore, type PolicyStore } from '../policy/store.js';
import type { Policy } from '../policy/types.js';
import { redisUrlFromEnv } from '../queue/redis.js';
import { policyLocation, readFileText, type Octokit, type RepoRef } from './client.js';
import { isHttpError, rateLimitWait, withRetry, type RetryOptions } from './retry.js';

export type { PolicyInForce, PolicyStatus } from '../policy/in-force.js';

export interface PolicyReadOptions extends RetryOptions {
  /** `PLIMSOLL_POLICY_REPO` by default. */
  policyRepo?: string;
  /** The policy repository's default branch, when the caller knows it (a push payload). */
  defaultBranch?: string;
}

export interface PolicySourceOptions {
  /** Where the last valid version is kept: memory by default, Redis with `REDIS_URL`. */
  store?: PolicyStore;
  /** How long an answer is reused; a push to the policy repository drops it sooner. */
  ttlMs?: number;
  now?: () => number;
  /** Versions of the file looked at when the current one is invalid. */
  lookback?: number;
  /** Each request for the policy gives up after this long (then it is `unreadable`). */
  timeoutMs?: number;
  /** Told when the store fails; the source then reads GitHub's history instead. */
  onStoreError?: (error: unknown) => void;
}

const DEFAULT_TTL_MS = 5 * 60 * 1000;
const DEFAULT_TIMEOUT_MS = 15_000;

interface CacheEntry {
  state: Promise<PolicyInForce>;
  loadedAt: number;
}

/**
 * The policy in force of each installation (see ../policy/in-force.ts), read from GitHub and kept
 * for a short while: concurrent callers share one read, an answer is reused for `ttlMs`, and a
 * push to the policy repository drops it (`invalidate`). `unreadable` is never kept: the next
 * caller asks GitHub again. The last valid version is remembered in the store, so after a restart
 * with Redis it needs no history, and without Redis the history gives it back.
 */
export class PolicySource {
  private readonly cache = new Map<number, CacheEntry>();
  private readonly store: PolicyStore;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly lookback: number | undefined;
  private readonly timeoutMs: number;
  private readonly onStoreError: (error: unknown) => void;

  constructor(options: PolicySourceOptions = {}) {
    this.store = options.store ?? new MemoryPolicyStore();
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.now = options.now ?? Date.now;
    this.lookback = options.lookback;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.onStoreError = options.onStoreError ?? (() => undefined);
  }

  /** The policy in force for this installation (of organization `org`); never throws. */
  inForce(octokit: Octokit, installationId: number, org: string, options: PolicyReadOptions = {}): Promise<PolicyInForce> {
    const cached = this.cache.get(installationId);
    if (cached && this.now() - cached.loadedAt < this.ttlMs) return cached.state;
    const state = this.resolve(octokit, installationId, org, options);
    const entry = { state, loadedAt: this.now() };
    this.cache.set(installationId, entry);
    const forget = () => {
      if (this.cache.get(installationId) === entry) this.cache.delete(installationId);
    };
    void state.then((result) => result.status === 'unreadable' && forget(), forget);
    return state;
  }

  /** Drop the kept answer of one installation (a push to its policy repository), or of all. */
  invalidate(installationId?: number): void {
    if (installationId === undefined) this.cache.clear();
    else this.cache.delete(installationId);
  }

  /** A valid version seen at a commit of the default branch (a push): remembered as the last valid one. */
  async remember(installationId: number, policy: StoredPolicy): Promise<void> {
    await this.store.set(installationId, policy).catch(this.onStoreError);
  }

  /** The last valid version remembered, without asking GitHub; null when none is known. */
  async lastValid(installationId: number): Promise<{ policy: Policy; commit: string | null } | null> {
    const stored = await this.store.get(installationId).catch((error: unknown) => (this.onStoreError(error), null));
    if (stored === null) return null;
    const checked = validatePolicyText(stored.text);
    return checked.ok ? { policy: checked.policy, commit: stored.commit } : null;
  }

  /** Forget what is kept in this process (memory store included); Redis keeps its records, as across a restart. */
  reset(): void {
    this.cache.clear();
    if (this.store instanceof MemoryPolicyStore) this.store.clear();
  }

  async close(): Promise<void> {
    this.cache.clear();
    await this.store.close();
  }

  private async resolve(octokit: Octokit, installationId: number, org: string, options: PolicyReadOptions): Promise<PolicyInForce> {
    const location = policyLocation(org, options.policyRepo);
    const history = gitHubHistory(octokit, location, { ...options, timeoutMs: this.timeoutMs });
    // The current file is asked for at once, while the store answers.
    const current = history.current();
    current.catch(() => undefined);
    const stored = await this.store.get(installationId).catch((error: unknown) => (this.onStoreError(error), null));
    const { state, remember } = await resolvePolicyInForce({ ...history, current: () => current }, stored, { path: location.path, ...(this.lookback ? { lookback: this.lookback } : {}) });
    if (remember === 'forget') await this.store.delete(installationId).catch(this.onStoreError);
    else if (remember !== null) await this.store.set(installationId, remember).catch(this.onStoreError);
    return state;
  }
}

/** The file and its history on the default branch, through the REST API. */
function gitHubHistory(octokit: Octokit, location: RepoRef & { path: string }, options: PolicyReadOptions & { timeoutMs: number }): PolicyHistory {
  const read = (ref?: string) =>
    readFileText(octokit, { ...location, ...(ref === undefined ? {} : { ref }), timeoutMs: options.timeoutMs }, options).catch((error: unknown) => {
      throw new PolicyUnreadable(unreadableReason(error), { cause: error });
    });
  const signal = () => ({ request: { signal: AbortSignal.timeout(options.timeoutMs) } });
  /**
   * A 404 for the file is "no policy" only when the app can see the repository: GitHub answers 404
   * too for a repository the installation was not given, and that must not lift the rules.
   */
  const ensureVisible = async (): Promise<void> => {
    try {
      await withRetry(() => octokit.request('GET /repos/{owner}/{repo}', { owner: location.owner, repo: location.repo, ...signal() }), options);
      return;
    } catch (error) {
      if (!isHttpError(error) || error.status !== 404) throw new PolicyUnreadable(unreadableReason(error), { cause: error });
    }
    let selection: string | undefined;
    try {
      const { data } = await withRetry(() => octokit.request('GET /installation/repositories', { per_page: 1, ...signal() }), options);
      selection = data.repository_selection;
    } catch (error) {
      throw new PolicyUnreadable(unreadableReason(error), { cause: error });
    }
    // Installed on every repository, the app would see it: there is no such repository, so no policy.
    if (selection === 'all') return;
    throw new PolicyUnreadable(`the app cannot see ${location.owner}/${location.repo}; add it to the installation's repositories (or set PLIMSOLL_POLICY_REPO)`, { lasting: true });
  };
  return {
    current: async () => {
      const text = await read();
      if (text === null) await ensureVisible();
      return text;
    },
    textAt: (commit) => read(commit),
    commits: async (limit) => {
      try {
        const response = await withRetry(
          () =>
            octokit.request('GET /repos/{owner}/{repo}/commits', {
              owner: location.owner,
              repo: location.repo,
              path: location.path,
              per_page: limit,
              ...(options.defaultBranch ? { sha: options.defaultBranch } : {}),
              ...signal(),
            }),
          options,
        );
        return response.data.map((commit) => commit.sha);
      } catch (error) {
        throw new PolicyUnreadable(unreadableReason(error), { cause: error });
      }
    },
  };
}

/** What GitHub did, in a few words, for "cannot be read right now (…)". */
export function unreadableReason(error: unknown): string {
  if (!isHttpError(error)) return `no answer from GitHub: ${(error as Error)?.message ?? String(error)}`;
  const wait = rateLimitWait(error);
  if (wait !== null) return `GitHub's rate limit, retry after ${wait} s`;
  if (error.status >= 500) return /abort|timeout|timed out/i.test(error.message) ? 'GitHub did not answer in time' : `GitHub answered ${error.status}`;
  if (error.status === 401 || error.status === 403) return `GitHub refused access (${error.status}): the app needs read access to the policy repository`;
  return `GitHub answered ${error.status}`;
}

/** The policy file at a commit, validated; null when the file does not exist there. Throws `PolicyUnreadable`. */
export async function readPolicyAt(
  octokit: Octokit,
  location: RepoRef & { path: string },
  ref: string,
  options: RetryOptions & { timeoutMs?: number } = {},
): Promise<{ text: string; validation: Validation } | null> {
  if (/^0+$/.test(ref)) return null; // a branch created by the push: nothing before it
  let text: string | null;
  try {
    text = await readFileText(octokit, { ...location, ref, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS }, options);
  } catch (error) {
    throw new PolicyUnreadable(unreadableReason(error), { cause: error });
  }
  return text === null ? null : { text, validation: validatePolicyText(text, location.path) };
}

let installed: PolicySource | null = null;
let fromEnvironment: PolicySource | null = null;

/**
 * The source every handler reads the policy through: the one the app's composition installed
 * (`usePolicySource`), else one built from the environment on first use (Redis with `REDIS_URL`).
 */
export function defaultPolicySource(): PolicySource {
  return installed ?? (fromEnvironment ??= new PolicySource({ store: createPolicyStore({ redisUrl: redisUrlFromEnv() }) }));
}

export function usePolicySource(source: PolicySource | null): void {
  installed = source;
}

/** For tests: what this process kept is forgotten (as by a restart); Redis keeps its records. */
export function resetPolicySources(): void {
  installed?.reset();
  fromEnvironment?.reset();
  installed = null;
}
