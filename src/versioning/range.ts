import { createRequire } from 'node:module';
import type semverModule from 'semver';
import { comparePrerelease } from './compare.js';
import type { TagVersion } from './tag.js';

/**
 * Semver ranges (`<18.19.1`, `>=3 <3.12.4`, `^1.2 || 2.x`) applied to docker tags. semver parses
 * the range; the comparison is ours, so versions of any length take part (`1.2.3.4` is inside
 * `>=1.2.3 <1.2.4`) and pre-releases count (a banned range bans `11.0.0-preview.7` too).
 */

/** semver is loaded on first use: only a policy with `banned` ranges needs it, and `plimsoll lint`
 *  without a policy starts faster without it. */
let loaded: typeof semverModule | undefined;
function semver(): typeof semverModule {
  return (loaded ??= createRequire(import.meta.url)('semver') as typeof semverModule);
}

export function isValidRange(range: string): boolean {
  return semver().validRange(range) !== null;
}

export function satisfiesRange(version: TagVersion, range: string): boolean {
  let parsed: semverModule.Range;
  try {
    parsed = new (semver().Range)(range, { includePrerelease: true });
  } catch {
    return false;
  }
  return parsed.set.some((comparators) => comparators.every((c) => satisfiesComparator(version, c)));
}

function satisfiesComparator(version: TagVersion, comparator: semverModule.Comparator): boolean {
  if (comparator.value === '') return true; // `*`
  const order = compareToSemver(version, comparator.semver);
  switch (comparator.operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    default:
      return order === 0;
  }
}

function compareToSemver(version: TagVersion, target: semverModule.SemVer): number {
  const theirs = [target.major, target.minor, target.patch];
  const length = Math.max(version.release.length, theirs.length);
  for (let i = 0; i < length; i++) {
    const x = version.release[i] ?? 0;
    const y = theirs[i] ?? 0;
    if (x !== y) return x - y;
  }
  return comparePrerelease(version.prerelease, target.prerelease.join('.'));
}
