import { parseChallenge, type Challenge } from './challenge.js';
import { basicAuth, type Credentials } from './credentials.js';
import { endpointFor, type Endpoints } from './endpoints.js';
import { RegistryError } from './errors.js';
import { Limiter } from './limiter.js';

/**
 * HTTP to registries: endpoint, authentication, pacing and retries, so the client above speaks only
 * the distribution API. Anonymous bearer tokens are taken from the `WWW-Authenticate` challenge
 * (Docker Hub, GHCR and Quay hand them out for public images), with the environment's credentials
 * when there are some. A 429 is waited out (`Retry-After`, else backing off), as is a
 * `ratelimit-remaining: 0` with a known reset; 5xx answers, cut connections and timeouts are
 * retried with backoff. No wait is longer than `maxWaitMs`: beyond it the call fails, saying when.
 */
export interface TransportOptions {
  endpoints: Endpoints;
  credentials: Credentials;
  fetch?: typeof fetch;
  /** Per attempt, body included. */
  timeoutMs?: number;
  /** Further attempts after a 5xx, a cut connection or a timeout. */
  retries?: number;
  backoffMs?: number;
  maxWaitMs?: number;
  /** Requests in flight per registry. */
  concurrency?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface RegistryRequest {
  registry: string;
  repository: string;
  /** Absolute URL (a `Link` to the next page), or a path under the endpoint: `/v2/…`. */
  url: string;
  method: 'GET' | 'HEAD';
  accept: string;
  /** Bodies larger than this are refused (a hostile or broken registry). */
  maxBytes: number;
}

export interface RegistryResponse {
  status: number;
  headers: Headers;
  body: Buffer;
  url: string;
}

const RETRYABLE = new Set([500, 502, 503, 504]);
/** 429s answered in a row before giving up, however short their waits. */
const MAX_RATE_LIMITED = 8;

interface Token {
  value: string;
  expires: number;
}

export class Transport {
  /** Requests sent, tokens included: what a watch costs. */
  requests = 0;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxWaitMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly challenges = new Map<string, Challenge>();
  private readonly tokens = new Map<string, Token>();
  private readonly pendingTokens = new Map<string, Promise<string>>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly limiters = new Map<string, Limiter>();

  constructor(private readonly options: TransportOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 250;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
  }

  endpoint(registry: string): string {
    return endpointFor(registry, this.options.endpoints);
  }

  /** One answer (404 included: the caller knows what it means), after auth, waits and retries. */
  async send(request: RegistryRequest): Promise<RegistryResponse> {
    let limiter = this.limiters.get(request.registry);
    if (!limiter) this.limiters.set(request.registry, (limiter = new Limiter(this.options.concurrency ?? 8)));
    return limiter.run(() => this.attempts(request));
  }

