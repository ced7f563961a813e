import { containerDefinitionMatcher, SKIPPED_DIRECTORIES } from '../files/globs.js';
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

/**
 * Every container definition of the installation's repositories (default branches). Costs, per
 * repository that changed since `previous`: one recursive tree, plus one GraphQL read for the text
 * of all its matching files (none when nothing matches); archived, disabled and empty ones are
 * skipped. Listing the repositories costs one read per 100.
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

  const isDefinition = containerDefinitionMatcher(options.globs);
  const repos: Record<string, RepoInventory> = {};
  for (const repo of listed) {
    if (repo.archived || repo.disabled || repo.size === 0) continue;
    const known = options.previous?.repos[repo.full_name];
    const pushedAt = repo.pushed_at ?? null;
    if (known && pushedAt !== null && known.pushedAt === pushedAt) {
      repos[repo.full_name] = known;
      continue;
    }
    const where = { owner: repo.owner.login, repo: repo.name };
    const tree = await octokit.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...where, tree_sha: repo.default_branch, recursive: '1' });
    reads++;
    const notes: string[] = [];
    if (tree.data.truncated) notes.push('the file tree is too large to list in one request; some container definitions may be missing');
    const matching = (tree.data.tree as TreeEntry[]).filter(
      (entry) => entry.type === 'blob' && !entry.path.split('/').some((part) => SKIPPED_DIRECTORIES.has(part)) && isDefinition(entry.path),
    );
    const texts = matching.length === 0 ? [] : await readBlobs(octokit, where, matching);
    if (matching.length > 0) reads++;

    const files = [];
    for (const [i, entry] of matching.entries()) {
      const text = texts[i];
      if (text === null || text === undefined) {
        notes.push(`${entry.path} could not be read as text (binary or too large)`);
        continue;
      }
      files.push(scanContainerDefinition(entry.path, text));
    }
    repos[repo.full_name] = { fullName: repo.full_name, defaultBranch: repo.default_branch, pushedAt, commit: null, files, notes };
  }
  return { repos, reads };
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
