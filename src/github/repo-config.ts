import type { PolicyError } from '../policy/errors.js';
import { defaultRepoConfig, loadRepoConfig, REPO_CONFIG_PATH, type RepoConfig } from '../policy/repo-config.js';
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
 * The repository config, read from the BASE repository's default branch (no `ref`): a pull
 * request must not be able to loosen its own review (SPEC §4). Cached per repository for a short
 * while, so a pull request that touches no container definition costs one request.
 */
const cache = new Map<string, { result: Promise<RepoConfigState>; loadedAt: number }>();
const TTL_MS = 10 * 60 * 1000;

export function readRepoConfig(octokit: Octokit, repo: RepoRef, retry: RetryOptions = {}, now: () => number = Date.now): Promise<RepoConfigState> {
  const key = `${repo.owner}/${repo.repo}`.toLowerCase();
  const hit = cache.get(key);
  if (hit && now() - hit.loadedAt < TTL_MS) return hit.result;
  const result = readFileText(octokit, { ...repo, path: REPO_CONFIG_PATH }, retry).then(repoConfigState);
  cache.set(key, { result, loadedAt: now() });
  result.catch(() => {
    if (cache.get(key)?.result === result) cache.delete(key);
  });
  return result;
}

function repoConfigState(text: string | null): RepoConfigState {
  if (text === null) return { config: defaultRepoConfig(), invalid: false, errors: [] };
  const loaded = loadRepoConfig(text, REPO_CONFIG_PATH);
  return loaded.ok
    ? { config: loaded.config, invalid: false, errors: loaded.rejected }
    : { config: defaultRepoConfig(), invalid: true, errors: loaded.errors };
}

/** Forget a repository's config (a push to its default branch), or every one. */
export function invalidateRepoConfig(repo?: RepoRef): void {
  if (repo === undefined) cache.clear();
  else cache.delete(`${repo.owner}/${repo.repo}`.toLowerCase());
}
