import { picomatch } from '../files/globs.js';
import type { Policy } from './types.js';

/**
 * `own-images` (SPEC §11): globs over normalised names (`ghcr.io/acme/*`) of the organization's own
 * application images. They are built from governed Dockerfiles, so they are exempt from the
 * whitelist (PL1001, PL1003), never from PL1004, PL1005, PL1007, PL1008 or deploy checks.
 */
const matchers = new WeakMap<Policy, (name: string) => boolean>();

export function isOwnImage(policy: Policy, name: string): boolean {
  if (policy.ownImages.length === 0) return false;
  let match = matchers.get(policy);
  if (!match) matchers.set(policy, (match = picomatch(policy.ownImages.map((glob) => glob.toLowerCase()), { dot: true })));
  return match(name.toLowerCase());
}