  private async attempts(request: RegistryRequest): Promise<RegistryResponse> {
    const url = request.url.startsWith('/') ? `${this.endpoint(request.registry)}${request.url}` : request.url;
    const scope = `repository:${request.repository}:pull`;
    let failures = 0;
    let rateLimited = 0;
    let authenticated = false;
    for (;;) {
      await this.waitForPause(request.registry);
      const authorization = await this.authorization(request.registry, scope, false);
      const headers: Record<string, string> = { accept: request.accept, 'user-agent': 'plimsoll' };
      if (authorization) headers.authorization = authorization;

      let response: RegistryResponse;
      try {
        response = await this.exchange(url, request.method, headers, request.maxBytes, request.registry);
      } catch (error) {
        if (error instanceof RegistryError) throw error;
        failures++;
        if (failures > this.retries) throw this.unreachable(request.registry, url, describe(error), failures);
        await this.sleep(this.backoffMs * 2 ** (failures - 1));
        continue;
      }
      this.notePause(request.registry, response.headers);

      if (response.status === 401 && !authenticated) {
        authenticated = true;
        const challenge = parseChallenge(response.headers.get('www-authenticate'));
        if (challenge) {
          this.challenges.set(request.registry, challenge);
          this.tokens.delete(`${request.registry} ${scope}`);
          if (await this.authorization(request.registry, scope, true)) continue;
        }
      }
      if (response.status === 401 || response.status === 403) {
        const has = this.options.credentials.has(request.registry);
        throw new RegistryError('denied', request.registry, `${request.registry} refused to show ${request.repository} (HTTP ${response.status}${has ? ': the credentials given were not accepted' : `; for a private image set credentials (PLIMSOLL_REGISTRY_AUTH)`})`);
      }
      if (response.status === 429) {
        rateLimited++;
        const usedUp = usedUpWindow(response.headers);
        if (usedUp !== null && response.headers.get('retry-after') === null) {
          // Docker Hub's pull limit: nothing to wait for within reason, so say so at once.
          throw new RegistryError('rate-limited', request.registry, `${request.registry}'s rate limit is used up (${usedUp}); credentials (PLIMSOLL_REGISTRY_AUTH) raise it`);
        }
        const wait = waitOf(response.headers, this.now()) ?? this.backoffMs * 2 ** (rateLimited - 1);
        if (wait > this.maxWaitMs || rateLimited > MAX_RATE_LIMITED) {
          throw new RegistryError('rate-limited', request.registry, `${request.registry} is rate limiting Plimsoll (HTTP 429)${wait > this.maxWaitMs ? `; it asks to wait ${Math.ceil(wait / 1000)} s` : ''}`);
        }
        await this.sleep(wait);
        continue;
      }
      if (RETRYABLE.has(response.status)) {
        failures++;
        if (failures > this.retries) throw this.unreachable(request.registry, url, `HTTP ${response.status}`, failures);
        await this.sleep(waitOf(response.headers, this.now()) ?? this.backoffMs * 2 ** (failures - 1));
        continue;
      }
      return response;
    }
  }

  private async exchange(url: string, method: string, headers: Record<string, string>, maxBytes: number, registry: string): Promise<RegistryResponse> {
    this.requests++;
    const signal = AbortSignal.timeout(this.timeoutMs);
    const response = await this.fetch(url, { method, headers, signal, redirect: 'follow' });
    const body = method === 'HEAD' ? Buffer.alloc(0) : await readCapped(response, maxBytes, registry);
    return { status: response.status, headers: response.headers, body, url: response.url || url };
  }

  private unreachable(registry: string, url: string, cause: string, attempts: number): RegistryError {
    return new RegistryError('unreachable', registry, `${registry} cannot be read: ${cause} from ${new URL(url).origin} after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}`);
  }

  /** The header for this registry and scope; a token is fetched when the registry asked for one. */
  private async authorization(registry: string, scope: string, fresh: boolean): Promise<string | null> {
    const challenge = this.challenges.get(registry);
    const credential = this.options.credentials.get(registry);
    if (!challenge) return null;
    if (challenge.scheme === 'basic') return credential ? basicAuth(credential) : null;
    if (challenge.scheme !== 'bearer' || !challenge.params.realm) return null;
    const key = `${registry} ${scope}`;
    const cached = this.tokens.get(key);
    if (!fresh && cached && cached.expires > this.now()) return `Bearer ${cached.value}`;
    let pending = this.pendingTokens.get(key);
    if (!pending) {
      pending = this.fetchToken(registry, challenge, scope).finally(() => this.pendingTokens.delete(key));
      this.pendingTokens.set(key, pending);
    }
    return `Bearer ${await pending}`;
  }

  private async fetchToken(registry: string, challenge: Challenge, scope: string): Promise<string> {
    let realm: URL;
    try {
      realm = new URL(challenge.params.realm!);
    } catch {
      throw new RegistryError('invalid', registry, `${registry} names a token service that is not a URL: ${JSON.stringify(challenge.params.realm)}`);
    }
    if (realm.protocol !== 'https:' && realm.protocol !== 'http:') throw new RegistryError('invalid', registry, `${registry} names a token service that is not HTTP: ${realm.href}`);
    if (challenge.params.service) realm.searchParams.set('service', challenge.params.service);
    realm.searchParams.set('scope', scope);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'plimsoll' };
    const credential = this.options.credentials.get(registry);
    // Credentials never travel in clear text, except to this machine.
    if (credential && (realm.protocol === 'https:' || isLoopback(realm.hostname))) headers.authorization = basicAuth(credential);

