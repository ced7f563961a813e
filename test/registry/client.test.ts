import { afterEach, describe, expect, it } from 'vitest';
import { createRegistryClient } from '../../src/registry/client.js';
import { endpointFor, parseEndpoints } from '../../src/registry/endpoints.js';
import { RegistryError } from '../../src/registry/errors.js';
import { startFakeRegistry, type FakeRegistry, type FakeRegistryOptions } from './fake-registry.js';

let registry: FakeRegistry | undefined;
afterEach(async () => {
  await registry?.close();
  registry = undefined;
});

const repo = (repository = 'library/node') => ({ registry: 'docker.io', repository });

/** A client whose `docker.io` is the fake registry; waits are recorded, not slept. */
async function setup(options: FakeRegistryOptions = {}, env: Record<string, string> = {}, timeoutMs = 2000) {
  registry = await startFakeRegistry(options);
  const waits: number[] = [];
  const client = createRegistryClient({
    env: { PLIMSOLL_REGISTRY_ENDPOINTS: `docker.io=${registry.url}`, ...env },
    sleep: async (ms) => void waits.push(ms),
    timeoutMs,
  });
  return { registry, client, waits };
}

async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  }
  throw new Error('expected a RegistryError');
}

describe('registry client: authentication', () => {
  it('takes an anonymous bearer token from the challenge, then reuses it for the scope', async () => {
    const { registry, client } = await setup({ auth: 'bearer' });
    registry.setTags('library/node', ['20.11.1', '20.11.2']);
    expect(await client.tags(repo())).toEqual(['20.11.1', '20.11.2']);
    const digest = registry.putManifest('library/node', '20.11.2', { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] });
    expect(await client.digest(repo(), '20.11.2')).toBe(digest);
    expect(registry.log).toEqual([
      'GET /v2/library/node/tags/list?n=1000',
      'GET /token?service=fake-registry&scope=repository%3Alibrary%2Fnode%3Apull',
      'GET /v2/library/node/tags/list?n=1000',
      'HEAD /v2/library/node/manifests/20.11.2',
    ]);
  });

  it('asks for a new repository\'s token directly once the registry\'s challenge is known', async () => {
    const { registry, client } = await setup({ auth: 'bearer' });
    registry.setTags('library/node', ['1']);
    registry.setTags('library/python', ['3']);
    await client.tags(repo());
    registry.log.length = 0;
    await client.tags(repo('library/python'));
    expect(registry.log).toEqual(['GET /token?service=fake-registry&scope=repository%3Alibrary%2Fpython%3Apull', 'GET /v2/library/python/tags/list?n=1000']);
  });

  it('sends credentials from PLIMSOLL_REGISTRY_AUTH to the token service, and says when they are refused', async () => {
    const credentials = { username: 'bot', password: 's3cret' };
    const { registry, client } = await setup({ auth: 'bearer', credentials }, { PLIMSOLL_REGISTRY_AUTH: JSON.stringify({ 'docker.io': credentials }) });
    registry.setTags('acme/private', ['1.0.0']);
    expect(await client.tags(repo('acme/private'))).toEqual(['1.0.0']);

    const wrong = createRegistryClient({ env: { PLIMSOLL_REGISTRY_ENDPOINTS: `docker.io=${registry.url}`, PLIMSOLL_REGISTRY_AUTH: JSON.stringify({ 'docker.io': { username: 'bot', password: 'nope' } }) } });
    const error = await failure(wrong.tags(repo('acme/private')));
    expect(error.kind).toBe('denied');
    expect(error.message).toContain('credentials given were not accepted');
  });

  it('answers a Basic challenge with the credentials of a Docker config.json named by the environment', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'plimsoll-docker-config-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth: Buffer.from('bot:pw').toString('base64') } } }));
    const { registry, client } = await setup({ auth: 'basic', credentials: { username: 'bot', password: 'pw' } }, { DOCKER_CONFIG: dir });
    registry.setTags('acme/app', ['2']);
    expect(await client.tags(repo('acme/app'))).toEqual(['2']);
  });

  it('without credentials, a private repository is reported as denied with what to set', async () => {
    const { registry, client } = await setup({ auth: 'basic', credentials: { username: 'a', password: 'b' } });
    registry.setTags('acme/app', ['2']);
    const error = await failure(client.tags(repo('acme/app')));
    expect(error.kind).toBe('denied');
    expect(error.message).toBe('docker.io refused to show acme/app (HTTP 401; for a private image set credentials (PLIMSOLL_REGISTRY_AUTH))');
  });
});

