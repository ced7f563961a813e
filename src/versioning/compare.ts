import type { TagVersion } from './tag.js';

/** How far a bump may move a pinned version (policy `update`). */
export type UpdateScope = 'patch' | 'minor' | 'major';

export const UPDATE_SCOPES: readonly UpdateScope[] = ['patch', 'minor', 'major'];

/** Leading release components a scope keeps: `minor` keeps the major (10.4.9 → 10.5.0, not 11.0.0). */
const KEPT_COMPONENTS: Record<UpdateScope, number> = { major: 0, minor: 1, patch: 2 };

/** Pre-release identifiers compare numerically when both are numbers, as in semver. */
export function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  // A release sorts above its pre-releases.
  if (a === '') return 1;
  if (b === '') return -1;
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const order = compareIdentifier(x, y);
    if (order !== 0) return order;
  }
  return 0;
}

function compareIdentifier(x: string, y: string): number {
  const xNumeric = /^\d+$/.test(x);
  const yNumeric = /^\d+$/.test(y);
  if (xNumeric && yNumeric) return Number(x) - Number(y);
  if (xNumeric) return -1;
  if (yNumeric) return 1;
  return x.localeCompare(y, 'en', { numeric: true });
}

/**
 * Order two versions as Renovate's docker versioning does where the two meet
 * (lib/modules/versioning/docker): numbers first, and when one version is the other cut short,
 * the shorter is the greater (`1.2` > `1.2.3`, `10.1` > `10.1.2`: the short tag floats to the
 * newest release it covers); then a pre-release sorts below its release; then a bare version
 * above a variant, variants in Renovate's (reverse alphabetical) order. One deliberate difference:
 * pre-release identifiers compare numerically (`rc9` < `rc10`, as in semver), where Renovate
 * compares them as text (`rc10` < `rc9`). Meaningful for compatible versions; otherwise still a
 * total order, so lists sort deterministically.
 */
export function compareVersions(a: TagVersion, b: TagVersion): number {
  const length = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < length; i++) {
    const x = a.release[i];
    const y = b.release[i];
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    if (x !== y) return x - y;
  }
  const pre = comparePrerelease(a.prerelease, b.prerelease);
  if (pre !== 0) return pre;
  if (a.suffix !== b.suffix) return b.suffix < a.suffix ? -1 : 1;
  return a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0;
}

/** Versions of the same shape (`20.11.1` and `18.19.1`, not `20.11` or `v20.11.1`) and the same
 *  variant (`-alpine` never compares with `-bookworm`) may replace each other in a tag. */
export function isCompatible(a: TagVersion, b: TagVersion): boolean {
  return a.shape === b.shape && a.suffix === b.suffix;
}

/** True when `candidate` is a move `scope` allows from `current` (either direction). */
export function withinScope(current: TagVersion, candidate: TagVersion, scope: UpdateScope): boolean {
  if (!isCompatible(current, candidate)) return false;
  const kept = Math.min(KEPT_COMPONENTS[scope], current.release.length);
  for (let i = 0; i < kept; i++) {
    if (current.release[i] !== candidate.release[i]) return false;
  }
  return true;
}
