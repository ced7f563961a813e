import { RegistryError } from './errors.js';

/**
 * Where a registry name is served. Docker Hub's API is at `registry-1.docker.io`; a registry on
 * this machine (`localhost:5000`, `127.0.0.1:5000`) speaks plain HTTP, as Docker allows; every
 * other registry HTTPS. `PLIMSOLL_REGISTRY_ENDPOINTS` points names elsewhere (a mirror, a test
 * registry): `docker.io=https://mirror.example,ghcr.io=http://127.0.0.1:5001`.
 */
export type Endpoints = ReadonlyMap<string, string>;

export const ENDPOINTS_VARIABLE = 'PLIMSOLL_REGISTRY_ENDPOINTS';

export function parseEndpoints(text: string | undefined): Endpoints {
  const endpoints = new Map<string, string>();
  for (const item of (text ?? '').split(',')) {
    const entry = item.trim();
    if (entry === '') continue;
    const equals = entry.indexOf('=');
    const name = equals > 0 ? normaliseRegistryName(entry.slice(0, equals).trim()) : '';
    const url = equals > 0 ? entry.slice(equals + 1).trim() : '';
    if (name === '' || !/^https?:\/\/[^/\s]+(\/.*)?$/i.test(url)) {
      throw new RegistryError('config', name || entry, `${ENDPOINTS_VARIABLE}: "${entry}" is not NAME=URL (such as docker.io=https://mirror.example)`);
    }
    endpoints.set(name, url.replace(/\/+$/, ''));
  }
  return endpoints;
}

/** `index.docker.io`, `registry-1.docker.io`, `https://index.docker.io/v1/` → `docker.io`. */
export function normaliseRegistryName(name: string): string {
  const host = name.replace(/^https?:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
  return host === 'index.docker.io' || host === 'registry-1.docker.io' || host === 'registry.hub.docker.com' ? 'docker.io' : host;
}

const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/;

export function endpointFor(registry: string, endpoints: Endpoints): string {
  const mapped = endpoints.get(registry);
  if (mapped) return mapped;
  if (registry === 'docker.io') return 'https://registry-1.docker.io';
  return `${LOCAL_HOST.test(registry) ? 'http' : 'https'}://${registry}`;
}
