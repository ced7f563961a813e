import { createHash } from 'node:crypto';
import { BoundedCache } from './cache.js';
import { credentialsFromEnv, type Credentials } from './credentials.js';
import { ENDPOINTS_VARIABLE, parseEndpoints, type Endpoints } from './endpoints.js';
import { RegistryError } from './errors.js';
import { Transport, type RegistryRequest, type TransportOptions } from './transport.js';
import { MANIFEST_ACCEPT, MEDIA_TYPES, type Descriptor, type FetchedManifest, type ManifestJson, type RegistryClient, type RepositoryRef } from './types.js';

export interface RegistryClientOptions extends Partial<Omit<TransportOptions, 'endpoints' | 'credentials'>> {
  /** Read for `PLIMSOLL_REGISTRY_ENDPOINTS` and credentials when those are not given. */
  env?: Record<string, string | undefined>;
  endpoints?: Endpoints;
  credentials?: Credentials;
  /** Bytes of manifests, blobs and tag lists kept (default 64 MiB). */
  cacheBytes?: number;
  /** How long a tag list or a tag's digest is trusted (default 5 minutes). */
  tagTtlMs?: number;
}

export interface HttpRegistryClient extends RegistryClient {
  /** Requests sent so far (token requests included). */
  readonly requests: number;
}

const MAX_MANIFEST = 4 << 20; // the OCI spec's suggested limit for manifests
const MAX_BLOB = 16 << 20; // configs and in-toto statements; layers are never read
const MAX_TAG_PAGE = 8 << 20;
const MAX_PAGES = 1000;
const DIGEST = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-fA-F0-9]{32,})$/;

let shared: HttpRegistryClient | null | undefined;

/**
 * One client for the app, from the environment, made on first use (its cache is shared by reviews,
 * the watch and admission); null when the environment's registry settings are wrong.
 */
export function sharedRegistryClient(): HttpRegistryClient | null {
  if (shared === undefined) {
    try {
      shared = createRegistryClient();
    } catch {
      shared = null;
    }
  }
  return shared;
}

