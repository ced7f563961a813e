import type { ImageRef } from '../dockerfile/types.js';
import { compareVersions, isCompatible, withinScope } from '../versioning/compare.js';
import { satisfiesRange } from '../versioning/range.js';
import { parseTag, parseVersion, type TagVersion } from '../versioning/tag.js';
import { bannedEntriesFor, imagePolicyFor, isTrusted } from './match.js';
import { isOwnImage } from './own-images.js';
import type { BannedVersions, ImagePolicy, Policy } from './types.js';

/** A tag read against a whitelist entry: its version token and its variant. */
export interface TagReading {
  tag: string;
  /** The version part, or null when the tag is not a version (`bookworm`, `lts`). */
  version: TagVersion | null;
  /** What follows `<version>-` ('' for a bare version); the whole tag when it is not a version. */
  variant: string;
}

export type NotAllowed =
  | { kind: 'image' }
  | { kind: 'version' }
  | { kind: 'variant' }
  | { kind: 'tag' }
  | { kind: 'untagged' }
  | { kind: 'digest' };

export type Floating = 'untagged' | 'latest' | 'not-a-version' | 'partial';

/** Everything the policy says about one image reference. Pure data; rules phrase it. */
export interface ImageVerdict {
  ref: ImageRef;
  entry: ImagePolicy | null;
  reading: TagReading | null;
  /** Why the whitelist refuses it; null when allowed (or when there is no whitelist). */
  notAllowed: NotAllowed | null;
  /** The banned entry that covers it. */
  banned: BannedVersions | null;
  /** Why the tag floats; null when pinned (by a version, a listed tag or a digest). */
  floating: Floating | null;
  /** For an allowed version: the newest listed one its `update` scope allows (the bump due). */
  newer: TagVersion | null;
  /** The policy's digest for this tag, when the reference carries a different one. */
  expectedDigest: string | null;
  trusted: boolean;
}

/** Read a tag as version + variant, preferring a version the entry lists (`2.0-1-foo` with 2.0 listed). */
export function readTag(tag: string, entry: ImagePolicy | null | undefined): TagReading {
  let best: string | null = null;
  for (const listed of entry?.versions ?? []) {
    if ((tag === listed || tag.startsWith(`${listed}-`)) && (best === null || listed.length > best.length)) best = listed;
  }
  if (best !== null) {
    const version = parseVersion(best);
    if (version) return { tag, version, variant: tag.slice(best.length + 1) };
  }
  const parsed = parseTag(tag);
  if (!parsed) return { tag, version: null, variant: tag };
  return { tag, version: parseVersion(parsed.version) ?? parsed, variant: parsed.suffix };
}

export function evaluateImage(policy: Policy, ref: ImageRef): ImageVerdict {
  const entry = imagePolicyFor(policy, ref) ?? null;
  const reading = ref.tag === null ? null : readTag(ref.tag, entry);
  const banned = bannedFor(policy, ref, reading);
  // The organization's own images are not base images: the whitelist does not apply to them.
  const notAllowed = policy.images === null || (entry === null && isOwnImage(policy, ref.name)) ? null : whitelistVerdict(entry, ref, reading);
  const listedVersion = notAllowed === null && entry?.versions && reading?.version ? reading.version : null;
  return {
    ref,
    entry,
    reading,
    notAllowed: banned ? null : notAllowed,
    banned,
    floating: floatingKind(ref, entry, reading),
    newer: listedVersion && entry && !banned ? newestInScope(policy, entry, listedVersion) : null,
    expectedDigest: expectedDigest(entry, ref),
    trusted: isTrusted(policy, ref),
  };
}

function bannedFor(policy: Policy, ref: ImageRef, reading: TagReading | null): BannedVersions | null {
  for (const ban of bannedEntriesFor(policy, ref)) {
    if (ban.versions === null) return ban;
    if (reading?.version && satisfiesRange(reading.version, ban.versions)) return ban;
  }
  return null;
}

/** True when a version of this image falls in a banned range. */
export function isBannedVersion(policy: Policy, name: string, version: TagVersion): boolean {
  return policy.banned.some((ban) => ban.name === name && (ban.versions === null || satisfiesRange(version, ban.versions)));
}

function whitelistVerdict(entry: ImagePolicy | null, ref: ImageRef, reading: TagReading | null): NotAllowed | null {
  if (!entry) return { kind: 'image' };
  const anyTag = entry.versions === null && entry.tags.length === 0;
  if (reading === null) {
    if (ref.digest !== null && Object.values(entry.digests).some((d) => sameDigest(d, ref.digest!))) return null;
    if (anyTag) return null;
    return ref.digest !== null ? { kind: 'digest' } : { kind: 'untagged' };
  }
  if (entry.tags.includes(reading.tag)) return null;
  if (reading.version === null) return anyTag ? null : { kind: 'tag' };
  // An entry with only `tags:` allows those tags and no version.
  if (entry.versions === null && entry.tags.length > 0) return { kind: 'tag' };
  if (entry.versions !== null && !entry.versions.includes(reading.version.version)) return { kind: 'version' };
  if (entry.variants !== null && !entry.variants.includes(reading.variant)) return { kind: 'variant' };
  return null;
}

