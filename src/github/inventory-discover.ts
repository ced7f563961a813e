import { SKIPPED_DIRECTORIES } from '../files/globs.js';
import { decodeAs, MAX_FILE_BYTES } from '../files/read.js';
import { envFileFor } from '../manifests/compose.js';
import { relatedPaths } from '../manifests/extract.js';
import { isHelmTemplate, MAX_MANIFEST_CHARS, type FileKind } from '../manifests/kinds.js';
import { formatPolicyError } from '../policy/errors.js';
import { classifierFor, defaultRepoConfig, loadRepoConfig, REPO_CONFIG_PATH } from '../policy/repo-config.js';
import type { FileInventory, Inventory, RepoInventory } from '../inventory/model.js';
import { scanContainerDefinition, scanManifests, type ManifestFile } from '../inventory/scan.js';
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
  /** Bytes, for blobs. */
  size?: number;
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

/** Text a GraphQL read carries at most; GitHub cuts a blob's `text` at 512,000 bytes and says so. */
const TEXT_PER_READ = 4 * 1024 * 1024;
const BLOBS_PER_READ = 100;

/**
 * One repository's container definitions, compose files, Kubernetes manifests, workflows and dev
 * containers (SPEC §11) on its default branch, as its own config (`.github/plimsoll.yml`: `globs`,
 * `ignore`, `kinds`) selects them, the way a review does. One tree and one GraphQL read for the
 * texts of every file the defaults select, its config, and the `.env` beside each compose file; a
 * second only when the config selects files the defaults do not, or a dev container names compose
 * files not read yet. A very large repository's texts take one read per 4 MB; a text over GitHub's
 * 512 KB GraphQL limit is read as a blob.
 */
export async function scanRepository(octokit: Octokit, repo: RepositoryToScan, globs?: readonly string[]): Promise<{ inventory: RepoInventory; reads: number }> {
  const where = { owner: repo.owner, repo: repo.repo };
  const tree = await octokit.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...where, tree_sha: repo.defaultBranch, recursive: '1' });
  let reads = 1;
  const notes: string[] = [];
  if (tree.data.truncated) notes.push('the file tree is too large to list in one request; some container definitions may be missing');
  const blobs = (tree.data.tree as TreeEntry[]).filter((entry) => entry.type === 'blob' && !entry.path.split('/').some((part) => SKIPPED_DIRECTORIES.has(part)));
  const inTree = new Map(blobs.map((entry) => [entry.path, entry]));
  const configEntry = inTree.get(REPO_CONFIG_PATH);

  const texts = new Map<string, string | null>();
  const read = async (entries: ReadonlyArray<{ entry: TreeEntry; maxBytes: number }>) => {
    const fresh = [...new Map(entries.filter(({ entry }) => !texts.has(entry.path)).map((item) => [item.entry.path, item])).values()];
    reads += await readTexts(octokit, where, fresh, texts);
  };
  const select = (classify: (path: string) => FileKind | null) =>
    blobs.flatMap((entry) => {
      const kind = classify(entry.path);
      // A Helm chart's templates are Go templates, not manifests.
      if (kind === null || (kind === 'kubernetes' && isHelmTemplate(entry.path, (path) => inTree.has(path)))) return [];
      return [{ entry, kind, maxBytes: kind === 'dockerfile' ? MAX_FILE_BYTES : MAX_MANIFEST_CHARS }];
    });
  // The files the selected ones read besides: a compose file's `.env`, a dev container's compose files once its text is known.
  const relatedOf = (selected: ReadonlyArray<{ entry: TreeEntry; kind: FileKind }>) =>
    selected.flatMap(({ entry, kind }) => {
      if (kind === 'dockerfile') return [];
      const text = texts.get(entry.path);
      const paths = kind === 'compose' ? [envFileFor(entry.path)] : text ? relatedPaths(kind, entry.path, text) : [];
      return paths.flatMap((path) => (inTree.has(path) ? [{ entry: inTree.get(path)!, maxBytes: MAX_MANIFEST_CHARS }] : []));
    });

  let selected = select(classifierFor(globs ? { ...defaultRepoConfig(), globs: [...globs] } : undefined));
  await read([...(configEntry ? [{ entry: configEntry, maxBytes: MAX_MANIFEST_CHARS }] : []), ...selected, ...relatedOf(selected)]);
  if (configEntry) {
    const config = loadRepoConfig(texts.get(configEntry.path) ?? '', REPO_CONFIG_PATH);
    if (config.ok) {
      selected = select(classifierFor({ ...config.config, globs: config.config.globs ?? (globs ? [...globs] : null) }));
    } else {
      notes.push(`${config.errors.map(formatPolicyError).join('; ')}: the repository config is invalid, so the default globs were used`);
    }
  }
  await read([...selected, ...relatedOf(selected)]);
  // Dev containers only the config selects name their compose files once read.
  await read(relatedOf(selected));

  const files: FileInventory[] = [];
  const manifests: ManifestFile[] = [];
  for (const { entry, kind } of selected) {
    const text = texts.get(entry.path);
    if (text === null || text === undefined) {
      // Any YAML file is a Kubernetes candidate: a lock file too large to read is no news.
      if (kind !== 'kubernetes') notes.push(`${entry.path} could not be read as text (binary or too large)`);
      continue;
    }
    if (kind === 'dockerfile') files.push(scanContainerDefinition(entry.path, text));
    else manifests.push({ path: entry.path, kind, text });
  }
  const readable = new Map([...texts].flatMap(([path, text]) => (text === null ? [] : [[path, text] as const])));
  const others = scanManifests(manifests, readable);
  files.push(...others.files);
  notes.push(...others.notes);
  const inventory: RepoInventory = { fullName: `${repo.owner}/${repo.repo}`, defaultBranch: repo.defaultBranch, pushedAt: repo.pushedAt, commit: null, files, notes };
  return { inventory, reads };
}

