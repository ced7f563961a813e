import type { ImageVerdict } from '../policy/evaluate.js';
import { listedVersions } from '../policy/evaluate.js';
import type { ImagePolicy } from '../policy/types.js';

const MAX_LISTED = 10;

/** `node 20.9.0` (the variant is left to the suggestion), `node:lts`, `node (no tag)`, `node@sha256:0123456789ab…`. */
export function describeImage(verdict: ImageVerdict): string {
  const { ref, reading } = verdict;
  if (reading === null) return ref.digest ? `${ref.familiar}@${shortDigest(ref.digest)}` : `${ref.familiar} (no tag)`;
  return reading.version ? `${ref.familiar} ${reading.version.version}` : `${ref.familiar}:${reading.tag}`;
}

export function shortDigest(digest: string): string {
  const [algorithm, hex = ''] = digest.split(':');
  return hex.length > 12 ? `${algorithm}:${hex.slice(0, 12)}…` : digest;
}

/** `20.11.1, 20.10.0, 18.19.1` (newest first), then listed tags; long lists are cut. */
export function allowedList(entry: ImagePolicy): string {
  const items = [...listedVersions(entry).map((v) => v.version), ...entry.tags];
  if (items.length === 0) return 'nothing';
  return cut(items);
}

export function cut(items: readonly string[]): string {
  if (items.length <= MAX_LISTED) return items.join(', ');
  return `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more`;
}

/** `alpine3.19, bookworm-slim, the bare version`. */
export function variantList(variants: readonly string[]): string {
  return cut(variants.map((v) => (v === '' ? 'the bare version' : v)));
}

/** ` — use node:20.11.1`, or '' when there is nothing to suggest. */
export function useInstead(reference: string | null): string {
  return reference === null ? '' : ` — use ${reference}`;
}
