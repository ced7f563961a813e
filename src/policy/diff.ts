import { emptyPolicy } from './load.js';
import type { BannedVersions, ImagePolicy, Policy, StandingException } from './types.js';

/** One whitelist entry present in both policies, and what moved in it. */
export interface ImageChange {
  name: string;
  /** As written in the new policy. */
  written: string;
  versions: { added: string[]; removed: string[] };
  tags: { added: string[]; removed: string[] };
  /** Allowed variants before and after, when they differ (null: any variant). */
  variants: { before: string[] | null; after: string[] | null } | null;
  update: { before: string; after: string } | null;
  /** Tags whose pinned digest was added, removed or changed. */
  digests: { added: string[]; removed: string[]; changed: string[] };
}

/** A top-level setting that differs: `bumps.mode`, `ops.team`, `rules.DL3008`… */
export interface SettingChange {
  key: string;
  /** Shown as written; null when unset. */
  before: string | null;
  after: string | null;
}

/** What a new version of the policy changes, for the check on the commit and the preview. */
export interface PolicyChanges {
  images: { added: ImagePolicy[]; removed: ImagePolicy[]; changed: ImageChange[] };
  banned: { added: BannedVersions[]; removed: BannedVersions[]; changed: Array<{ before: BannedVersions; after: BannedVersions }> };
  exceptions: { added: StandingException[]; removed: StandingException[]; changed: Array<{ before: StandingException; after: StandingException }> };
  settings: SettingChange[];
}

export function isUnchanged(changes: PolicyChanges): boolean {
  const { images, banned, exceptions, settings } = changes;
  return (
    [images.added, images.removed, images.changed, banned.added, banned.removed, banned.changed, exceptions.added, exceptions.removed, exceptions.changed].every(
      (list) => list.length === 0,
    ) && settings.length === 0
  );
}

/** Changes from `before` (null: no policy before) to `after`. Entries are matched by normalised name. */
export function diffPolicies(before: Policy | null, after: Policy): PolicyChanges {
  return {
    images: diffImages(before?.images ?? [], after.images ?? []),
    banned: diffKeyed(before?.banned ?? [], after.banned, (ban) => `${ban.name} ${ban.versions ?? '*'}`),
    exceptions: diffKeyed(before?.exceptions ?? [], after.exceptions, (e) => `${e.repo.toLowerCase()} ${e.image ?? '*'}:${e.tag ?? '*'} ${[...e.codes].sort().join(',')}`),
    settings: diffSettings(before, after),
  };
}

function diffImages(before: readonly ImagePolicy[], after: readonly ImagePolicy[]): PolicyChanges['images'] {
  const old = new Map(before.map((entry) => [entry.name, entry]));
  const now = new Map(after.map((entry) => [entry.name, entry]));
  const changed: ImageChange[] = [];
  for (const entry of after) {
    const previous = old.get(entry.name);
    if (!previous) continue;
    const change: ImageChange = {
      name: entry.name,
      written: entry.written,
      versions: listDiff(previous.versions ?? [], entry.versions ?? []),
      tags: listDiff(previous.tags, entry.tags),
      variants: sameList(previous.variants, entry.variants) ? null : { before: previous.variants, after: entry.variants },
      update: previous.update === entry.update ? null : { before: previous.update, after: entry.update },
      digests: digestDiff(previous.digests, entry.digests),
    };
    // "Any version" to a list (or back) is a change even when no version is named on one side.
    if ((previous.versions === null) !== (entry.versions === null) && change.versions.added.length + change.versions.removed.length === 0) {
      change.versions = { added: entry.versions ?? ['any version'], removed: previous.versions ?? ['any version'] };
    }
    const moved =
      change.versions.added.length + change.versions.removed.length + change.tags.added.length + change.tags.removed.length > 0 ||
      change.variants !== null ||
      change.update !== null ||
      change.digests.added.length + change.digests.removed.length + change.digests.changed.length > 0;
    if (moved) changed.push(change);
  }
  return { added: after.filter((entry) => !old.has(entry.name)), removed: before.filter((entry) => !now.has(entry.name)), changed };
}

function diffKeyed<T>(before: readonly T[], after: readonly T[], key: (item: T) => string) {
  const old = new Map(before.map((item) => [key(item), item]));
  const now = new Map(after.map((item) => [key(item), item]));
  const changed: Array<{ before: T; after: T }> = [];
  for (const [k, item] of now) {
    const previous = old.get(k);
    if (previous !== undefined && JSON.stringify(previous) !== JSON.stringify(item)) changed.push({ before: previous, after: item });
  }
  return { added: after.filter((item) => !old.has(key(item))), removed: before.filter((item) => !now.has(key(item))), changed };
}

function listDiff(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  return { added: after.filter((v) => !before.includes(v)), removed: before.filter((v) => !after.includes(v)) };
}

function sameList(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((v) => b.includes(v));
}

function digestDiff(before: Record<string, string>, after: Record<string, string>): ImageChange['digests'] {
  const tags = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return {
    added: tags.filter((t) => before[t] === undefined && after[t] !== undefined),
    removed: tags.filter((t) => before[t] !== undefined && after[t] === undefined),
    changed: tags.filter((t) => before[t] !== undefined && after[t] !== undefined && before[t]!.toLowerCase() !== after[t]!.toLowerCase()),
  };
}

/** Every setting outside the lists, flattened to `key: text`, with the defaults a missing key means. */
function settingsOf(policy: Policy): Map<string, string | null> {
  const settings = new Map<string, string | null>();
  const list = (items: readonly string[] | null) => (items === null ? null : items.length === 0 ? '[]' : items.join(', '));
  settings.set('whitelist', policy.images === null ? 'off (every image allowed)' : 'on');
  settings.set('ops.team', policy.ops.team);
  settings.set('ops.review', policy.ops.review);
  settings.set('ops.self-approval', String(policy.ops.selfApproval));
  settings.set('trusted-registries', list(policy.trustedRegistries) ?? 'any registry');
  settings.set('bumps.mode', policy.bumps.mode);
  settings.set('bumps.max-open', String(policy.bumps.maxOpen));
  settings.set('bumps.automerge', list(policy.bumps.automerge));
  settings.set('bumps.rebuild', policy.bumps.rebuild);
  settings.set('inline-ignore', list(policy.inlineIgnore));
  settings.set('require-digest', String(policy.requireDigest));
  settings.set('own-images', list(policy.ownImages));
  settings.set('upstream.schedule', policy.upstream.schedule);
  settings.set('deploy.unknown-base', policy.deploy.unknownBase);
  settings.set('deploy.registry-unreachable', policy.deploy.registryUnreachable);
  for (const [code, level] of Object.entries(policy.rules)) settings.set(`rules.${code}`, String(level));
  return settings;
}

function diffSettings(before: Policy | null, after: Policy): SettingChange[] {
  const old = settingsOf(before ?? emptyPolicy());
  const now = settingsOf(after);
  const changes: SettingChange[] = [];
  for (const key of new Set([...now.keys(), ...old.keys()])) {
    const a = old.get(key) ?? null;
    const b = now.get(key) ?? null;
    if (a !== b) changes.push({ key, before: a, after: b });
  }
  return changes;
}
