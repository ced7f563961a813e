import { normaliseImageName, parseImageReference } from '../dockerfile/reference.js';
import { fanOutCost, type BumpAction, type FanOutCost } from '../fanout/cost.js';
import { changedImages, planFanOut } from '../fanout/plan.js';
import { jobId, type ImageUsage, type Inventory } from '../inventory/model.js';
import { usageVerdict } from '../inventory/status.js';
import { diffPolicies, type PolicyChanges } from '../policy/diff.js';
import { evaluateImage } from '../policy/evaluate.js';
import { isExpired } from '../policy/exceptions.js';
import type { Policy, StandingException } from '../policy/types.js';
import type { WriteLimit } from '../queue/throttle.js';

/**
 * The blast radius of a policy change, from the inventory (SPEC §7, last paragraph): what the
 * fan-out would do if the pull request were merged, and nothing is written. Pure: the inventory
 * is read by the caller, once, and kept.
 */

/** Where a usage stands: finer than the inventory's `unknown`, as ops need to tell them apart. */
export type Standing = 'allowed' | 'outdated' | 'banned' | 'unlisted' | 'excepted' | 'unknown';

export interface PreviewEdit {
  path: string;
  line: number;
  from: string;
  to: string;
  /** Where the image is named outside a Dockerfile (SPEC §11); absent for a Dockerfile. */
  source?: ImageUsage['source'];
}

export interface PreviewBump {
  repo: string;
  /** As people write it (`node`). */
  familiar: string;
  image: string;
  banned: boolean;
  action: BumpAction;
  edits: PreviewEdit[];
  /** The ban's reason, when a banned version is replaced. */
  reason: string | null;
  /** The open Plimsoll pull request this updates or closes. */
  number: number | null;
}

export interface UsageChange {
  repo: string;
  path: string;
  line: number;
  familiar: string;
  tag: string | null;
  before: Standing;
  after: Standing;
  /** The bump target under the new policy. */
  target: string | null;
  reason: string | null;
  /** Where the image is named outside a Dockerfile (SPEC §11); absent for a Dockerfile. */
  source?: ImageUsage['source'];
}

export interface ExpiringException {
  exception: StandingException;
  /** Days left, counting today; 0 or less: already expired. */
  daysLeft: number;
}

export interface Preview {
  changes: PolicyChanges;
  mode: Policy['bumps']['mode'];
  bumps: PreviewBump[];
  /** Usages that become banned, unlisted or outdated, banned first. */
  usages: UsageChange[];
  /** Usages that were refused or due a bump and no longer are. */
  relieved: number;
  exceptions: { added: StandingException[]; removed: StandingException[]; expiring: ExpiringException[] };
  cost: FanOutCost;
  inventory: { repositories: number; files: number; usages: number };
}

export interface PreviewInput {
  /** The policy in force; null when none (everything the new policy says is new). */
  base: Policy | null;
  head: Policy;
  inventory: Inventory;
  now: Date;
  limits: readonly WriteLimit[];
}

const EXPIRY_WINDOW_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const BECOMES: ReadonlySet<Standing> = new Set(['banned', 'unlisted', 'outdated']);
const STANDING_ORDER: readonly Standing[] = ['banned', 'unlisted', 'outdated', 'unknown', 'excepted', 'allowed'];

export function previewPolicyChange(input: PreviewInput): Preview {
  const { base, head, inventory, now } = input;
  const changes = diffPolicies(base, head);
  const bumps = plannedBumps(base, head, inventory, now);

  const usages: UsageChange[] = [];
  let relieved = 0;
  let files = 0;
  let count = 0;
  for (const repo of Object.values(inventory.repos)) {
    files += repo.files.length;
    for (const file of repo.files) {
      for (const usage of file.images) {
        count++;
        const before = base === null ? 'allowed' : standing(base, repo.fullName, usage, now).standing;
        const after = standing(head, repo.fullName, usage, now);
        if (after.standing === before) continue;
        if (BECOMES.has(after.standing)) {
          usages.push({ repo: repo.fullName, path: file.path, line: usage.line, familiar: usage.familiar, tag: usage.tag, before, after: after.standing, target: after.target, reason: after.reason, ...(usage.source ? { source: usage.source } : {}) });
        } else if (BECOMES.has(before) || before === 'unknown') relieved++;
      }
    }
  }
  usages.sort((a, b) => STANDING_ORDER.indexOf(a.after) - STANDING_ORDER.indexOf(b.after) || compare(a.repo, b.repo) || compare(a.path, b.path) || a.line - b.line);

  const expiring = head.exceptions
    .filter((exception) => exception.expires !== null)
    .map((exception) => ({ exception, daysLeft: daysLeft(exception, now) }))
    .filter(({ exception, daysLeft: left }) => left <= EXPIRY_WINDOW_DAYS || isExpired(exception, now))
    .sort((a, b) => a.daysLeft - b.daysLeft);

  return {
    changes,
    mode: head.bumps.mode,
    bumps,
    usages,
    relieved,
    exceptions: { added: changes.exceptions.added, removed: changes.exceptions.removed, expiring },
    cost: fanOutCost(
      bumps.map((bump) => bump.action),
      Object.keys(inventory.repos).length,
      input.limits,
    ),
    inventory: { repositories: Object.keys(inventory.repos).length, files, usages: count },
  };
}

