import type { BumpAction } from '../fanout/cost.js';
import { cutText, inertMarkdown, inertPlain } from '../markdown/inert.js';
import type { ImageChange, PolicyChanges } from '../policy/diff.js';
import { isUnchanged } from '../policy/diff.js';
import type { PolicyError } from '../policy/errors.js';
import type { BannedVersions, ImagePolicy, StandingException } from '../policy/types.js';
import type { WriteLimit } from '../queue/throttle.js';
import type { Preview, PreviewBump, Standing, UsageChange } from './preview.js';

/**
 * The text of the policy repository's checks (SPEC §3, §7): the check run on a commit that changes
 * the policy, and the check run and summary comment of a pull request that changes it. Pure; every
 * word taken from the policy goes through ../markdown/inert.ts.
 */

export const POLICY_CHECK_NAME = 'plimsoll';
export const POLICY_PREVIEW_MARKER = '<!-- plimsoll:policy-preview -->';
/** GitHub refuses check run `summary`/`text` longer than this. */
export const CHECK_TEXT_LIMIT = 65_535;
export const COMMENT_LIMIT = 65_536;
/** Annotations sent at most for one file (ten requests); the summary lists every problem. */
export const MAX_ANNOTATIONS = 500;

export interface PolicyAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}

export interface PolicyCheckResult {
  conclusion: 'success' | 'failure' | 'neutral';
  output: { title: string; summary: string; text: string };
  annotations: readonly PolicyAnnotation[];
}

const code = (text: string) => inertMarkdown(text);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Every problem as an annotation at its line, and listed in the summary; the check fails. */
export function invalidPolicyCheck(path: string, errors: readonly PolicyError[], inForce: string): PolicyCheckResult {
  const title = `Policy invalid: ${plural(errors.length, 'problem')}`;
  const lines = [
    `**${code(path)} does not validate, so this version did not take effect.** ${inForce}`,
    '',
    ...errors.map((error) => `- ${code(`${error.file}:${error.line}:${error.column}`)}: ${code(error.message)}`),
    '',
    'No bump pull request is opened from an invalid policy. Fix the problems above and push again.',
  ];
  return {
    conclusion: 'failure',
    output: { title, summary: cutText(lines.join('\n'), CHECK_TEXT_LIMIT), text: '' },
    annotations: errors.slice(0, MAX_ANNOTATIONS).map((error) => ({
      path: error.file,
      start_line: error.line,
      end_line: error.line,
      start_column: error.column,
      end_column: error.column,
      annotation_level: 'failure' as const,
      title: 'Invalid policy',
      message: cutText(inertPlain(error.message), 60_000),
    })),
  };
}

/** The check on a commit whose policy is valid: green, with what changed since `basis`. */
export function validPolicyCheck(path: string, changes: PolicyChanges, basis: string): PolicyCheckResult {
  const unchanged = isUnchanged(changes);
  const render = (rows: number) =>
    [`**${code(path)} is valid and is now the policy in force.** Compared with ${basis}:`, '', ...(unchanged ? ['Nothing that Plimsoll reads changed (comments or formatting only).'] : renderChanges(changes, rows))].join('\n');
  return { conclusion: 'success', output: { title: unchanged ? 'Policy valid: no effective change' : 'Policy valid and in force', summary: fit(render), text: '' }, annotations: [] };
}

/** The check of a pull request whose policy cannot be previewed now (the policy in force cannot be read). */
export function previewWaitingCheck(reason: string): PolicyCheckResult {
  return {
    conclusion: 'neutral',
    output: { title: 'Policy valid; preview not available', summary: `The new policy is valid, but the policy in force cannot be read right now (${code(reason)}), so its effect could not be previewed. Re-run this check to try again.`, text: '' },
    annotations: [],
  };
}

