import { jobId, type Inventory } from '../inventory/model.js';
import { usageVerdict } from '../inventory/status.js';
import type { Policy } from '../policy/types.js';

/**
 * Rebuild on a ban (SPEC §7 `bumps.rebuild: dispatch`): a policy change that bans a version a
 * repository uses sends that repository one `repository_dispatch` event, so its pipeline can
 * rebuild the running release on the target at once, before the bump pull request merges. Pure:
 * which repositories, and what each event says.
 */

export const DISPATCH_EVENT = 'plimsoll-base-banned';

/** GitHub's limits on `client_payload`: at most 10 top-level keys, under 64 KB. */
const MAX_BANS = 20;
const MAX_FILES = 10;

export interface Ban {
  /** As the repository writes it (`node`). */
  image: string;
  /** The tag in use that the policy now bans (`18.19.0-alpine`). */
  version: string;
  /** The tag the bump moves to, or null when the policy lists none to move to. */
  target: string | null;
  reason: string | null;
  /** `path:line` of each use. */
  files: string[];
  /** The open bump pull request for the image, when there is one. */
  pullRequest: { number: number; url: string } | null;
}

export interface PlannedDispatch {
  /** `owner/name`. */
  repo: string;
  bans: Ban[];
}

/**
 * Every repository with a usage that `after` bans and `before` did not (every banned usage when
 * there was no policy before), standing exceptions respected. Repositories in name order, bans
 * by image and version.
 */
export function planDispatches(before: Policy | null, after: Policy, inventory: Inventory, now: Date): PlannedDispatch[] {
  if (after.bumps.rebuild !== 'dispatch') return [];
  const planned: PlannedDispatch[] = [];
  for (const repo of Object.values(inventory.repos)) {
    const bans = new Map<string, Ban>();
    for (const file of repo.files) {
      for (const usage of file.images) {
        if (usage.name === null) continue;
        const verdict = usageVerdict(after, repo.fullName, usage, now);
        if (verdict.status !== 'banned') continue;
        if (before && usageVerdict(before, repo.fullName, usage, now).status === 'banned') continue;
        const version = usage.tag ?? (usage.digest ? `@${usage.digest}` : '');
        const key = `${usage.familiar}\u0000${version}`;
        const open = inventory.openPullRequests[jobId(repo.fullName, usage.name)];
        const ban = bans.get(key) ?? { image: usage.familiar, version, target: verdict.target, reason: verdict.reason, files: [], pullRequest: open ? { number: open.number, url: open.url } : null };
        ban.files.push(`${file.path}:${usage.line}`);
        bans.set(key, ban);
      }
    }
    if (bans.size > 0) planned.push({ repo: repo.fullName, bans: [...bans.values()].sort((a, b) => compare(a.image, b.image) || compare(a.version, b.version)) });
  }
  return planned.sort((a, b) => compare(a.repo.toLowerCase(), b.repo.toLowerCase()));
}

/**
 * The event's `client_payload`: the first ban at the top level (image, banned version, target,
 * reason, bump pull request), every ban in `bans`, and the policy commit that banned them.
 */
export function dispatchPayload(dispatch: PlannedDispatch, policyCommit: string): Record<string, unknown> {
  const bans = dispatch.bans.slice(0, MAX_BANS).map((ban) => ({
    image: ban.image,
    banned_version: ban.version,
    target: ban.target,
    reason: ban.reason === null ? null : ban.reason.slice(0, 500),
    pull_request: ban.pullRequest,
    files: ban.files.slice(0, MAX_FILES),
  }));
  const first = bans[0]!;
  return {
    image: first.image,
    banned_version: first.banned_version,
    target: first.target,
    reason: first.reason,
    pull_request: first.pull_request,
    policy_commit: policyCommit,
    bans,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
