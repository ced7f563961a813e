import { MANIFEST_KINDS, type ManifestKind } from '../files/kinds.js';
import { inertMarkdown } from '../markdown/inert.js';
import type { Policy } from '../policy/types.js';
import { isExpired } from '../policy/exceptions.js';
import type { ImageUsage, Inventory } from './model.js';
import { renderAutomerge } from './automerge.js';
import { renderUpstream } from './upstream.js';
import { usageVerdict, type UsageStatus } from './status.js';

export const INVENTORY_TITLE = 'Plimsoll: base image inventory';
export const INVENTORY_MARKER = '<!-- plimsoll:inventory -->';
/** GitHub refuses issue bodies longer than this (characters). */
export const GITHUB_BODY_LIMIT = 65_536;

const STATUS_ORDER: readonly UsageStatus[] = ['banned', 'outdated', 'unknown', 'excepted', 'allowed'];
const STATUS_ICON: Record<UsageStatus, string> = { banned: '⛔ banned', outdated: '⬆️ outdated', unknown: '❔ unknown', excepted: '🛂 excepted', allowed: '✅ allowed' };

interface VersionRow {
  image: string;
  tag: string;
  status: UsageStatus;
  target: string | null;
  /** `owner/name` → `path:line` places. */
  places: Map<string, string[]>;
}

interface Detail {
  /** List files under each repository. */
  files: boolean;
  /** Repositories listed per version row; beyond, "and N more". */
  reposPerRow: number;
  /** Repositories drawn in the graph. */
  graphRepos: number;
  /** Items listed in the pull request and failed job sections. */
  listItems: number;
}

/** From full detail down to counts: the first that fits GitHub's limit is used. */
const DETAIL_LEVELS: readonly Detail[] = [
  { files: true, reposPerRow: Infinity, graphRepos: 100, listItems: Infinity },
  { files: false, reposPerRow: 30, graphRepos: 60, listItems: 200 },
  { files: false, reposPerRow: 5, graphRepos: 30, listItems: 50 },
  { files: false, reposPerRow: 0, graphRepos: 15, listItems: 20 },
];

export interface RenderOptions {
  now: Date;
  /** Where the full data can be read (an artifact, a gist), linked when the body summarises. */
  detailsUrl?: string;
  limit?: number;
  /** A line shown first, quoted: the policy's state when it is not simply in force (./policy-notice.ts). */
  notice?: string | null;
}

/**
 * The body of the inventory issue (SPEC §7): summary, every image version in use with its status
 * and users, open bump pull requests, failed jobs, exceptions, and a Mermaid graph. Summarised
 * level by level until it fits GitHub's body limit (an org of 10,000 repositories fits).
 */
export function renderInventory(policy: Policy, inventory: Inventory, options: RenderOptions): string {
  const limit = options.limit ?? GITHUB_BODY_LIMIT;
  const rows = versionRows(policy, inventory, options.now);
  for (const detail of DETAIL_LEVELS) {
    const body = renderAt(detail, policy, inventory, rows, options);
    if (body.length <= limit) return body;
  }
  const body = renderAt(DETAIL_LEVELS.at(-1)!, policy, inventory, rows, options);
  const note = '\n\n_…cut to fit GitHub’s size limit._\n';
  return body.slice(0, limit - note.length) + note;
}

function versionRows(policy: Policy, inventory: Inventory, now: Date): VersionRow[] {
  const rows = new Map<string, VersionRow>();
  for (const repo of Object.values(inventory.repos)) {
    for (const file of repo.files) {
      for (const usage of file.images) {
        const verdict = usageVerdict(policy, repo.fullName, usage, now);
        const tag = usage.tag ?? (usage.digest ? `@${usage.digest.slice(0, 19)}` : usage.name === null ? '(unresolved)' : '(no tag)');
        const key = `${usage.familiar}\u0000${tag}\u0000${verdict.status}`;
        const row = rows.get(key) ?? { image: usage.familiar, tag, status: verdict.status, target: verdict.target, places: new Map() };
        const places = row.places.get(repo.fullName) ?? [];
        places.push(`${file.path}:${usage.line}${usage.source ? ` (${usage.source})` : ''}`);
        row.places.set(repo.fullName, places);
        rows.set(key, row);
      }
    }
  }
  return [...rows.values()].sort(
    (a, b) => compare(a.image, b.image) || STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || compare(a.tag, b.tag),
  );
}

const UPDATED_AT = /^Updated \d{4}-\d\d-\d\d \d\d:\d\d UTC:/m;

/**
 * Whether two inventory bodies say the same thing, the "Updated …" time aside: a redelivered
 * push or a rescan that found nothing new does not rewrite the issue (one write, one notification
 * to every watcher of the policy repository, saved).
 */
export function sameInventoryBody(a: string, b: string): boolean {
  return a.replace(UPDATED_AT, 'Updated:') === b.replace(UPDATED_AT, 'Updated:');
}

