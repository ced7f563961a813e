import type { UpstreamSeen } from './model.js';

/** The inventory issue's upstream section: newest version seen per whitelisted image, moved tags. */
export function renderUpstream(seen: UpstreamSeen, listItems: number): string[] {
  const out = [`## Upstream (checked ${stamp(seen.checkedAt)})`, ''];
  if (seen.pullRequest) out.push(`Proposed in #${seen.pullRequest.number} (\`plimsoll/upstream\`).`, '');
  const images = Object.entries(seen.images).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (images.length === 0) out.push('No whitelisted image lists versions to watch.');
  else out.push('| image | newest upstream | first seen |', '|---|---|---|', ...images.map(([image, { newest, seenAt }]) => `| ${cell(image)} | ${newest ?? '—'} | ${stamp(seenAt)} |`));
  if (seen.moved.length > 0) {
    out.push('', `Moved tags: the registry's digest is no longer the one pinned (${seen.moved.length})`, '');
    for (const moved of seen.moved.slice(0, listItems)) {
      out.push(`- ${cell(moved.image)}:${cell(moved.tag)}: pinned \`${short(moved.pinned)}\`, registry now \`${short(moved.now)}\` (${moved.where.map(cell).join(', ')})`);
    }
    if (seen.moved.length > listItems) out.push(`- …and ${seen.moved.length - listItems} more moved tags`);
  }
  if (seen.problems.length > 0) out.push('', 'Not checked:', ...seen.problems.slice(0, listItems).map((problem) => `- ${cell(problem)}`));
  return out;
}

function stamp(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function short(digest: string): string {
  return `${digest.slice(0, 19)}…`;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
