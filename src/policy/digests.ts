import type { ImageRef } from '../dockerfile/types.js';
import { imagePolicyFor } from './match.js';
import type { Policy } from './types.js';

/**
 * The digest to pin for an image tag (PL1008, and bumps under `require-digest: true`): the policy's
 * pin for that tag, else the registry's answer fetched beforehand (rules and planners stay pure),
 * else none known.
 */
export type ResolvedDigests = ReadonlyMap<string, string>;

/** Key of a resolved digest: normalised name and tag (`docker.io/library/node:20.11.1`). */
export function digestKey(name: string, tag: string): string {
  return `${name}:${tag}`;
}

export interface DigestToPin {
  digest: string;
  source: 'policy' | 'registry';
}

export function digestToPin(policy: Policy, resolved: ResolvedDigests | undefined, ref: Pick<ImageRef, 'name' | 'tag'>): DigestToPin | null {
  const tag = ref.tag ?? 'latest';
  const pinned = imagePolicyFor(policy, ref)?.digests[tag];
  if (pinned !== undefined) return { digest: pinned, source: 'policy' };
  const answered = resolved?.get(digestKey(ref.name, tag));
  return answered === undefined ? null : { digest: answered, source: 'registry' };
}