const ACTION_TEXT: Record<BumpAction, string> = {
  open: 'new pull request',
  update: 'pull request moved to the new target',
  close: 'pull request closed as superseded',
  unchanged: 'already open',
  'dry-run': 'planned only (`bumps.mode: dry-run`)',
  'max-open': 'not opened: `bumps.max-open` reached',
};

const STANDING_TEXT: Record<Standing, string> = {
  allowed: 'allowed',
  outdated: '⬆️ outdated',
  banned: '⛔ banned',
  unlisted: '🚫 not on the whitelist',
  excepted: '🛂 excepted',
  unknown: '❔ unknown',
};

/** The check of a pull request whose policy is valid: green, and the blast radius in the summary, after `basis` (what it is compared with). */
export function previewCheck(preview: Preview, limits: readonly WriteLimit[], basis = ''): PolicyCheckResult {
  const title = previewTitle(preview);
  const summary = fit((rows) => [...(basis ? [basis, ''] : []), ...renderPreview(preview, limits, rows)].join('\n'));
  return { conclusion: 'success', output: { title, summary, text: '' }, annotations: [] };
}

/** The pull request's summary comment: the same words as its check, under the marker. */
export function previewComment(result: Pick<PolicyCheckResult, 'output'>, headSha: string): string {
  const head = `${POLICY_PREVIEW_MARKER}\n## Plimsoll: policy check for ${headSha.slice(0, 7)}\n\n**${result.output.title}**\n\n`;
  return head + cutText(result.output.summary, COMMENT_LIMIT - head.length - 1);
}

/** Said in place of the preview once a pull request no longer changes the policy. */
export function noLongerChangesPolicy(path: string, headSha: string): string {
  return `${POLICY_PREVIEW_MARKER}\n## Plimsoll: policy check for ${headSha.slice(0, 7)}\n\nThis pull request no longer changes ${code(path)}: nothing to preview.`;
}

function previewTitle(preview: Preview): string {
  const { opened, updated, closed } = preview.cost.pullRequests;
  const planned = preview.bumps.filter((bump) => bump.action === 'dry-run').length;
  const parts: string[] = [];
  if (opened + updated + closed > 0) parts.push(`${plural(opened, 'new bump pull request')}${updated ? `, ${updated} moved` : ''}${closed ? `, ${closed} closed` : ''}`);
  if (planned > 0) parts.push(`${plural(planned, 'bump')} planned (dry-run)`);
  const banned = preview.usages.filter((usage) => usage.after === 'banned').length;
  if (banned > 0) parts.push(`${plural(banned, 'usage')} banned`);
  return `Policy valid: ${parts.length > 0 ? parts.join('; ') : 'no bump pull request'}`;
}