describe('registry client: hostile and broken answers', () => {
  it('retries a token service answering 503, and names a realm that is not a URL', async () => {
    const { registry, client, waits } = await setup({ auth: 'bearer' });
    registry.setTags('library/node', ['1']);
    registry.faults.push({ match: /^GET \/token/, status: 503 });
    expect(await client.tags(repo())).toEqual(['1']);
    expect(waits).toEqual([250]);
    registry.faults.push({ match: /tags\/list/, status: 401, headers: { 'www-authenticate': 'Bearer realm="not a url",service="x"' } });
    const other = createRegistryClient({ env: { PLIMSOLL_REGISTRY_ENDPOINTS: `docker.io=${registry.url}` } });
    const error = await failure(other.tags(repo()));
    expect(error.message).toBe('docker.io names a token service that is not a URL: "not a url"');
  });

  it('refuses a tag list that is not a list of tags, and a manifest that is not an object', async () => {
    const { registry, client } = await setup();
    registry.faults.push({ match: /tags\/list/, status: 200, body: '{"tags": [1, {"x": 2}]}', headers: { 'content-type': 'application/json' } });
    expect((await failure(client.tags(repo()))).message).toBe('docker.io/library/node: the tag list is not a list of tags');
    registry.faults.push({ match: /manifests/, status: 200, body: '["not", "a", "manifest"]', headers: { 'content-type': 'application/json' } });
    expect((await failure(client.manifest(repo(), 'x'))).message).toBe('docker.io/library/node: the manifest is not a JSON object');
  });

  it('refuses a tag list that never ends', async () => {
    const { registry, client } = await setup();
    registry.faults.push({ match: /tags\/list/, times: 5, status: 200, body: '{"tags": ["a"]}', headers: { 'content-type': 'application/json', link: '</v2/library/node/tags/list?n=1&last=a>; rel="next"' } });
    expect((await failure(client.tags(repo()))).message).toBe('docker.io/library/node: the tag list does not end (2 pages)');
  });
});

describe('registry client: tag lists', () => {
  it('follows Link pagination to the end', async () => {
    const { registry, client } = await setup({ pageSize: 2 });
    const tags = ['1.0.0', '1.0.1', '1.1.0', '2.0.0', '2.0.1'];
    registry.setTags('library/node', tags);
    expect(await client.tags(repo())).toEqual(tags);
    expect(registry.log).toEqual([
      'GET /v2/library/node/tags/list?n=1000',
      'GET /v2/library/node/tags/list?n=2&last=1.0.1',
      'GET /v2/library/node/tags/list?n=2&last=2.0.0',
    ]);
  });

  it('refuses a next page on another host (a token is never sent elsewhere)', async () => {
    const { registry, client } = await setup();
    registry.setTags('library/node', ['1']);
    registry.faults.push({ match: /tags\/list/, status: 200, headers: { 'content-type': 'application/json', link: '<https://evil.example/v2/x/tags/list?last=1>; rel="next"' }, body: '{"tags":["1"]}' });
    const error = await failure(client.tags(repo()));
    expect(error.message).toBe('docker.io/library/node: the tag list continues on another host (https://evil.example)');
  });

  it('asks again for a page cut short mid-body, or served as broken JSON', async () => {
    const { registry, client } = await setup();
    registry.setTags('library/node', ['1.0.0', '1.0.1']);
    registry.faults.push({ match: /tags\/list/, truncate: true });
    expect(await client.tags(repo())).toEqual(['1.0.0', '1.0.1']);
    registry.faults.push({ match: /tags\/list/, status: 200, body: '{"tags": ["1.0', headers: { 'content-type': 'application/json' } });
    const other = createRegistryClient({ env: { PLIMSOLL_REGISTRY_ENDPOINTS: `docker.io=${registry.url}` } });
    expect(await other.tags(repo())).toEqual(['1.0.0', '1.0.1']);
  });

  it('a missing repository is not-found', async () => {
    const { client } = await setup();
    const error = await failure(client.tags(repo('library/nope')));
    expect(error.kind).toBe('not-found');
    expect(error.message).toBe('docker.io/library/nope: no such repository');
  });

  it('caches a tag list for a while, and serves concurrent askers from one request', async () => {
    const { registry, client } = await setup();
    registry.setTags('library/node', ['1']);
    await Promise.all([client.tags(repo()), client.tags(repo()), client.tags(repo())]);
    await client.tags(repo());
    expect(registry.log).toHaveLength(1);
  });
});

