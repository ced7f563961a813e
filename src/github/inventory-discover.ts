import picomatch from 'picomatch';
import { containerDefinitionMatcher, SKIPPED_DIRECTORIES } from '../files/globs.js';
import { formatPolicyError } from '../policy/errors.js';
import { loadRepoConfig, REPO_CONFIG_PATH } from '../policy/repo-config.js';
import type { Inventory, RepoInventory } from '../inventory/model.js';
import { scanContainerDefinition } from '../inventory/scan.js';
import type { Octokit } from './client.js';

interface InstallationRepo {
  full_name: string;
  name: string;
  owner: { login: string };
  default_branch: string;
  archived?: boolean;
  disabled?: boolean;
  size?: number;
  pushed_at?: string | null;
}

interface TreeEntry {
  path: string;
  type: string;
  sha: string;
}

export interface Discovery {
  repos: Record<string, RepoInventory>;
  /** Requests sent, for logs and the benchmark. */
  reads: number;
}

export interface DiscoveryOptions {
  /** The last inventory: a repository whose `pushed_at` did not move is not read again. */
  previous?: Inventory;
  globs?: readonly string[];
}

const PAGE = 100;
/** Repositories scanned at once: well under GitHub's 100 concurrent requests. */
const DISCOVERY_CONCURRENCY = 8;

/**
 * Every container definition of the installation's repositories (default branches). Costs, per
 * repository that changed since `previous`: one recursive tree, plus one GraphQL read for the text
 * of all its matching files and its repository config (none when nothing matches); archived,
 * disabled and empty ones are skipped. Listing the repositories costs one read per 100, so a warm
 * inventory costs 1/100 read per repository.
 */
export async function discoverRepositories(octokit: Octokit, options: DiscoveryOptions = {}): Promise<Discovery> {
  let reads = 0;
  const listed: InstallationRepo[] = [];
  for (let page = 1; ; page++) {
    const response = await octokit.request('GET /installation/repositories', { per_page: PAGE, page });
    reads++;
    const batch = response.data.repositories as InstallationRepo[];
    listed.push(...batch);
    if (batch.length < PAGE || listed.length >= response.data.total_count) break;
  }

  const repos: Record<string, RepoInventory> = {};
  const toScan: InstallationRepo[] = [];
  for (const repo of listed) {
    if (repo.archived || repo.disabled || repo.size === 0) continue;
    const known = options.previous?.repos[repo.full_name];
    if (known && repo.pushed_at && known.pushedAt === repo.pushed_at) repos[repo.full_name] = known;
    else toScan.push(repo);
  }
  // Repositories are independent: a few at a time, so a cold scan is bound by GitHub, not by us.
  let next = 0;
  const worker = async () => {
    while (next < toScan.length) {
      const repo = toScan[next++]!;
      const where = { owner: repo.owner.login, repo: repo.name, defaultBranch: repo.default_branch, pushedAt: repo.pushed_at ?? null };
      const scanned = await scanRepository(octokit, where, options.globs);
      reads += scanned.reads;
      repos[repo.full_name] = scanned.inventory;
    }
  };
  await Promise.all(Array.from({ length: Math.min(DISCOVERY_CONCURRENCY, toScan.length) }, worker));
  // Listing order, whatever order the scans finished in.
  const ordered: Record<string, RepoInventory> = {};
  for (const repo of listed) if (repos[repo.full_name]) ordered[repo.full_name] = repos[repo.full_name]!;
  return { repos: ordered, reads };
}

export interface RepositoryToScan {
  owner: string;
  repo: string;
  defaultBranch: string;
  pushedAt: string | null;
}

/**
 * One repository's container definitions on its default branch, as its own config
 * (`.github/plimsoll.yml`: `globs`, `ignore`) selects them, the way a review does. One tree and one
 * GraphQL read; a second read only when the config's globs select files the defaults do not.
 */
export async function scanRepository(octokit: Octokit, repo: RepositoryToScan, globs?: readonly string[]): Promise<{ inventory: RepoInventory; reads: number }> {
  const where = { owner: repo.owner, repo: repo.repo };
  const tree = await octokit.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...where, tree_sha: repo.defaultBranch, recursive: '1' });
  let reads = 1;
  const notes: string[] = [];
  if (tree.data.truncated) notes.push('the file tree is too large to list in one request; some container definitions may be missing');
  const blobs = (tree.data.tree as TreeEntry[]).filter((entry) => entry.type === 'blob' && !entry.path.split('/').some((part) => SKIPPED_DIRECTORIES.has(part)));
  const configEntry = blobs.find((entry) => entry.path === REPO_CONFIG_PATH);

  const byDefault = blobs.filter((entry) => containerDefinitionMatcher(globs)(entry.path));
  const first = [...(configEntry ? [configEntry] : []), ...byDefault];
  const texts = new Map<string, string | null>();
  if (first.length > 0) {
    (await readBlobs(octokit, where, first)).forEach((text, i) => texts.set(first[i]!.path, text));
    reads++;
  }

  let selected = byDefault;
  if (configEntry) {
    const config = loadRepoConfig(texts.get(configEntry.path) ?? '', REPO_CONFIG_PATH);
    if (config.ok) {
      const isDefinition = containerDefinitionMatcher(config.config.globs ?? globs);
      const ignored = picomatch([...config.config.ignore], { dot: true });
      selected = blobs.filter((entry) => isDefinition(entry.path) && !ignored(entry.path));
    } else {
      notes.push(`${config.errors.map(formatPolicyError).join('; ')}: the repository config is invalid, so the default globs were used`);
    }
    const missing = selected.filter((entry) => !texts.has(entry.path));
    if (missing.length > 0) {
      (await readBlobs(octokit, where, missing)).forEach((text, i) => texts.set(missing[i]!.path, text));
      reads++;
    }
  }

  const files = [];
  for (const entry of selected) {
    const text = texts.get(entry.path);
    if (text === null || text === undefined) {
      notes.push(`${entry.path} could not be read as text (binary or too large)`);
      continue;
    }
    files.push(scanContainerDefinition(entry.path, text));
  }
  const inventory: RepoInventory = { fullName: `${repo.owner}/${repo.repo}`, defaultBranch: repo.defaultBranch, pushedAt: repo.pushedAt, commit: null, files, notes };
  return { inventory, reads };
}

interface BlobsResponse {
  repository: Record<string, { text: string | null; isBinary: boolean | null; isTruncated: boolean } | null>;
}

/** The text of many blobs of one repository in one GraphQL request (by the tree's blob ids, so
 *  the files are those of the tree just read). */
async function readBlobs(octokit: Octokit, where: { owner: string; repo: string }, entries: readonly TreeEntry[]): Promise<(string | null)[]> {
  const fields = entries.map((_, i) => `b${i}: object(oid: $o${i}) { ... on Blob { text isBinary isTruncated } }`).join('\n    ');
  const variables = entries.map((_, i) => `, $o${i}: GitObjectID!`).join('');
  const query = `query($owner: String!, $name: String!${variables}) {
  repository(owner: $owner, name: $name) {
    ${fields}
  }
}`;
  const values: Record<string, string> = { owner: where.owner, name: where.repo };
  entries.forEach((entry, i) => (values[`o${i}`] = entry.sha));
  const response = await octokit.graphql<BlobsResponse>(query, values);
  return entries.map((_, i) => {
    const blob = response.repository[`b${i}`];
    return blob && !blob.isBinary && !blob.isTruncated ? blob.text : null;
  });
}