/**
 * The jobs the fan-out would run after the merge (`planFanOut` over the images the change touches),
 * each with the edits the inventory shows and what it would do to the pull request the inventory
 * knows of: open, move to the new target, leave, or close (the default branch no longer needs it).
 */
function plannedBumps(base: Policy | null, head: Policy, inventory: Inventory, now: Date): PreviewBump[] {
  if (head.bumps.mode === 'off') return [];
  const scope = changedImages(base, head);
  const jobs = planFanOut(head, inventory, now, scope);
  let open = Object.keys(inventory.openPullRequests).length;
  const bumps: PreviewBump[] = [];
  for (const job of jobs) {
    const repo = inventory.repos[job.repo];
    const edits: PreviewEdit[] = [];
    let reason: string | null = null;
    for (const file of repo?.files ?? []) {
      if (!job.paths.includes(file.path)) continue;
      for (const usage of file.images) {
        if (usage.name !== job.image) continue;
        const verdict = usageVerdict(head, job.repo, usage, now);
        if ((verdict.status !== 'banned' && verdict.status !== 'outdated') || verdict.target === null) continue;
        edits.push({ path: file.path, line: usage.line, from: usage.tag ?? '(no tag)', to: verdict.target, ...(usage.source ? { source: usage.source } : {}) });
        reason ??= verdict.reason;
      }
    }
    const target = [...new Set(edits.map((edit) => edit.to))].sort().join(', ');
    const existing = inventory.openPullRequests[job.id] ?? null;
    let action: BumpAction;
    if (head.bumps.mode === 'dry-run') action = 'dry-run';
    else if (existing) action = existing.target === target ? 'unchanged' : 'update';
    else if (open < head.bumps.maxOpen) {
      action = 'open';
      open++;
    } else action = 'max-open';
    bumps.push({ repo: job.repo, familiar: job.familiar, image: job.image, banned: job.banned, action, edits, reason, number: existing?.number ?? null });
  }
  // Open pull requests the plan no longer asks for are closed as superseded.
  const planned = new Set(jobs.map((job) => job.id));
  for (const [id, pull] of Object.entries(inventory.openPullRequests)) {
    const image = normaliseImageName(pull.image) ?? pull.image;
    if (planned.has(id) || (scope !== 'all' && !scope.has(image)) || jobId(pull.repo, image) !== id) continue;
    bumps.push({ repo: pull.repo, familiar: pull.image, image, banned: false, action: head.bumps.mode === 'dry-run' ? 'dry-run' : 'close', edits: [], reason: null, number: pull.number });
  }
  return bumps;
}

/** Where a usage stands against a policy: the inventory's verdict, with "not on the whitelist" told apart. */
export function standing(policy: Policy, repo: string, usage: ImageUsage, now: Date): { standing: Standing; target: string | null; reason: string | null } {
  const verdict = usageVerdict(policy, repo, usage, now);
  if (verdict.status === 'banned' || verdict.status === 'excepted' || verdict.status === 'allowed') return { standing: verdict.status, target: verdict.target, reason: verdict.reason };
  const ref = usage.name === null ? null : parseImageReference(`${usage.name}${usage.tag === null ? '' : `:${usage.tag}`}${usage.digest === null ? '' : `@${usage.digest}`}`);
  const unlisted = ref !== null && evaluateImage(policy, ref).notAllowed !== null;
  if (unlisted) return { standing: 'unlisted', target: verdict.target, reason: null };
  return { standing: verdict.status === 'outdated' ? 'outdated' : 'unknown', target: verdict.target, reason: null };
}

function daysLeft(exception: StandingException, now: Date): number {
  const [year, month, day] = exception.expires!.split('-').map(Number) as [number, number, number];
  return Math.ceil((Date.UTC(year, month - 1, day + 1) - now.getTime()) / DAY_MS);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
