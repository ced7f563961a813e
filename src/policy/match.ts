import type { ImageRef } from '../dockerfile/types.js';
import type { BannedVersions, ImagePolicy, Policy } from './types.js';

const DOCKER_HUB_ALIASES = new Set(['index.docker.io', 'registry-1.docker.io']);

/** `GHCR.io/acme/` → `ghcr.io/acme`; Docker Hub's other host names → `docker.io`. */
export function normaliseRegistryPrefix(prefix: string): string {
  const [host = '', ...path] = prefix.replace(/\/+$/, '').split('/');
  const lower = host.toLowerCase();
  return [DOCKER_HUB_ALIASES.has(lower) ? 'docker.io' : lower, ...path].join('/');
}

/** Prefixes match whole path segments: `ghcr.io/acme` trusts `ghcr.io/acme/x`, not `ghcr.io/acme-evil/x`. */
export function isUnderPrefix(name: string, prefix: string): boolean {
  return name === prefix || name.startsWith(`${prefix}/`);
}

/** True when the policy trusts the registry the image comes from (or trusts every registry). */
export function isTrusted(policy: Policy, ref: ImageRef): boolean {
  if (policy.trustedRegistries === null) return true;
  return policy.trustedRegistries.some((prefix) => isUnderPrefix(ref.name, prefix));
}

/** The whitelist entry for an image, by normalised name. */
export function imagePolicyFor(policy: Policy, ref: Pick<ImageRef, 'name'>): ImagePolicy | undefined {
  return policy.images?.find((entry) => entry.name === ref.name);
}

export function bannedEntriesFor(policy: Policy, ref: Pick<ImageRef, 'name'>): BannedVersions[] {
  return policy.banned.filter((entry) => entry.name === ref.name);
}
