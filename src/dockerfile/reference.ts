import type { ImageRef } from './types.js';

/**
 * Docker's image reference grammar (distribution/reference), with Docker Hub normalisation:
 * `node` == `library/node` == `docker.io/library/node` == `index.docker.io/library/node`.
 */

const DEFAULT_REGISTRY = 'docker.io';
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6_HOST = /^\[[0-9a-fA-F:]+\]$/;

/** True when the first path element names a registry host rather than a Docker Hub namespace. */
function isRegistryHost(component: string): boolean {
  return (
    component.includes('.') ||
    component.includes(':') ||
    component === 'localhost' ||
    component !== component.toLowerCase()
  );
}

function validHost(host: string): boolean {
  const colon = host.lastIndexOf(':');
  const hasPort = colon > host.lastIndexOf(']');
  const hostname = hasPort ? host.slice(0, colon) : host;
  const port = hasPort ? host.slice(colon + 1) : null;
  if (port !== null && !/^\d+$/.test(port)) return false;
  if (IPV6_HOST.test(hostname)) return true;
  return hostname.split('.').every((part) => DOMAIN_COMPONENT.test(part));
}

/** Parse a reference; null when it is not a valid image reference (contains `$`, bad casing, …). */
export function parseImageReference(raw: string): ImageRef | null {
  const text = raw.trim();
  if (text === '' || /\s|\$/.test(text)) return null;

  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return null;
  }

  let tag: string | null = null;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) return null;
  }
  if (rest === '') return null;

  const slash = rest.indexOf('/');
  let registry = DEFAULT_REGISTRY;
  let path = rest;
  if (slash !== -1 && isRegistryHost(rest.slice(0, slash))) {
    registry = rest.slice(0, slash);
    path = rest.slice(slash + 1);
    if (!validHost(registry)) return null;
    registry = registry.toLowerCase();
    if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DEFAULT_REGISTRY;
  }
  const components = path.split('/');
  if (!components.every((c) => PATH_COMPONENT.test(c))) return null;
  if (registry === DEFAULT_REGISTRY && components.length === 1) path = `library/${path}`;

  return {
    raw: text,
    registry,
    repository: path,
    tag,
    digest,
    name: `${registry}/${path}`,
    familiar: familiarName(registry, path),
  };
}

/** The short form users write: `node`, `acme/app`, `ghcr.io/acme/app`. */
export function familiarName(registry: string, repository: string): string {
  if (registry !== DEFAULT_REGISTRY) return `${registry}/${repository}`;
  return repository.startsWith('library/') && repository.split('/').length === 2
    ? repository.slice('library/'.length)
    : repository;
}

/** Normalise an image name written without tag (as in a policy): `node` -> `docker.io/library/node`. */
export function normaliseImageName(name: string): string | null {
  const ref = parseImageReference(name);
  if (!ref || ref.tag !== null || ref.digest !== null) return null;
  return ref.name;
}

/** Render a reference back: familiar name, `:tag`, `@digest`. */
export function formatReference(ref: Pick<ImageRef, 'registry' | 'repository' | 'tag' | 'digest'>): string {
  let out = familiarName(ref.registry, ref.repository);
  if (ref.tag) out += `:${ref.tag}`;
  if (ref.digest) out += `@${ref.digest}`;
  return out;
}
