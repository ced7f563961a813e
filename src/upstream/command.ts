/**
 * `/plimsoll recheck upstream` in an issue of the policy repository: run the watch now (SPEC §9).
 * Read as the command grammar reads every command: a line of its own, not inside a code block, an
 * indented code line or a quotation.
 */
const UPSTREAM_RECHECK = /^\/plimsoll\s+recheck\s+upstream\s*$/i;

export function countUpstreamRechecks(body: string): number {
  let count = 0;
  let fence: string | null = null;
  for (const raw of body.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    const marker = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined && (fence === null || (marker[0] === fence[0] && marker.length >= fence.length && line === marker))) {
      fence = fence === null ? marker : null;
      continue;
    }
    if (fence !== null || /^(?: {4}|\t)/.test(raw)) continue;
    if (UPSTREAM_RECHECK.test(line)) count++;
  }
  return count;
}
