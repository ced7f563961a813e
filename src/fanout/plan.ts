import type { Inventory, RepoInventory } from '../inventory/model.js';
import { jobId } from '../inventory/model.js';
import type { ManifestKind } from '../manifests/kinds.js';
import { usageVerdict } from '../inventory/status.js';
import type { Policy } from '../policy/types.js';

/** One (repository, image) to bring in line: the unit of work of the queue. */
export interface BumpJob {
  id: string;
  repo: string;
  /** Normalised image name (`docker.io/library/node`). */
  image: string;
  /** As people write it (`node`), for titles and logs. */
  familiar: string;
  /** A banned version is in use: goes first, and the pull request is labelled `security`. */
  banned: boolean;
  /**
   * Files of the repository that use the image, from the inventory: container definitions, and
   * compose files, manifests, workflows and dev containers (SPEC §11).
   */
  paths: string[];
  /** Which of `paths` are files of another kind, and of which (absent in jobs queued before SPEC §11). */
  kinds?: Record<string, ManifestKind>;
  /** Files those read besides (the `.env` a compose value comes from): read with them, edited where a value is written. */
  related?: string[];
}

/**
 * The files a job reads: `paths` (those with usages to bump); for files of other kinds, the files
 * their values come from; and every other file reading one of those (two compose files sharing a
 * `.env`), so a shared value is edited only when all of its users agree.
 */
export function jobFiles(repo: RepoInventory, paths: readonly string[]): Pick<BumpJob, 'paths' | 'kinds' | 'related'> {
  const using = repo.files.filter((file) => paths.includes(file.path));
  const related = new Set(using.flatMap((file) => file.related ?? []));
  const sharing = repo.files.filter((file) => !using.includes(file) && (file.related ?? []).some((path) => related.has(path)));
  const files = [...using, ...sharing];
  const kinds: Record<string, ManifestKind> = {};
  for (const file of files) {
    const source = file.images[0]?.source;
    if (source) kinds[file.path] = source;
  }
  return {
    paths: [...paths, ...sharing.map((file) => file.path)],
    ...(Object.keys(kinds).length > 0 ? { kinds } : {}),
    ...(related.size > 0 ? { related: [...related].filter((path) => !files.some((file) => file.path === path)) } : {}),
  };
}

/** Images a policy change can affect: every image when there was no policy before, or when the
 *  whitelist appeared or went away. */
export type ChangedImages = ReadonlySet<string> | 'all';

/**
 * Images whose whitelist entry or banned entries differ between two policies. Only they need
 * scanning after a policy push: everything else was already planned under the old policy.
 */
export function changedImages(before: Policy | null, after: Policy): ChangedImages {
  if (before === null || (before.images === null) !== (after.images === null)) return 'all';
  const changed = new Set<string>();
  const compare = <T extends { name: string }>(left: readonly T[], right: readonly T[]) => {
    const names = new Set([...left, ...right].map((entry) => entry.name));
    for (const name of names) {
      const a = JSON.stringify(left.filter((entry) => entry.name === name));
      const b = JSON.stringify(right.filter((entry) => entry.name === name));
      if (a !== b) changed.add(name);
    }
  };
  compare(before.images ?? [], after.images ?? []);
  compare(before.banned, after.banned);
  return changed;
}

/**
 * The jobs a policy asks for, from the inventory: every (repository, image) with a usage that is
 * banned or outdated and not covered by a standing exception. One job per pair however many files
 * and lines use the image; banned first, then by repository and image so runs are reproducible.
 */
export function planFanOut(policy: Policy, inventory: Inventory, now: Date, scope: ChangedImages = 'all'): BumpJob[] {
  if (policy.bumps.mode === 'off') return [];
  const jobs = new Map<string, BumpJob>();
  for (const repo of Object.values(inventory.repos)) {
    for (const file of repo.files) {
      for (const usage of file.images) {
        if (usage.name === null || (scope !== 'all' && !scope.has(usage.name))) continue;
        const verdict = usageVerdict(policy, repo.fullName, usage, now);
        if (verdict.status !== 'banned' && verdict.status !== 'outdated') continue;
        if (verdict.target === null) continue;
        const id = jobId(repo.fullName, usage.name);
        const job = jobs.get(id) ?? { id, repo: repo.fullName, image: usage.name, familiar: usage.familiar, banned: false, paths: [] };
        job.banned ||= verdict.status === 'banned';
        if (!job.paths.includes(file.path)) job.paths.push(file.path);
        jobs.set(id, job);
      }
    }
  }
  for (const job of jobs.values()) Object.assign(job, jobFiles(inventory.repos[job.repo]!, job.paths));
  return [...jobs.values()].sort(
    (a, b) => Number(b.banned) - Number(a.banned) || compareText(a.repo.toLowerCase(), b.repo.toLowerCase()) || compareText(a.image, b.image),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Branch of the bump pull request for an image (SPEC §7): `plimsoll/node`, `plimsoll/ghcr.io-acme-python`. */
export function branchFor(familiar: string): string {
  const slug = familiar
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return `plimsoll/${slug}`;
}
