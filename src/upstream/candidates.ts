import { isBannedVersion, listedVersions } from '../policy/evaluate.js';
import type { ImagePolicy, Policy } from '../policy/types.js';
import { compareVersions } from '../versioning/compare.js';
import { parseTag, parseVersion, type TagVersion } from '../versioning/tag.js';

/**
 * Which upstream tags the watch proposes (SPEC §9). Pure: a whitelist entry and the tags its
 * registry lists in, the newest new version of each release line out.
 *
 * A release line is the part of the version the entry's `update` scope keeps fixed (`minor`: the
 * major, so 20.x and 18.x are two lines). A tag is a candidate when its version has the shape of the
 * line's listed versions (same parts, same prefix), its variant is listed (any variant when the
 * entry lists none), it is no pre-release (unless a listed variant spells the pre-release: `beta`),
 * no `banned` range covers it, and it is newer than the newest listed version of its line. Per line
 * the newest candidate is proposed, with every tag of it in a listed variant.
 */
export interface VersionProposal {
  /** Normalised image name. */
  image: string;
  familiar: string;
  version: string;
  /** The newest listed version of the line: the new one goes beside it. */
  after: string;
  /** Upstream tags of this version in a listed variant, sorted. */
  tags: string[];
}

const KEPT: Record<ImagePolicy['update'], number> = { major: 0, minor: 1, patch: 2 };

/** Versions a person closed a proposal for, as `name@version`: never proposed again. */
export type Rejected = ReadonlySet<string>;

export function rejectionKey(image: string, version: string): string {
  return `${image}@${version}`;
}

export function proposeVersions(policy: Policy, entry: ImagePolicy, tags: readonly string[], rejected: Rejected = new Set()): VersionProposal[] {
  const listed = listedVersions(entry);
  if (listed.length === 0) return [];
  const keep = KEPT[entry.update];
  const lineOf = (version: TagVersion) => `${version.shape} ${version.release.slice(0, Math.min(keep, version.release.length)).join('.')}`;
  const newestListed = new Map<string, TagVersion>();
  for (const version of listed) {
    const line = lineOf(version);
    const known = newestListed.get(line);
    if (!known || compareVersions(version, known) > 0) newestListed.set(line, version);
  }

  const found = new Map<string, { version: TagVersion; tags: Set<string> }>();
  for (const tag of tags) {
    const version = versionOfTag(tag, entry);
    if (version === null) continue;
    const newest = newestListed.get(lineOf(version));
    if (!newest || compareVersions(version, newest) <= 0) continue;
    if (isBannedVersion(policy, entry.name, version)) continue;
    const seen = found.get(version.version) ?? { version, tags: new Set<string>() };
    seen.tags.add(tag);
    found.set(version.version, seen);
  }

  const byLine = new Map<string, { version: TagVersion; tags: Set<string> }>();
  for (const candidate of found.values()) {
    const line = lineOf(candidate.version);
    const best = byLine.get(line);
    if (!best || compareVersions(candidate.version, best.version) > 0) byLine.set(line, candidate);
  }
  const proposals: VersionProposal[] = [];
  for (const [line, { version, tags: versionTags }] of byLine) {
    // A person declined this version: the line waits for a newer one.
    if (rejected.has(rejectionKey(entry.name, version.version))) continue;
    proposals.push({ image: entry.name, familiar: entry.familiar, version: version.version, after: newestListed.get(line)!.version, tags: [...versionTags].sort() });
  }
  return proposals.sort((a, b) => compareVersions(parseVersion(b.version)!, parseVersion(a.version)!));
}

/** The version a tag carries in one of the entry's variants; null when none fits. */
function versionOfTag(tag: string, entry: ImagePolicy): TagVersion | null {
  if (entry.variants === null) {
    const parsed = parseTag(tag);
    if (!parsed || parsed.prerelease !== '') return null;
    return parseVersion(parsed.version);
  }
  for (const variant of entry.variants) {
    if (variant !== '' && !tag.endsWith(`-${variant}`)) continue;
    const token = variant === '' ? tag : tag.slice(0, tag.length - variant.length - 1);
    const version = parseVersion(token);
    if (version && version.prerelease === '') return version;
  }
  return null;
}

/** The newest version upstream in a listed variant and the listed shapes, in any release line (for the inventory). */
export function newestUpstream(entry: ImagePolicy, tags: readonly string[]): string | null {
  const shapes = new Set(listedVersions(entry).map((v) => v.shape));
  let newest: TagVersion | null = null;
  for (const tag of tags) {
    const version = versionOfTag(tag, entry);
    if (version && shapes.has(version.shape) && (newest === null || compareVersions(version, newest) > 0)) newest = version;
  }
  return newest?.version ?? null;
}