function renderAt(detail: Detail, policy: Policy, inventory: Inventory, rows: VersionRow[], options: RenderOptions): string {
  const repos = Object.values(inventory.repos);
  const out: string[] = [INVENTORY_MARKER, ''];
  if (options.notice) out.push(`> ${options.notice}`, '');
  const sources = bySource(inventory);
  const files = [`${sources.get('Dockerfile')?.files ?? 0} container definitions`, ...MANIFEST_KINDS.flatMap((kind) => (sources.has(kind) ? [plural(sources.get(kind)!.files, KIND_WORDS[kind])] : []))];
  out.push(`Updated ${options.now.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${repos.length} repositories, ${files.join(', ')}.`);
  if (detail !== DETAIL_LEVELS[0]) {
    out.push('', `_Summarised to fit GitHub’s size limit${options.detailsUrl ? `; full list: ${options.detailsUrl}` : ''}._`);
  }

  const counts = new Map<UsageStatus, { uses: number; repos: Set<string> }>();
  for (const row of rows) {
    const entry = counts.get(row.status) ?? { uses: 0, repos: new Set() };
    for (const [repo, places] of row.places) {
      entry.uses += places.length;
      entry.repos.add(repo);
    }
    counts.set(row.status, entry);
  }
  out.push('', '| status | references | repositories |', '|---|---:|---:|');
  for (const status of STATUS_ORDER) {
    const entry = counts.get(status);
    if (entry) out.push(`| ${STATUS_ICON[status]} | ${entry.uses} | ${entry.repos.size} |`);
  }

  // Images named outside Dockerfiles (SPEC §11): how many, and where.
  if ([...sources.keys()].some((source) => source !== 'Dockerfile')) {
    out.push('', '## By source', '', '| source | references | files | repositories |', '|---|---:|---:|---:|');
    for (const [source, entry] of [...sources].sort((a, b) => SOURCE_ORDER.indexOf(a[0]) - SOURCE_ORDER.indexOf(b[0]))) {
      out.push(`| ${SOURCE_NAMES[source]} | ${entry.uses} | ${entry.files} | ${entry.repos.size} |`);
    }
  }

  out.push('', '## Images in use', '', '| image | version | status | bump to | repositories |', '|---|---|---|---|---|');
  for (const row of rows) {
    out.push(`| ${cell(row.image)} | ${cell(row.tag)} | ${STATUS_ICON[row.status]} | ${row.target ? cell(row.target) : ''} | ${users(row, detail)} |`);
  }

  const pulls = Object.values(inventory.openPullRequests).sort((a, b) => compare(a.repo, b.repo) || compare(a.image, b.image));
  out.push('', `## Open bump pull requests (${pulls.length})`, '');
  if (pulls.length === 0) out.push('None.');
  for (const pull of pulls.slice(0, detail.listItems)) out.push(`- ${pull.repo}#${pull.number}: ${cell(pull.image)} → ${cell(pull.target)}`);
  more(out, pulls.length, detail.listItems, 'pull requests');
  const merging = renderAutomerge(inventory, detail.listItems);
  if (merging.length > 0) out.push('', ...merging);

  const failed = Object.values(inventory.failedJobs).sort((a, b) => compare(a.repo, b.repo) || compare(a.image, b.image));
  out.push('', `## Failed jobs (${failed.length})`, '');
  if (failed.length === 0) out.push('None. A failed job is tried again by `/plimsoll recheck` in an issue of this repository.');
  for (const job of failed.slice(0, detail.listItems)) out.push(`- ${job.repo} (${cell(job.image)}): ${cell(job.message)} after ${job.attempts} attempts, ${job.at}`);
  more(out, failed.length, detail.listItems, 'failed jobs');

  const unfixable = Object.values(inventory.unfixable ?? {}).flat().sort((a, b) => compare(a.repo, b.repo) || compare(a.file, b.file) || a.line - b.line);
  if (unfixable.length > 0) {
    out.push('', `## Not fixable automatically (${unfixable.length})`, '', '| repository | file | line | reference | why |', '|---|---|---:|---|---|');
    for (const u of unfixable.slice(0, detail.listItems)) out.push(`| ${cell(u.repo)} | ${cell(u.file)} | ${u.line} | ${cell(u.reference)} | ${cell(u.reason)} |`);
    more(out, unfixable.length, detail.listItems, 'references');
  }

  out.push('', `## Exceptions (${policy.exceptions.length})`, '');
  if (policy.exceptions.length === 0) out.push('None.');
  else out.push('| repository | image | codes | reason | expires |', '|---|---|---|---|---|');
  for (const exception of policy.exceptions) {
    const expires = exception.expires === null ? 'never' : isExpired(exception, options.now) ? `${exception.expires} (expired)` : exception.expires;
    out.push(`| ${exception.repo} | ${cell(exception.written ?? 'any')} | ${exception.codes.join(', ')} | ${cell(exception.reason)} | ${expires} |`);
  }

  if (inventory.upstream) out.push('', ...renderUpstream(inventory.upstream, detail.listItems));
  out.push('', '## Which images each repository builds on', '', ...graph(inventory, detail));
  for (const repo of repos.filter((r) => r.notes.length > 0).slice(0, detail.listItems)) {
    out.push(`- ${repo.fullName}: ${repo.notes.map(cell).join('; ')}`);
  }
  return out.join('\n') + '\n';
}

