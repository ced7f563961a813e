import { parseRepoConfig, REPO_CONFIG_PATH, type RepoConfigResult } from '../review/repo-config.js';
import type { Octokit, RepoRef } from './client.js';
import { readFileText } from './client.js';
import type { RetryOptions } from './retry.js';

/**
 * The repository config, read from the BASE repository's default branch (no `ref`): a pull
 * request must not be able to loosen its own review (SPEC §4). Cached per repository for a short
 * while, so a pull request that touches no container definition costs one request.
 */
const cache = new Map<string, { result: Promise<RepoConfigResult>; loadedAt: number }>();
const TTL_MS = 10 * 60 * 1000;

export function loadRepoConfig(octokit: Octokit, repo: RepoRef, retry: RetryOptions = {}, now: () => number = Date.now): Promise<RepoConfigResult> {
  const key = `${repo.owner}/${repo.repo}`.toLowerCase();
  const hit = cache.get(key);
  if (hit && now() - hit.loadedAt < TTL_MS) return hit.result;
  const result = readFileText(octokit, { ...repo, path: REPO_CONFIG_PATH }, retry).then(parseRepoConfig);
  cache.set(key, { result, loadedAt: now() });
  result.catch(() => {
    if (cache.get(key)?.result === result) cache.delete(key);
  });
  return result;
}

/** Forget a repository's config (a push to its default branch), or every one. */
export function invalidateRepoConfig(repo?: RepoRef): void {
  if (repo === undefined) cache.clear();
  else cache.delete(`${repo.owner}/${repo.repo}`.toLowerCase());
}