function floatingKind(ref: ImageRef, entry: ImagePolicy | null, reading: TagReading | null): Floating | null {
  if (ref.digest !== null) return null;
  if (reading === null) return 'untagged';
  if (reading.tag.split('-').includes('latest')) return 'latest';
  if (entry?.tags.includes(reading.tag)) return null;
  if (reading.version === null) return 'not-a-version';
  if (entry?.versions && !entry.versions.includes(reading.version.version) && partialOf(reading.version, entry).length > 0) {
    return 'partial';
  }
  return null;
}

/** Listed versions a partial version (`20` or `20.11` against 20.11.1) stands for. */
export function partialOf(version: TagVersion, entry: ImagePolicy): TagVersion[] {
  return listedVersions(entry).filter(
    (listed) =>
      listed.prefix === version.prefix &&
      listed.release.length > version.release.length &&
      version.release.every((n, i) => listed.release[i] === n),
  );
}

/** The entry's listed versions that parse, newest first. */
export function listedVersions(entry: ImagePolicy): TagVersion[] {
  return (entry.versions ?? [])
    .map((v) => parseVersion(v))
    .filter((v): v is TagVersion => v !== null)
    .sort((a, b) => compareVersions(b, a));
}

/**
 * Listed, not banned, newer than `current`, of the same shape. A pre-release is a candidate only
 * for a pre-release (as Renovate: a stable pin never moves to a preview).
 */
function candidates(policy: Policy, entry: ImagePolicy, current: TagVersion): TagVersion[] {
  return listedVersions(entry).filter(
    (v) =>
      isCompatible(v, current) &&
      compareVersions(v, current) > 0 &&
      (v.prerelease === '' || current.prerelease !== '') &&
      !isBannedVersion(policy, entry.name, v),
  );
}

/** Newest listed version the entry's `update` scope allows from `current`, if newer. */
export function newestInScope(policy: Policy, entry: ImagePolicy, current: TagVersion): TagVersion | null {
  return candidates(policy, entry, current).find((v) => withinScope(current, v, entry.update)) ?? null;
}

/**
 * Where a bump takes `current` (SPEC §7). In scope: the newest listed version. A banned version
 * with nothing in scope goes beyond it: to the nearest listed version, then as far as that
 * version's own scope allows, so a second run finds nothing more to do.
 */
export function bumpTarget(policy: Policy, entry: ImagePolicy, current: TagVersion, banned: boolean): TagVersion | null {
  const inScope = newestInScope(policy, entry, current);
  if (inScope || !banned) return inScope;
  const nearest = candidates(policy, entry, current).at(-1);
  if (!nearest) return null;
  return newestInScope(policy, entry, nearest) ?? nearest;
}

function expectedDigest(entry: ImagePolicy | null, ref: ImageRef): string | null {
  if (!entry || ref.tag === null || ref.digest === null) return null;
  const pinned = entry.digests[ref.tag];
  return pinned !== undefined && !sameDigest(pinned, ref.digest) ? pinned : null;
}

function sameDigest(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** A tag made of a version and a variant: `20.11.1` + `alpine` → `20.11.1-alpine`. */
export function joinTag(version: string, variant: string): string {
  return variant === '' ? version : `${version}-${variant}`;
}

/**
 * A reference the developer could use instead: the bump target, else the newest listed version
 * in the current variant (or the first allowed variant), else a listed tag. Null without a whitelist
 * entry that lists something.
 */
export function suggestion(policy: Policy, verdict: ImageVerdict): string | null {
  const { entry, reading, ref } = verdict;
  if (!entry) return null;
  const render = (tag: string) => `${ref.familiar}:${tag}${digestFor(entry, tag)}`;
  const variant = reading?.version ? reading.variant : '';
  const usableVariant = entry.variants === null || entry.variants.includes(variant) ? variant : (entry.variants[0] ?? '');

  if (reading?.version) {
    const target = bumpTarget(policy, entry, reading.version, verdict.banned !== null);
    if (target) return render(joinTag(target.version, usableVariant));
    const partial = partialOf(reading.version, entry).find((v) => !isBannedVersion(policy, entry.name, v));
    if (partial) return render(joinTag(partial.version, usableVariant));
  }
  const sameShape = (v: TagVersion) => !reading?.version || isCompatible(v, reading.version);
  const allowed = listedVersions(entry).filter((v) => !isBannedVersion(policy, entry.name, v) && v.prerelease === '');
  const pick = allowed.find(sameShape) ?? allowed[0];
  if (pick) return render(joinTag(pick.version, usableVariant));
  const tag = entry.tags[0];
  return tag === undefined ? null : render(tag);
}

function digestFor(entry: ImagePolicy, tag: string): string {
  const digest = entry.digests[tag];
  return digest === undefined ? '' : `@${digest}`;
}
