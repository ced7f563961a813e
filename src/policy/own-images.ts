import type { ImageRef } from '../dockerfile/types.js';
import { normaliseRegistryPrefix } from './match.js';
import type { Policy } from './types.js';

/**
 * The policy's `own-images` (SPEC §11): globs over normalised image names naming the
 * organization's own application images, which are built from governed Dockerfiles and so are not
 * base images. A glob is normalised as an image name is: `acme/*` means `docker.io/acme/*`, `app`
 * means `docker.io/library/app`, the registry host is lower-cased. `*` matches any run of
 * characters, `/` included (`ghcr.io/acme/*` covers `ghcr.io/acme/billing/api`); `?` matches one
 * character other than `/`.
 */

/** `acme/*` → `docker.io/acme/*`; `GHCR.io/acme/*` → `ghcr.io/acme/*`; `*` stays everything. */
export function normaliseImageGlob(glob: string): string {
  const text = glob.trim();
  if (/^\*+$/.test(text)) return '*';
  const slash = text.indexOf('/');
  const first = slash === -1 ? text : text.slice(0, slash);
  const isHost = first.includes('.') || first.includes(':') || first === 'localhost';
  if (isHost) return normaliseRegistryPrefix(text);
  return slash === -1 ? `docker.io/library/${text}` : `docker.io/${text}`;
}

const compiled = new Map<string, RegExp>();

function globPattern(glob: string): RegExp {
  let pattern = compiled.get(glob);
  if (!pattern) {
    const body = normaliseImageGlob(glob)
      .split(/(\*+|\?)/)
      .map((part) => (part.startsWith('*') ? '.*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    pattern = new RegExp(`^${body}$`);
    compiled.set(glob, pattern);
  }
  return pattern;
}

/** True when the reference names one of the organization's own images. */
export function isOwnImage(policy: Pick<Policy, 'ownImages'>, ref: Pick<ImageRef, 'name'>): boolean {
  return policy.ownImages.some((glob) => globPattern(glob).test(ref.name));
}