function renderPreview(preview: Preview, limits: readonly WriteLimit[], rows: number): string[] {
  const { cost } = preview;
  const repos = new Set(preview.bumps.map((bump) => bump.repo)).size;
  const out = [
    '**The new policy is valid.** If this pull request is merged, Plimsoll will:',
    '',
    `- bump pull requests: ${cost.pullRequests.opened} new, ${cost.pullRequests.updated} moved to a new target, ${cost.pullRequests.closed} closed, in ${plural(repos, 'repository', 'repositories')}${preview.mode === 'open' ? '' : ` (\`bumps.mode: ${preview.mode}\`: none is written)`};`,
    `- cost: ${plural(cost.writes, 'write')} (2 per new pull request, 1 per moved or closed one, 1 for the inventory issue) and about ${plural(cost.reads, 'read')}, at least ${duration(cost.floorMs)} at GitHub's write limits (${limitsText(limits)});`,
    `- usages: ${count(preview.usages, 'banned')} become banned, ${count(preview.usages, 'unlisted')} leave the whitelist, ${count(preview.usages, 'outdated')} become outdated; ${preview.relieved} are no longer refused or due a bump.`,
    '',
  ];
  if (preview.bumps.length > 0) {
    out.push('### Bump pull requests (banned first)', '', '| repository | image | change | what happens |', '|---|---|---|---|');
    for (const bump of preview.bumps.slice(0, rows)) out.push(bumpRow(bump));
    more(out, preview.bumps.length, rows, 'pull request');
    out.push('');
  }
  if (preview.usages.length > 0) {
    out.push('### Usages that change standing', '', '| repository | file | image | was | becomes |', '|---|---|---|---|---|');
    for (const usage of preview.usages.slice(0, rows)) out.push(usageRow(usage));
    more(out, preview.usages.length, rows, 'usage');
    out.push('');
  }
  const { added, removed, expiring } = preview.exceptions;
  if (added.length + removed.length + expiring.length > 0) {
    out.push('### Exceptions', '');
    for (const exception of added.slice(0, rows)) out.push(`- added: ${exceptionText(exception)}`);
    for (const exception of removed.slice(0, rows)) out.push(`- removed: ${exceptionText(exception)}`);
    for (const { exception, daysLeft } of expiring.slice(0, rows)) {
      out.push(`- ${daysLeft <= 0 ? 'expired' : `expires in ${plural(daysLeft, 'day')}`}: ${exceptionText(exception)}`);
    }
    more(out, added.length + removed.length + expiring.length, rows * 3, 'exception');
    out.push('');
  }
  out.push('### What changed in the policy', '', ...(isUnchanged(preview.changes) ? ['Nothing that Plimsoll reads changed.'] : renderChanges(preview.changes, rows)), '');
  out.push(
    `_Computed from the inventory of ${plural(preview.inventory.repositories, 'repository', 'repositories')} (${plural(preview.inventory.files, 'file')}, ${plural(preview.inventory.usages, 'image reference')}). This preview wrote nothing outside this pull request._`,
  );
  return out;
}

function bumpRow(bump: PreviewBump): string {
  const change = bump.edits.length === 0 ? '—' : bump.edits.map((edit) => `${code(edit.from)} → ${code(edit.to)} (${code(`${edit.path}:${edit.line}`)}${edit.source ? `, ${edit.source}` : ''})`).join('<br>');
  const image = `${code(bump.familiar)}${bump.banned ? ' ⛔' : ''}`;
  const what = `${ACTION_TEXT[bump.action]}${bump.number !== null ? ` (pull request ${bump.number})` : ''}${bump.reason ? `: ${code(bump.reason)}` : ''}`;
  return `| ${code(bump.repo)} | ${image} | ${change} | ${what} |`;
}

function usageRow(usage: UsageChange): string {
  const image = `${code(usage.familiar)}${usage.tag === null ? '' : `:${code(usage.tag)}`}`;
  const becomes = `${STANDING_TEXT[usage.after]}${usage.target ? ` → ${code(usage.target)}` : ''}${usage.reason ? ` (${code(usage.reason)})` : ''}`;
  return `| ${code(usage.repo)} | ${code(`${usage.path}:${usage.line}`)}${usage.source ? ` (${usage.source})` : ''} | ${image} | ${STANDING_TEXT[usage.before]} | ${becomes} |`;
}

function count(usages: readonly UsageChange[], standing: Standing): number {
  return usages.filter((usage) => usage.after === standing).length;
}

function more(out: string[], total: number, shown: number, what: string): void {
  if (total > shown) out.push('', `…and ${plural(total - shown, `more ${what}`, `more ${what}s`)} (see the inventory issue once merged).`);
}

