import { rejectionKey, type VersionProposal } from './candidates.js';
import { digestRejectionKey, type DigestProposal, type WatchProblem } from './watch.js';

/**
 * The policy pull request of the upstream watch (SPEC §9): branch `plimsoll/upstream`, title
 * `Allow newer base images: node 20.11.2, python 3.12.4`, a table of what it adds. Its identity (for
 * updating in place and for never proposing again what a person declined) is the list of proposal
 * keys: `name@version` and `name:tag@digest`.
 */
export const UPSTREAM_BRANCH = 'plimsoll/upstream';
/** The `image` of the fan-out's body marker and commit trailer for this pull request. */
export const UPSTREAM_MARKER_IMAGE = 'plimsoll-upstream';
const TITLE_LIMIT = 256;

export interface UpstreamProposals {
  versions: readonly VersionProposal[];
  digests: readonly DigestProposal[];
}

export function proposalKeys(proposals: UpstreamProposals): string[] {
  return [
    ...proposals.versions.map((v) => rejectionKey(v.image, v.version)),
    ...proposals.digests.filter((d) => d.previous !== null).map((d) => digestRejectionKey(d.image, d.tag, d.digest)),
  ].sort();
}

/** Keys read back from a body marker: versions (`name@version`) and moved digests (`name:tag@digest`). */
export function splitKeys(target: string): { versions: Set<string>; digests: Set<string> } {
  const versions = new Set<string>();
  const digests = new Set<string>();
  for (const key of target.split(' ').filter((k) => k !== '')) {
    if (/^[a-z0-9]+:[a-f0-9]{32,}$/i.test(key.slice(key.indexOf('@') + 1))) digests.add(key);
    else versions.add(key);
  }
  return { versions, digests };
}

export function upstreamTitle(proposals: UpstreamProposals): string {
  const moved = proposals.digests.filter((d) => d.previous !== null);
  const parts =
    proposals.versions.length > 0
      ? proposals.versions.map((v) => `${v.familiar} ${v.version}`)
      : moved.map((d) => `${d.familiar}:${d.tag}`);
  const lead = proposals.versions.length > 0 ? 'Allow newer base images: ' : 'Update moved base image digests: ';
  let title = lead + parts.join(', ');
  for (let shown = parts.length - 1; title.length > TITLE_LIMIT && shown > 0; shown--) {
    title = `${lead}${parts.slice(0, shown).join(', ')} and ${parts.length - shown} more`;
  }
  return title;
}

export function upstreamBody(proposals: UpstreamProposals, problems: readonly WatchProblem[] = []): string {
  const out: string[] = [];
  const moved = proposals.digests.filter((d) => d.previous !== null);
  if (proposals.versions.length > 0) {
    out.push(
      'Plimsoll\'s upstream watch found newer versions of whitelisted base images. Merging this pull request allows them; the bump fan-out then opens pull requests in the repositories that use an older version within the image\'s `update` scope.',
      '',
      '| image | new versions | variant tags found | digest |',
      '|---|---|---|---|',
    );
    for (const version of proposals.versions) {
      const pins = proposals.digests.filter((d) => d.previous === null && d.image === version.image && version.tags.includes(d.tag));
      const digest = pins.length === 0 ? 'not pinned' : pins.map((d) => `\`${d.tag}\`: \`${d.digest}\``).join('<br>');
      out.push(`| ${cell(version.familiar)} | ${version.version} (after ${version.after}) | ${version.tags.map((t) => `\`${t}\``).join(', ')} | ${digest} |`);
    }
  }
  if (moved.length > 0) {
    if (out.length > 0) out.push('');
    out.push(
      'Tags the policy pins whose digest changed upstream (the tag was pushed again: a rebuild, or something else). Merging pins the registry\'s new digest:',
      '',
      '| image | tag | pinned now | registry now |',
      '|---|---|---|---|',
      ...moved.map((d) => `| ${cell(d.familiar)} | \`${d.tag}\` | \`${d.previous}\` | \`${d.digest}\` |`),
    );
  }
  if (problems.length > 0) {
    out.push('', 'Not checked this time:', ...problems.map((p) => `- ${cell(p.image)}: ${cell(p.message)}`));
  }
  out.push('', 'To decline, close this pull request without merging: what it proposes is not proposed again. Run `/plimsoll recheck upstream` in an issue of this repository to check now.');
  return out.join('\n');
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ').replaceAll('@', '@\u200b');
}
