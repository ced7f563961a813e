import type { PolicyError } from '../config/errors.js';
import { defaultRepoConfig, loadRepoConfig, REPO_CONFIG_PATH, type RepoConfig } from '../config/repo-config.js';
import type { Octokit, RepoRef } from './client.js';
import { readFileText } from './client.js';
import type { RetryOptions } from './retry.js';

/** The repository config in force for a review, and what was wrong with the file (PL1000). */
export interface RepoConfigState {
  config: RepoConfig;
  /** The file did not validate: none of it applies, the defaults do. */
  invalid: boolean;
  /** With `invalid`, why; else the entries refused on purpose (PL levels lowered, exceptions). */
  errors: PolicyError[];
}

/**
 * The repository configs of an installation's repositories, read from each BASE repository's
 * default branch (no `ref`): a pull request must not be able to loosen its own review (SPEC §4).
 * Kept per repository for a short while (a pull request that touches no container definition then
 * costs no read), dropped on a push to the default branch; a failed read is not kept.
 */
export class RepoConfigs {
  private readonly cache = new Map<string, { result: Promise<RepoConfigState>; loadedAt: number }>();

  constructor(
    private readonly ttlMs = 10 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  read(octokit: Octokit, repo: RepoRef, retry: RetryOptions = {}): Promise<RepoConfigState> {
    const key = `${repo.owner}/${repo.repo}`.toLowerCase();
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.loadedAt < this.ttlMs) return hit.result;
    const result = readFileText(octokit, { ...repo, path: REPO_CONFIG_PATH }, retry).then(repoConfigState);
    this.cache.set(key, { result, loadedAt: this.now() });
    result.catch(() => {
      if (this.cache.get(key)?.result === result) this.cache.delete(key);
    });
    return result;
  }

  /** Forget a repository's config (a push to its default branch), or every one. */
  invalidate(repo?: RepoRef): void {
    if (repo === undefined) this.cache.clear();
    else this.cache.delete(`${repo.owner}/${repo.repo}`.toLowerCase());
  }
}

function repoConfigState(text: string | null): RepoConfigState {
  if (text === null) return { config: defaultRepoConfig(), invalid: false, errors: [] };
  const loaded = loadRepoConfig(text, REPO_CONFIG_PATH);
  return loaded.ok
    ? { config: loaded.config, invalid: false, errors: loaded.rejected }
    : { config: defaultRepoConfig(), invalid: true, errors: loaded.errors };
}

/** For older callers and tests: the configs of the process's last app (its runtime sets it). */
let current = new RepoConfigs();

export function useRepoConfigs(configs: RepoConfigs): void {
  current = configs;
}

export function readRepoConfig(octokit: Octokit, repo: RepoRef, retry: RetryOptions = {}): Promise<RepoConfigState> {
  return current.read(octokit, repo, retry);
}

/** Forget a repository's config (a push to its default branch), or every one. */
export function invalidateRepoConfig(repo?: RepoRef): void {
  current.invalidate(repo);
}
