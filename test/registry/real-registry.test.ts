import { describe, expect, it } from 'vitest';
import { createRegistryClient } from '../../src/registry/client.js';
import { NO_REGISTRY, pushAttestation, pushImage, pushIndex, REGISTRY_HOST, registryReachable, uniqueRepository } from './local-registry.js';

/** Against Debian's docker-registry: the answers are the registry's own. */
describe.skipIf(!registryReachable)('registry client against a real registry', () => {
  const client = () => createRegistryClient({ env: {} });

  it('lists every tag (distribution 2.8 answers a tag list in one page, whatever ?n= asks)', async () => {
    const repository = uniqueRepository('node');
    const tags = ['18.19.1', '20.11.1', '20.11.2', '20.11.2-alpine3.19', '20.12.0', 'latest'];
    for (const tag of tags) await pushImage(repository, tag, { salt: tag });
    // Link pagination of tag lists came with distribution 3; test/registry/client.test.ts pages.
    const paged = await fetch(`http://${REGISTRY_HOST}/v2/${repository}/tags/list?n=2`);
    expect(((await paged.json()) as { tags: string[] }).tags.length === 2 || paged.headers.get('link') === null).toBe(true);
    expect((await client().tags({ registry: REGISTRY_HOST, repository })).sort()).toEqual([...tags].sort());
  });

  it('resolves a tag to the index digest of a multi-platform image, and reads the index and configs', async () => {
    const repository = uniqueRepository('python');
    const amd = await pushImage(repository, null, { platform: { architecture: 'amd64', os: 'linux' }, labels: { a: '1' } });
    const arm = await pushImage(repository, null, { platform: { architecture: 'arm64', os: 'linux', variant: 'v8' } });
    const attestation = await pushAttestation(repository, amd, { _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://slsa.dev/provenance/v0.2', subject: [], predicate: {} });
    const index = await pushIndex(repository, '3.12.4', [amd, arm, attestation]);
    const registry = createRegistryClient({ env: {} });
    const repo = { registry: REGISTRY_HOST, repository };
    expect(await registry.digest(repo, '3.12.4')).toBe(index.digest);
    const fetched = await registry.manifest(repo, '3.12.4');
    expect(fetched.digest).toBe(index.digest);
    expect(fetched.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(fetched.json.manifests?.map((m) => m.digest)).toEqual([amd.digest, arm.digest, attestation.digest]);
    const manifest = await registry.manifest(repo, amd.digest);
    const config = JSON.parse(Buffer.from(await registry.blob(repo, manifest.json.config!.digest)).toString('utf8')) as { config: { Labels: Record<string, string> } };
    expect(config.config.Labels).toEqual({ a: '1' });
    // distribution 2.8 has no referrers API and no fallback tag: none.
    expect(await registry.referrers(repo, amd.digest)).toEqual([]);
  });

  it('sees a moved tag: the digest changes when the tag is pushed again', async () => {
    const repository = uniqueRepository('node');
    const first = await pushImage(repository, '20.11.1', { salt: 'one' });
    const registry = createRegistryClient({ env: {}, tagTtlMs: 0 });
    const repo = { registry: REGISTRY_HOST, repository };
    expect(await registry.digest(repo, '20.11.1')).toBe(first.digest);
    const second = await pushImage(repository, '20.11.1', { salt: 'two' });
    expect(await registry.digest(repo, '20.11.1')).toBe(second.digest);
  });

  it('a tag or repository the registry does not have is not-found', async () => {
    const repo = { registry: REGISTRY_HOST, repository: uniqueRepository('none') };
    await expect(client().tags(repo)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(client().digest(repo, '1.0.0')).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe.runIf(!registryReachable)('registry client against a real registry', () => {
  it.skip(NO_REGISTRY, () => undefined);
});