interface BlobsResponse {
  repository: Record<string, { text: string | null; isBinary: boolean | null; isTruncated: boolean } | null>;
}

/**
 * The texts of many blobs of one repository into `into` (null: not text, or over its limit), by
 * the tree's blob ids so the files are those of the tree just read: one GraphQL request per 100
 * blobs or 4 MB of text, and a blob read for each text GitHub's GraphQL cuts. Returns the requests sent.
 */
async function readTexts(octokit: Octokit, where: { owner: string; repo: string }, wanted: ReadonlyArray<{ entry: TreeEntry; maxBytes: number }>, into: Map<string, string | null>): Promise<number> {
  let requests = 0;
  const batches: TreeEntry[][] = [];
  let batch: TreeEntry[] = [];
  let size = 0;
  for (const { entry, maxBytes } of wanted) {
    if ((entry.size ?? 0) > maxBytes) {
      into.set(entry.path, null);
      continue;
    }
    const expected = Math.min(entry.size ?? 0, GRAPHQL_TEXT_LIMIT);
    if (batch.length > 0 && (batch.length >= BLOBS_PER_READ || size + expected > TEXT_PER_READ)) {
      batches.push(batch);
      batch = [];
      size = 0;
    }
    batch.push(entry);
    size += expected;
  }
  if (batch.length > 0) batches.push(batch);
  const limits = new Map(wanted.map(({ entry, maxBytes }) => [entry.path, maxBytes]));
  for (const entries of batches) {
    const blobs = await readBlobs(octokit, where, entries);
    requests++;
    for (const [i, entry] of entries.entries()) {
      const blob = blobs[i];
      if (!blob || blob.isBinary) into.set(entry.path, null);
      else if (!blob.isTruncated && blob.text !== null) into.set(entry.path, blob.text);
      else {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { ...where, file_sha: entry.sha });
        requests++;
        const decoded = decodeAs(Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8'), { maxBytes: limits.get(entry.path)!, what: 'a text file' });
        into.set(entry.path, decoded.ok ? decoded.text : null);
      }
    }
  }
  return requests;
}

/** GitHub's GraphQL `Blob.text` stops here (`isTruncated`). */
const GRAPHQL_TEXT_LIMIT = 512_000;

/** The text of many blobs of one repository in one GraphQL request. */
async function readBlobs(octokit: Octokit, where: { owner: string; repo: string }, entries: readonly TreeEntry[]): Promise<Array<{ text: string | null; isBinary: boolean | null; isTruncated: boolean } | null>> {
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
  return entries.map((_, i) => response.repository[`b${i}`] ?? null);
}