describe('registry client: rate limits and faults', () => {
  it('waits out a 429 for as long as Retry-After says, then goes on', async () => {
    const { registry, client, waits } = await setup();
    registry.setTags('library/node', ['1']);
    registry.faults.push({ match: /tags\/list/, status: 429, headers: { 'retry-after': '3' }, times: 2 });
    expect(await client.tags(repo())).toEqual(['1']);
    expect(waits).toEqual([3000, 3000]);
    expect(registry.log).toHaveLength(3);
  });

  it('gives up on a 429 that asks for longer than it may wait, saying how long', async () => {
    const { registry, client } = await setup();
    registry.setTags('library/node', ['1']);
    registry.faults.push({ match: /tags\/list/, status: 429, headers: { 'retry-after': '3600' } });
    const error = await failure(client.tags(repo()));
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toBe('docker.io is rate limiting Plimsoll (HTTP 429); it asks to wait 3600 s');
  });

  it('says at once when a pull limit is used up (a 429 with ratelimit-remaining 0 and no Retry-After, as Docker Hub answers)', async () => {
    const { registry, client, waits } = await setup();
    registry.setTags('library/node', ['1']);
    registry.faults.push({ match: /tags\/list/, status: 429, headers: { 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '0;w=21600' }, body: '{"errors":[{"code":"TOOMANYREQUESTS"}]}' });
    const error = await failure(client.tags(repo()));
    expect(error).toMatchObject({ kind: 'rate-limited', message: 'docker.io\'s rate limit is used up (100 requests per 21600 s); credentials (PLIMSOLL_REGISTRY_AUTH) raise it' });
    expect(waits).toEqual([]);
  });

  it('pauses the registry when ratelimit-remaining reaches 0 with a reset time', async () => {
    const { registry, client, waits } = await setup();
    registry.setTags('library/node', ['1']);
    registry.setTags('library/python', ['3']);
    registry.headers = { 'ratelimit-remaining': '0;w=21600', 'ratelimit-reset': '7' };
    await client.tags(repo());
    await client.tags(repo('library/python'));
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(6000);
    expect(waits[0]).toBeLessThanOrEqual(7000);
  });

  it('retries 5xx answers with backoff, and names the registry when they do not stop', async () => {
    const { registry, client, waits } = await setup();
    registry.setTags('library/node', ['1']);
    registry.faults.push({ match: /tags\/list/, status: 503, times: 2 });
    expect(await client.tags(repo())).toEqual(['1']);
    expect(waits).toEqual([250, 500]);
    registry.faults.push({ match: /tags\/list/, status: 502, times: 10 });
    const error = await failure(client.tags(repo('library/node2')));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(`docker.io cannot be read: HTTP 502 from ${registry.url} after 4 attempts`);
  });

  it('times out a registry that does not answer, and retries', async () => {
    const { registry, client } = await setup({}, {}, 200);
    registry.setTags('library/node', ['1']);
    registry.faults.push({ match: /tags\/list/, delayMs: 600, status: 200, body: '{"tags":["late"]}' });
    expect(await client.tags(repo())).toEqual(['1']);
  });

  it('a registry nobody listens on is unreachable', async () => {
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    const client = createRegistryClient({ env: { PLIMSOLL_REGISTRY_ENDPOINTS: `docker.io=http://127.0.0.1:${port}` }, sleep: async () => undefined, retries: 1 });
    const error = await failure(client.tags(repo()));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(`docker.io cannot be read: ECONNREFUSED from http://127.0.0.1:${port} after 2 attempts`);
  });
});

describe('registry client: manifests and blobs', () => {
  it('verifies a manifest against the digest asked for', async () => {
    const { registry, client } = await setup();
    const digest = registry.putManifest('library/node', '1', { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', layers: [] });
    const manifest = await client.manifest(repo(), digest);
    expect(manifest).toMatchObject({ digest, mediaType: 'application/vnd.oci.image.manifest.v1+json' });
    registry.faults.push({ match: /manifests/, status: 200, headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': digest }, body: '{"schemaVersion":2,"layers":[{"tampered":true}]}' });
    const error = await failure(client.manifest(repo(), '1'));
    expect(error.message).toContain('does not match its digest');
  });

  it('refuses a blob larger than a config can be', async () => {
    const { registry, client } = await setup();
    const digest = registry.putBlob(Buffer.alloc(17 << 20, 1));
    const error = await failure(client.blob(repo(), digest));
    expect(error.kind).toBe('invalid');
    expect(error.message).toBe(`docker.io answered ${17 << 20} bytes where at most ${16 << 20} were expected`);
  });

  it('finds no referrers where the registry has neither the API nor the fallback tag', async () => {
    const { client } = await setup();
    expect(await client.referrers(repo(), `sha256:${'a'.repeat(64)}`)).toEqual([]);
  });
});

describe('PLIMSOLL_REGISTRY_ENDPOINTS', () => {
  it('maps names, Docker Hub spellings included', () => {
    expect([...parseEndpoints('docker.io=https://mirror.example/, index.docker.io=https://m2, ghcr.io=http://127.0.0.1:5001')]).toEqual([
      ['docker.io', 'https://m2'],
      ['ghcr.io', 'http://127.0.0.1:5001'],
    ]);
  });
  it('serves Docker Hub from registry-1.docker.io, this machine over HTTP, the rest over HTTPS', () => {
    const none = parseEndpoints(undefined);
    expect(endpointFor('docker.io', none)).toBe('https://registry-1.docker.io');
    expect(endpointFor('localhost:5000', none)).toBe('http://localhost:5000');
    expect(endpointFor('127.0.0.1:5000', none)).toBe('http://127.0.0.1:5000');
    expect(endpointFor('ghcr.io', none)).toBe('https://ghcr.io');
    expect(endpointFor('ghcr.io', parseEndpoints('ghcr.io=http://127.0.0.1:5001'))).toBe('http://127.0.0.1:5001');
  });
  it('refuses what is not NAME=URL', () => {
    expect(() => parseEndpoints('docker.io')).toThrow('PLIMSOLL_REGISTRY_ENDPOINTS: "docker.io" is not NAME=URL (such as docker.io=https://mirror.example)');
    expect(() => parseEndpoints('ghcr.io=ftp://x')).toThrow('is not NAME=URL');
  });
});