/** The registry client over HTTP (OCI distribution API), configured from the environment. */
export function createRegistryClient(options: RegistryClientOptions = {}): HttpRegistryClient {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const transport = new Transport({
    ...options,
    endpoints: options.endpoints ?? parseEndpoints(env[ENDPOINTS_VARIABLE]),
    credentials: options.credentials ?? credentialsFromEnv(env),
  });
  const cache = new BoundedCache<unknown>(options.cacheBytes ?? 64 << 20, now);
  const tagTtl = options.tagTtlMs ?? 5 * 60_000;
  /** Concurrent askers of one thing share one request. */
  const inFlight = new Map<string, Promise<unknown>>();

  const once = <T>(key: string, size: (value: T) => number, ttl: number, load: () => Promise<T>): Promise<T> => {
    const hit = cache.get(key);
    if (hit !== undefined) return Promise.resolve(hit as T);
    const running = inFlight.get(key);
    if (running) return running as Promise<T>;
    const promise = load()
      .then((value) => {
        cache.set(key, value, size(value), ttl);
        return value;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  };

  const request = (repo: RepositoryRef, url: string, method: 'GET' | 'HEAD', accept: string, maxBytes: number): RegistryRequest => ({
    registry: repo.registry,
    repository: repo.repository,
    url,
    method,
    accept,
    maxBytes,
  });

  const fetchManifest = async (repo: RepositoryRef, reference: string): Promise<FetchedManifest> => {
    const response = await transport.send(request(repo, `/v2/${repo.repository}/manifests/${reference}`, 'GET', MANIFEST_ACCEPT, MAX_MANIFEST));
    if (response.status === 404) throw notFound(repo, reference);
    if (response.status !== 200) throw unexpected(repo, response.status, 'manifest');
    const computed = sha256(response.body);
    const header = response.headers.get('docker-content-digest');
    const expected = isDigest(reference) ? reference : header;
    if (expected && expected.startsWith('sha256:') && expected.toLowerCase() !== computed) {
      throw new RegistryError('invalid', repo.registry, `${name(repo)}:${reference}: the manifest served does not match its digest ${expected}`);
    }
    const json = parseObject(response.body, repo, 'manifest') as ManifestJson;
    const digest = isDigest(reference) ? reference : (header ?? computed);
    const mediaType = json.mediaType ?? response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
    return { digest, mediaType, json };
  };

  /** One page of a tag list; a page cut short (invalid JSON) is asked for again, once. */
  const tagPage = async (repo: RepositoryRef, url: string) => {
    for (let attempt = 1; ; attempt++) {
      const response = await transport.send(request(repo, url, 'GET', 'application/json', MAX_TAG_PAGE));
      if (response.status === 404) throw notFound(repo, null);
      if (response.status !== 200) throw unexpected(repo, response.status, 'tag list');
      try {
        return { response, document: parseObject(response.body, repo, 'tag list') as { tags?: unknown } };
      } catch (error) {
        if (attempt >= 2) throw error;
      }
    }
  };

  const client: HttpRegistryClient = {
    get requests() {
      return transport.requests;
    },

    tags: (repo) =>
      once(`tags ${name(repo)}`, (tags: string[]) => 64 + tags.reduce((n, tag) => n + tag.length + 16, 0), tagTtl, async () => {
        const tags: string[] = [];
        const origin = new URL(transport.endpoint(repo.registry)).origin;
        const seen = new Set<string>();
        let url = `/v2/${repo.repository}/tags/list?n=1000`;
        for (let page = 0; ; page++) {
          if (page >= MAX_PAGES || seen.has(url)) throw new RegistryError('invalid', repo.registry, `${name(repo)}: the tag list does not end (${page} pages)`);
          seen.add(url);
          const { response, document } = await tagPage(repo, url);
          if (document.tags !== null && document.tags !== undefined && !(Array.isArray(document.tags) && document.tags.every((t) => typeof t === 'string'))) {
            throw new RegistryError('invalid', repo.registry, `${name(repo)}: the tag list is not a list of tags`);
          }
          tags.push(...((document.tags as string[] | null | undefined) ?? []));
          const next = nextLink(response.headers.get('link'), response.url);
          if (next === null) break;
          // The next page must come from the same registry: a token is never sent elsewhere.
          if (next.origin !== origin) throw new RegistryError('invalid', repo.registry, `${name(repo)}: the tag list continues on another host (${next.origin})`);
          url = next.href;
        }
        return [...new Set(tags)];
      }),

    digest: (repo, reference) => {
      if (isDigest(reference)) return Promise.resolve(reference);
      return once(`digest ${name(repo)}:${reference}`, () => 128, tagTtl, async () => {
        const response = await transport.send(request(repo, `/v2/${repo.repository}/manifests/${reference}`, 'HEAD', MANIFEST_ACCEPT, 0));
        if (response.status === 404) throw notFound(repo, reference);
        const header = response.headers.get('docker-content-digest');
        if (response.status === 200 && header && isDigest(header)) return header;
        // Some registries answer HEAD without the digest: read the manifest instead.
        return (await fetchManifest(repo, reference)).digest;
      });
    },

    manifest: (repo, reference) => {
      const ttl = isDigest(reference) ? Infinity : tagTtl;
      return once(`manifest ${name(repo)}@${reference}`, (m: FetchedManifest) => JSON.stringify(m.json).length + 256, ttl, () => fetchManifest(repo, reference));
    },

    blob: (repo, digest) => {
      if (!isDigest(digest)) return Promise.reject(new RegistryError('invalid', repo.registry, `${JSON.stringify(digest)} is not a digest`));
      return once(`blob ${repo.registry} ${digest}`, (bytes: Uint8Array) => bytes.byteLength, Infinity, async () => {
        const response = await transport.send(request(repo, `/v2/${repo.repository}/blobs/${digest}`, 'GET', '*/*', MAX_BLOB));
        if (response.status === 404) throw notFound(repo, digest);
        if (response.status !== 200) throw unexpected(repo, response.status, 'blob');
        if (digest.startsWith('sha256:') && sha256(response.body) !== digest.toLowerCase()) {
          throw new RegistryError('invalid', repo.registry, `${name(repo)}@${digest}: the blob served does not match its digest`);
        }
        return new Uint8Array(response.body);
      });
    },

    referrers: (repo, digest) =>
      once(`referrers ${name(repo)}@${digest}`, (list: Descriptor[]) => 256 * (list.length + 1), tagTtl, async () => {
        const response = await transport.send(request(repo, `/v2/${repo.repository}/referrers/${digest}`, 'GET', MEDIA_TYPES.ociIndex, MAX_MANIFEST));
        if (response.status === 200) return manifestsOf(parseObject(response.body, repo, 'referrers list') as ManifestJson);
        if (response.status !== 404 && response.status !== 400 && response.status !== 405) throw unexpected(repo, response.status, 'referrers list');
        // The OCI 1.1 fallback: an index tagged `<alg>-<hex>`.
        const match = DIGEST.exec(digest);
        if (!match) return [];
        try {
          return manifestsOf((await fetchManifest(repo, `${match[1]}-${match[2]}`)).json);
        } catch (error) {
          if (error instanceof RegistryError && error.kind === 'not-found') return [];
          throw error;
        }
      }),
  };
  return client;
}

function manifestsOf(json: ManifestJson): Descriptor[] {
  return Array.isArray(json.manifests) ? json.manifests : [];
}

function name(repo: RepositoryRef): string {
  return `${repo.registry}/${repo.repository}`;
}

export function isDigest(reference: string): boolean {
  return DIGEST.test(reference);
}

function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function notFound(repo: RepositoryRef, reference: string | null): RegistryError {
  return new RegistryError('not-found', repo.registry, reference === null ? `${name(repo)}: no such repository` : `${name(repo)}: ${reference} not found`);
}

function unexpected(repo: RepositoryRef, status: number, what: string): RegistryError {
  return new RegistryError('invalid', repo.registry, `${name(repo)}: unexpected HTTP ${status} for the ${what}`);
}

function parseObject(body: Buffer, repo: RepositoryRef, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new RegistryError('invalid', repo.registry, `${name(repo)}: the ${what} is not valid JSON (cut short?)`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RegistryError('invalid', repo.registry, `${name(repo)}: the ${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

/** The `rel="next"` target of an RFC 8288 `Link` header, resolved against the page's URL. */
export function nextLink(header: string | null, base: string): URL | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*((?:;[^;]*)*)$/.exec(part);
    if (!match) continue;
    if (!/;\s*rel\s*=\s*"?(?:[^";]*\s)?next(?:\s[^";]*)?"?\s*(?:;|$)/i.test(match[2] ?? '')) continue;
    try {
      return new URL(match[1]!, base);
    } catch {
      return null;
    }
  }
  return null;
}