    let failures = 0;
    for (;;) {
      let response: RegistryResponse;
      try {
        response = await this.exchange(realm.href, 'GET', headers, 1 << 20, registry);
      } catch (error) {
        if (error instanceof RegistryError) throw error;
        if (++failures > this.retries) throw this.unreachable(registry, realm.href, `token service: ${describe(error)}`, failures);
        await this.sleep(this.backoffMs * 2 ** (failures - 1));
        continue;
      }
      if (RETRYABLE.has(response.status) || response.status === 429) {
        const wait = waitOf(response.headers, this.now()) ?? this.backoffMs * 2 ** failures;
        if (++failures > this.retries || wait > this.maxWaitMs) throw this.unreachable(registry, realm.href, `token service: HTTP ${response.status}`, failures);
        await this.sleep(wait);
        continue;
      }
      if (response.status !== 200) {
        throw new RegistryError('denied', registry, `${registry}'s token service refused a token for ${scope.split(':')[1]} (HTTP ${response.status}${credential ? ': the credentials given were not accepted' : ''})`);
      }
      let document: { token?: unknown; access_token?: unknown; expires_in?: unknown };
      try {
        document = JSON.parse(response.body.toString('utf8')) as typeof document;
      } catch {
        throw new RegistryError('invalid', registry, `${registry}'s token service answered something that is not JSON`);
      }
      const token = typeof document.token === 'string' ? document.token : typeof document.access_token === 'string' ? document.access_token : null;
      if (!token) throw new RegistryError('invalid', registry, `${registry}'s token service answered without a token`);
      // 60 s is the distribution spec's default lifetime; renew 10 s early.
      const lifetime = typeof document.expires_in === 'number' && document.expires_in > 0 ? document.expires_in : 60;
      this.tokens.set(`${registry} ${scope}`, { value: token, expires: this.now() + Math.max(1, lifetime - 10) * 1000 });
      return token;
    }
  }

  /** `ratelimit-remaining: 0` with a reset time: nobody asks that registry again before it. */
  private notePause(registry: string, headers: Headers): void {
    const remaining = headers.get('ratelimit-remaining') ?? headers.get('x-ratelimit-remaining');
    if (remaining === null || Number.parseInt(remaining, 10) !== 0) return;
    const reset = headers.get('ratelimit-reset') ?? headers.get('x-ratelimit-reset');
    if (reset === null) return;
    const value = Number.parseInt(reset, 10);
    if (!Number.isFinite(value)) return;
    // Seconds from now (the IETF draft), or an epoch time in seconds (GitHub-style).
    const until = value > 1e9 ? value * 1000 : this.now() + value * 1000;
    this.pausedUntil.set(registry, Math.max(this.pausedUntil.get(registry) ?? 0, until));
  }

  private async waitForPause(registry: string): Promise<void> {
    const wait = (this.pausedUntil.get(registry) ?? 0) - this.now();
    if (wait <= 0) return;
    if (wait > this.maxWaitMs) throw new RegistryError('rate-limited', registry, `${registry}'s rate limit is used up until ${new Date(this.now() + wait).toISOString()}`);
    await this.sleep(wait);
  }
}

/** `ratelimit-limit: 100;w=21600` with `ratelimit-remaining: 0`: the limit and window, in words. */
function usedUpWindow(headers: Headers): string | null {
  const remaining = headers.get('ratelimit-remaining');
  if (remaining === null || Number.parseInt(remaining, 10) !== 0) return null;
  const limit = /^(\d+)\s*;\s*w=(\d+)/.exec(headers.get('ratelimit-limit') ?? '');
  return limit ? `${limit[1]} requests per ${limit[2]} s` : 'no requests left';
}

/** `Retry-After` in seconds or as an HTTP date; null when absent or unreadable. */
function waitOf(headers: Headers, now: number): number | null {
  const value = headers.get('retry-after');
  if (value === null) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

async function readCapped(response: Response, maxBytes: number, registry: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new RegistryError('invalid', registry, `${registry} answered ${declared} bytes where at most ${maxBytes} were expected`);
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      throw new RegistryError('invalid', registry, `${registry} answered more than ${maxBytes} bytes`);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

function describe(error: unknown): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'no answer in time';
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(error);
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\./.test(hostname);
}
