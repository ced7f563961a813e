import { parseTag } from '../versioning/tag.js';
import type { FileEdits } from './ports.js';

/**
 * What kind of change a bump pull request is (SPEC §7 `bumps.automerge`): how far its versions
 * move, and whether it replaces a banned version. Decided from the bump's own edits, never from
 * the pull request's text alone.
 */
export type MoveKind = 'patch' | 'minor' | 'major';
export type AutomergeKind = MoveKind | 'banned';

export interface BumpKind {
  /** The largest move of any edit: `major` when the first release number moves, `minor` the second, `patch` anything after. */
  move: MoveKind;
  /** At least one edit replaces a banned version. */
  banned: boolean;
}

const RANK: Record<MoveKind, number> = { patch: 0, minor: 1, major: 2 };
const BY_POSITION: readonly MoveKind[] = ['major', 'minor'];

/**
 * How far one version token moves: the first release number that differs decides (`20.11.1` →
 * `20.12.0` is `minor`, `3.11` → `3.12` too, `21.0.2_13` → `21.0.2_14` is `patch`). Versions or
 * whole tags (`20.11.1-alpine`); a change of variant, or a version that does not parse, counts as
 * `major`: unknown is never taken for small.
 */
export function moveOf(from: string, to: string): MoveKind {
  const a = parseTag(from);
  const b = parseTag(to);
  if (!a || !b || a.prefix !== b.prefix || a.suffix !== b.suffix) return from === to ? 'patch' : 'major';
  const length = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < length; i++) {
    if ((a.release[i] ?? 0) !== (b.release[i] ?? 0)) return BY_POSITION[i] ?? 'patch';
  }
  return 'patch';
}

/** The kind of the pull request the fan-out writes for these edits; null when there are none. */
export function bumpKind(files: readonly FileEdits[]): BumpKind | null {
  const edits = files.flatMap((file) => file.edits);
  if (edits.length === 0) return null;
  let move: MoveKind = 'patch';
  for (const edit of edits) {
    const next = moveOf(edit.from, edit.to);
    if (RANK[next] > RANK[move]) move = next;
  }
  return { move, banned: edits.some((edit) => edit.banned) };
}

/**
 * Whether the policy's `bumps.automerge` list covers a pull request of this kind: its move is
 * listed (a banned replacement that only moves the patch is a patch bump), or it replaces a banned
 * version and `banned` is listed, whatever it moves.
 */
export function automergeCovers(listed: readonly AutomergeKind[], kind: BumpKind | null): boolean {
  if (kind === null) return false;
  return listed.includes(kind.move) || (kind.banned && listed.includes('banned'));
}

const KIND_MARKER = /<!-- plimsoll:kind move=(patch|minor|major) banned=(yes|no) -->/;

/** Hidden line of a bump pull request's body: its kind, as the fan-out decided it when writing it. */
export function kindMarker(kind: BumpKind): string {
  return `<!-- plimsoll:kind move=${kind.move} banned=${kind.banned ? 'yes' : 'no'} -->`;
}

export function kindOfBody(body: string): BumpKind | null {
  const match = KIND_MARKER.exec(body);
  return match ? { move: match[1] as MoveKind, banned: match[2] === 'yes' } : null;
}

/** `minor`, or `minor, replaces a banned version`, for people. */
export function describeKind(kind: BumpKind): string {
  return kind.banned ? `${kind.move}, replaces a banned version` : kind.move;
}