/** The changes as Markdown list items, each list cut at `rows` entries. */
export function renderChanges(changes: PolicyChanges, rows: number): string[] {
  const out: string[] = [];
  const list = <T>(items: readonly T[], render: (item: T) => string) => {
    const shown = items.slice(0, rows).map(render).join('; ');
    return items.length > rows ? `${shown}; and ${items.length - rows} more` : shown;
  };
  const { images, banned, exceptions, settings } = changes;
  if (images.added.length > 0) out.push(`- **Images added:** ${list(images.added, imageText)}`);
  if (images.removed.length > 0) out.push(`- **Images removed:** ${list(images.removed, (entry) => code(entry.written))}`);
  for (const change of images.changed.slice(0, rows)) out.push(`- **${code(change.written)}:** ${imageChangeText(change)}`);
  if (images.changed.length > rows) out.push(`- …and ${images.changed.length - rows} more images changed`);
  if (banned.added.length > 0) out.push(`- **Bans added:** ${list(banned.added, banText)}`);
  if (banned.removed.length > 0) out.push(`- **Bans lifted:** ${list(banned.removed, banText)}`);
  if (banned.changed.length > 0) out.push(`- **Bans reworded:** ${list(banned.changed, ({ after }) => banText(after))}`);
  if (exceptions.added.length > 0) out.push(`- **Exceptions added:** ${list(exceptions.added, exceptionText)}`);
  if (exceptions.removed.length > 0) out.push(`- **Exceptions removed:** ${list(exceptions.removed, exceptionText)}`);
  if (exceptions.changed.length > 0) out.push(`- **Exceptions changed:** ${list(exceptions.changed, ({ after }) => exceptionText(after))}`);
  if (settings.length > 0) out.push(`- **Settings:** ${list(settings, (s) => `${code(s.key)}: ${code(s.before ?? 'unset')} → ${code(s.after ?? 'unset')}`)}`);
  return out;
}

function imageText(entry: ImagePolicy): string {
  const allowed = [...(entry.versions ?? []), ...entry.tags];
  return `${code(entry.written)} (${entry.versions === null && entry.tags.length === 0 ? 'any tag' : allowed.map(code).join(', ')})`;
}

function imageChangeText(change: ImageChange): string {
  const parts: string[] = [];
  const join = (items: readonly string[]) => items.map(code).join(', ');
  if (change.versions.added.length > 0) parts.push(`versions added ${join(change.versions.added)}`);
  if (change.versions.removed.length > 0) parts.push(`versions removed ${join(change.versions.removed)}`);
  if (change.tags.added.length > 0) parts.push(`tags added ${join(change.tags.added)}`);
  if (change.tags.removed.length > 0) parts.push(`tags removed ${join(change.tags.removed)}`);
  if (change.variants) parts.push(`variants ${change.variants.before ? join(change.variants.before.map((v) => v || '(bare)')) : 'any'} → ${change.variants.after ? join(change.variants.after.map((v) => v || '(bare)')) : 'any'}`);
  if (change.update) parts.push(`update ${code(change.update.before)} → ${code(change.update.after)}`);
  const { added, removed, changed } = change.digests;
  if (added.length + removed.length + changed.length > 0) parts.push(`digests pinned ${added.length}, unpinned ${removed.length}, changed ${changed.length}`);
  return parts.join('; ');
}

function banText(ban: BannedVersions): string {
  return `${code(ban.written)} ${ban.versions === null ? 'every version' : code(ban.versions)}${ban.reason ? ` (${code(ban.reason)})` : ''}`;
}

function exceptionText(exception: StandingException): string {
  const image = exception.written === null ? 'every image' : code(exception.written);
  return `${code(exception.repo)}: ${image} ${exception.codes.map(code).join(', ')}${exception.expires ? ` until ${code(exception.expires)}` : ''} (${code(exception.reason)})`;
}

function limitsText(limits: readonly WriteLimit[]): string {
  return limits.map(({ limit, windowMs }) => `${limit} per ${windowMs >= 3_600_000 ? 'hour' : 'minute'}`).join(', ');
}

/** `12 s`, `3.5 min`, `2.1 h`. */
export function duration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** The longest rendering that fits GitHub's limit: every row, then fewer and fewer. */
function fit(render: (rows: number) => string): string {
  for (const rows of [Infinity, 300, 100, 30, 10]) {
    const text = render(rows);
    if (text.length <= CHECK_TEXT_LIMIT) return text;
  }
  return cutText(render(10), CHECK_TEXT_LIMIT);
}