function users(row: VersionRow, detail: Detail): string {
  const repos = [...row.places.keys()].sort(compare);
  const count = `${repos.length} ${repos.length === 1 ? 'repository' : 'repositories'}`;
  if (detail.reposPerRow === 0) return count;
  const shown = repos.slice(0, detail.reposPerRow).map((repo) => (detail.files ? `${repo} (${row.places.get(repo)!.map(cell).join(', ')})` : repo));
  const rest = repos.length - shown.length;
  return shown.join('<br>') + (rest > 0 ? `<br>…and ${rest} more (${count})` : '');
}

type Source = 'Dockerfile' | ManifestKind;
const SOURCE_ORDER: readonly Source[] = ['Dockerfile', ...MANIFEST_KINDS];
const SOURCE_NAMES: Record<Source, string> = { Dockerfile: 'Dockerfile (`FROM`, `COPY --from`, `RUN --mount`)', compose: 'compose', kubernetes: 'kubernetes', workflow: 'workflow', devcontainer: 'devcontainer' };
const KIND_WORDS: Record<ManifestKind, string> = { compose: 'compose file', kubernetes: 'Kubernetes manifest', workflow: 'workflow', devcontainer: 'dev container' };

function sourceOf(usage: ImageUsage): Source {
  return usage.source ?? 'Dockerfile';
}

/** References, files and repositories per source: where the installation names its images. */
function bySource(inventory: Inventory): Map<Source, { uses: number; files: number; repos: Set<string> }> {
  const counts = new Map<Source, { uses: number; files: number; repos: Set<string> }>();
  for (const repo of Object.values(inventory.repos)) {
    for (const file of repo.files) {
      const source = file.images[0] ? sourceOf(file.images[0]) : 'Dockerfile';
      const entry = counts.get(source) ?? { uses: 0, files: 0, repos: new Set() };
      entry.files++;
      entry.uses += file.images.length;
      entry.repos.add(repo.fullName);
      counts.set(source, entry);
    }
  }
  return counts;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Repositories by name; past `graphRepos`, counted instead of drawn (Mermaid and the body limit).
 * An image only named outside Dockerfiles (a compose service, a pod, a job container) is a dotted
 * edge labelled with where; an edge both are is labelled with all of them.
 */
function graph(inventory: Inventory, detail: Detail): string[] {
  const edges = new Map<string, Map<string, Set<Source>>>();
  for (const repo of Object.values(inventory.repos)) {
    const images = new Map<string, Set<Source>>();
    for (const usage of repo.files.flatMap((file) => file.images)) {
      if (usage.name === null) continue;
      images.set(usage.familiar, (images.get(usage.familiar) ?? new Set()).add(sourceOf(usage)));
    }
    if (images.size > 0) edges.set(repo.fullName, images);
  }
  const repos = [...edges.keys()].sort(compare).slice(0, detail.graphRepos);
  const imageIds = new Map<string, string>();
  const lines = ['```mermaid', 'graph LR'];
  repos.forEach((repo, r) => {
    lines.push(`  r${r}["${label(repo)}"]`);
    for (const [image, sources] of [...edges.get(repo)!].sort((a, b) => compare(a[0], b[0]))) {
      let id = imageIds.get(image);
      if (!id) {
        id = `i${imageIds.size}`;
        imageIds.set(image, id);
        lines.push(`  ${id}[("${label(image)}")]`);
      }
      const names = SOURCE_ORDER.filter((source) => sources.has(source));
      if (names.length === 1 && names[0] === 'Dockerfile') lines.push(`  r${r} --> ${id}`);
      else lines.push(`  r${r} ${sources.has('Dockerfile') ? '-->' : '-.->'}|${names.join(', ')}| ${id}`);
    }
  });
  lines.push('```');
  if (edges.size > repos.length) lines.push('', `${edges.size - repos.length} more repositories not drawn.`);
  return lines;
}

function more(out: string[], total: number, shown: number, what: string): void {
  if (total > shown) out.push(`- …and ${total - shown} more ${what}`);
}

/** Paths, references and reasons come from repositories and the policy: inert on GitHub. */
function cell(text: string): string {
  return inertMarkdown(text, { max: 500 });
}

function label(text: string): string {
  return text.replaceAll('"', '#quot;');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
