import { compareVersions } from '../versioning/compare.js';
import { parseVersion } from '../versioning/tag.js';
import type { BumpEdit } from './plan.js';

/** What a bump pull request says (SPEC §7): one per (repository, image). */
export interface BumpPullRequest {
  branch: string;
  title: string;
  body: string;
  labels: string[];
  /** Commit message of the one commit. */
  commitMessage: string;
}

/** Marks the body so the app can find its own pull requests and the target they carry. */
export const BUMP_MARKER = 'plimsoll:bump';

/** `node` → `plimsoll/node`; `ghcr.io/acme/python` → `plimsoll/ghcr.io-acme-python`. */
export function bumpBranch(image: string): string {
  const slug = image
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `plimsoll/${slug}`;
}

/**
 * Title, body, labels and branch for the edits of one image in one repository. Edits may span
 * several files. Banned versions lead: the title says what is replaced and the `security` label is set.
 */
export function renderPullRequest(image: string, edits: readonly BumpEdit[]): BumpPullRequest {
  const banned = edits.filter((e) => e.kind === 'banned');
  const targets = newestFirst(unique(edits.map((e) => e.toVersion)));
  const digestOnly = edits.every((e) => e.kind === 'digest');
  const title =
    banned.length > 0
      ? `Replace banned ${image} ${newestFirst(unique(banned.map((e) => e.fromVersion))).join(', ')} with ${newestFirst(unique(banned.map((e) => e.toVersion))).join(', ')}`
      : digestOnly
        ? `Pin ${image} ${targets.join(', ')} to the policy's digest`
        : `Bump ${image} base image to ${targets.join(', ')}`;

  const rows = [...edits]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))
    .map((e) => `| ${cell(e.file)} | ${e.line} | \`${cell(shortRef(e.fromRef))}\` | \`${cell(shortRef(e.toRef))}\` | ${cell(e.reason)} |`);
  const removed = edits.filter((e) => e.digest === 'removed');
  const viaArg = edits.filter((e) => e.arg !== null);

  const body = [
    `<!-- ${BUMP_MARKER} image=${image} to=${targets.join(',')} -->`,
    banned.length > 0
      ? `The ops policy bans ${image} ${unique(banned.map((e) => e.fromVersion)).join(', ')}. This pull request moves ${edits.length === 1 ? 'it' : 'every use'} to an allowed version.`
      : digestOnly
        ? `The ops policy pins another digest for ${image} ${targets.join(', ')}. This pull request puts the policy's digest in place; the version stays.`
        : `The ops policy allows a newer ${image}. This pull request moves ${edits.length === 1 ? 'it' : 'every use'} there.`,
    '',
    '| File | Line | From | To | Reason |',
    '|---|---|---|---|---|',
    ...rows,
    ...(viaArg.length > 0
      ? ['', `The version is set by an ARG default (${unique(viaArg.map((e) => `\`${e.arg}\``)).join(', ')}); every FROM it feeds gets the same version.`]
      : []),
    ...(removed.length > 0
      ? ['', `**Digest removed**: the policy pins no digest for ${unique(removed.map((e) => `\`${shortRef(e.toRef)}\``)).join(', ')}, so the old digest was dropped rather than left pointing at the old image. Pin the new one if you rely on digests.`]
      : []),
    '',
    'Only the version tokens changed: formatting, comments and the rest of each file are as they were.',
    'Opened by Plimsoll from the ops policy. Close this pull request to skip this version; Plimsoll will not reopen it for the same target.',
  ].join('\n');

  return {
    branch: bumpBranch(image),
    title,
    body: `${body}\n`,
    labels: banned.length > 0 ? ['plimsoll', 'security'] : ['plimsoll'],
    commitMessage: title,
  };
}

/** A reference with its digest shortened, for tables. */
function shortRef(ref: string): string {
  return ref.replace(/@([a-z0-9]+):([0-9a-f]{12})[0-9a-f]+/i, '@$1:$2…');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function newestFirst(versions: string[]): string[] {
  return [...versions].sort((a, b) => {
    const x = parseVersion(a);
    const y = parseVersion(b);
    return x && y ? compareVersions(y, x) : a < b ? 1 : -1;
  });
}
