import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small registry on 127.0.0.1 for what the real one does not do: a token service (anonymous or
 * with credentials, as Docker Hub, GHCR and Quay), rate limits and faults. Content lives in memory;
 * manifests are served with the digest of their bytes. Every request is logged.
 */
export interface Fault {
  /** Matched against `METHOD path?query`. */
  match: RegExp;
  /** How many times it fires (default once). */
  times?: number;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Sends half of the body and cuts the connection. */
  truncate?: boolean;
  /** Answers after this long (a timeout when longer than the client waits). */
  delayMs?: number;
}

export interface FakeRegistryOptions {
  /** Bearer tokens required; with `credentials`, the token service checks them. */
  auth?: 'none' | 'bearer' | 'basic';
  credentials?: { username: string; password: string };
  /** Page size of the tag list when the client asks for none (`n`). */
  pageSize?: number;
  /** Token lifetime in seconds. */
  tokenSeconds?: number;
}

export interface FakeRegistry {
  url: string;
  host: string;
  log: string[];
  faults: Fault[];
  tokensIssued: number;
  setTags(repository: string, tags: string[]): void;
  /** Stores the manifest under `tag` (and its digest); returns the digest. */
  putManifest(repository: string, tag: string | null, manifest: object): string;
  putBlob(bytes: Buffer | string): string;
  /** Extra headers on every /v2 answer (rate-limit headers). */
  headers: Record<string, string>;
  close(): Promise<void>;
}

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

export async function startFakeRegistry(options: FakeRegistryOptions = {}): Promise<FakeRegistry> {
  const tags = new Map<string, string[]>();
  const manifests = new Map<string, { bytes: Buffer; mediaType: string }>();
  const refs = new Map<string, string>();
  const blobs = new Map<string, Buffer>();
  const tokens = new Set<string>();
  const state = { log: [] as string[], faults: [] as Fault[], tokensIssued: 0, headers: {} as Record<string, string> };
  let base = '';

  const send = (res: ServerResponse, status: number, headers: Record<string, string>, body = '') => {
    res.writeHead(status, { ...state.headers, ...headers });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    const line = `${req.method} ${url.pathname}${url.search}`;
    state.log.push(line);
    const fault = state.faults.find((f) => f.match.test(line) && (f.times ?? 1) > 0);
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.truncate) {
        const body = fault.body ?? '{"tags": ["1.0.0", "1.0.1", "1.0.2"]}';
        res.writeHead(fault.status ?? 200, { 'content-type': 'application/json', 'content-length': String(body.length), ...fault.headers });
        res.write(body.slice(0, Math.floor(body.length / 2)));
        res.destroy();
        return;
      }
      if (fault.status !== undefined) return send(res, fault.status, fault.headers ?? {}, fault.body ?? '');
    }

    if (url.pathname === '/token') {
      if (options.credentials) {
        const expected = `Basic ${Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64')}`;
        if (req.headers.authorization !== expected) return send(res, 401, {}, '{"details":"incorrect username or password"}');
      }
      const token = `t${++state.tokensIssued}-${url.searchParams.get('scope')}`;
      tokens.add(token);
      return send(res, 200, { 'content-type': 'application/json' }, JSON.stringify({ token, expires_in: options.tokenSeconds ?? 300 }));
    }
    if (!url.pathname.startsWith('/v2/')) return send(res, 404, {});

    const auth = options.auth ?? 'none';
    const given = req.headers.authorization ?? '';
    const repository = /^\/v2\/(.+?)\/(?:tags|manifests|blobs|referrers)\//.exec(url.pathname)?.[1] ?? '';
    if (auth === 'bearer' && !tokens.has(given.replace(/^Bearer /, ''))) {
      const scope = repository ? `,scope="repository:${repository}:pull"` : '';
      return send(res, 401, { 'www-authenticate': `Bearer realm="${base}/token",service="fake-registry"${scope}` }, '{"errors":[{"code":"UNAUTHORIZED"}]}');
    }
    if (auth === 'basic') {
      const expected = options.credentials ? `Basic ${Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64')}` : '';
      if (given !== expected) return send(res, 401, { 'www-authenticate': 'Basic realm="fake"' });
    }

    let match: RegExpExecArray | null;
    if ((match = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname))) {
      const all = tags.get(match[1]!);
      if (!all) return send(res, 404, { 'content-type': 'application/json' }, '{"errors":[{"code":"NAME_UNKNOWN"}]}');
      const sorted = [...all].sort();
      const n = Number(url.searchParams.get('n') ?? options.pageSize ?? 1000);
      const size = Math.min(n, options.pageSize ?? n);
      const last = url.searchParams.get('last');
      const start = last === null ? 0 : sorted.findIndex((t) => t > last);
      const page = start < 0 ? [] : sorted.slice(start, start + size);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (start >= 0 && start + size < sorted.length) headers.link = `</v2/${match[1]}/tags/list?n=${size}&last=${encodeURIComponent(page.at(-1)!)}>; rel="next"`;
      return send(res, 200, headers, JSON.stringify({ name: match[1], tags: page }));
    }
    if ((match = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname))) {
      const digest = match[2]!.startsWith('sha256:') ? match[2]! : refs.get(`${match[1]}:${match[2]}`);
      const manifest = digest ? manifests.get(digest) : undefined;
      if (!manifest || !digest) return send(res, 404, { 'content-type': 'application/json' }, '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
      const headers = { 'content-type': manifest.mediaType, 'docker-content-digest': digest, 'content-length': String(manifest.bytes.length) };
      if (req.method === 'HEAD') {
        res.writeHead(200, { ...state.headers, ...headers });
        return res.end();
      }
      return send(res, 200, headers, manifest.bytes.toString('utf8'));
    }
    if ((match = /^\/v2\/(.+)\/blobs\/([^/]+)$/.exec(url.pathname))) {
      const blob = blobs.get(match[2]!);
      if (!blob) return send(res, 404, {});
      res.writeHead(200, { ...state.headers, 'content-type': 'application/octet-stream', 'content-length': String(blob.length) });
      return res.end(blob);
    }
    return send(res, 404, {});
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `http://${host}`;

  return {
    url: base,
    host,
    get log() {
      return state.log;
    },
    get faults() {
      return state.faults;
    },
    set faults(value: Fault[]) {
      state.faults = value;
    },
    get tokensIssued() {
      return state.tokensIssued;
    },
    get headers() {
      return state.headers;
    },
    set headers(value: Record<string, string>) {
      state.headers = value;
    },
    setTags: (repository, list) => void tags.set(repository, list),
    putManifest(repository, tag, manifest) {
      const bytes = Buffer.from(JSON.stringify(manifest));
      const digest = sha256(bytes);
      const mediaType = (manifest as { mediaType?: string }).mediaType ?? 'application/vnd.oci.image.manifest.v1+json';
      manifests.set(digest, { bytes, mediaType });
      if (tag !== null) {
        refs.set(`${repository}:${tag}`, digest);
        const list = tags.get(repository) ?? [];
        if (!list.includes(tag)) tags.set(repository, [...list, tag]);
      }
      return digest;
    },
    putBlob(bytes) {
      const buffer = Buffer.from(bytes);
      const digest = sha256(buffer);
      blobs.set(digest, buffer);
      return digest;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  } as FakeRegistry;
}
