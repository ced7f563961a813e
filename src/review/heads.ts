/**
 * Which head of a pull request a comment was written against (SPEC §6: an approval covers the
 * findings as they stood when it was written, never what a later push added). `heads` are the
 * heads this app reviewed with the time each was pushed, from its own check runs; GitHub's clock
 * on both sides. A comment written before the current head arrived belongs to the head before it;
 * one written before any known head belongs to none and approves nothing. Pure.
 */
export function headWhenWritten(heads: ReadonlyArray<{ sha: string; since: string }>, writtenAt: string): string | null {
  const at = Date.parse(writtenAt);
  let found: { sha: string; since: number } | null = null;
  for (const head of heads) {
    const since = Date.parse(head.since);
    if (Number.isNaN(since) || since > at) continue;
    if (found === null || since >= found.since) found = { sha: head.sha, since };
  }
  return found?.sha ?? null;
}
