import { afterEach, describe, expect, it } from 'vitest';
import { readImageRecord } from '../../src/deploy/read.js';
import { parseImageReference } from '../../src/dockerfile/reference.js';
import { createRegistryClient } from '../../src/registry/client.js';
import { startFakeRegistry, type FakeRegistry } from '../registry/fake-registry.js';

let registry: FakeRegistry | undefined;
afterEach(async () => {
  await registry?.close();
  registry = undefined;
});

const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';

describe('what an image records, in Docker\'s media types', () => {
  it('reads a Docker manifest list and the base label of each platform\'s Docker config', async () => {
    registry = await startFakeRegistry({ auth: 'bearer' });
    const platforms = ['amd64', 'arm64'].map((architecture) => {
      const config = registry!.putBlob(JSON.stringify({ architecture, os: 'linux', config: { Labels: { 'org.opencontainers.image.base.name': 'docker.io/library/python:3.12.4-slim', 'org.opencontainers.image.source': 'https://github.com/acme/api' } } }));
      const digest = registry!.putManifest('acme/api', null, { schemaVersion: 2, mediaType: DOCKER_MANIFEST, config: { mediaType: DOCKER_CONFIG, digest: config, size: 1 }, layers: [] });
      return { mediaType: DOCKER_MANIFEST, digest, size: 1, platform: { architecture, os: 'linux' } };
    });
    const index = registry.putManifest('acme/api', '1.4.0', { schemaVersion: 2, mediaType: DOCKER_LIST, manifests: platforms });
    const client = createRegistryClient({ env: { PLIMSOLL_REGISTRY_ENDPOINTS: `docker.io=${registry.url}` } });
    const record = await readImageRecord(client, parseImageReference('acme/api:1.4.0')!);
    expect(record).toEqual({
      reference: 'acme/api:1.4.0',
      digest: index,
      base: 'docker.io/library/python:3.12.4-slim',
      baseDigest: null,
      builtFrom: [{ image: 'docker.io/library/python:3.12.4-slim', digest: null, source: 'label', platforms: ['linux/amd64', 'linux/arm64'] }],
      sourceRepo: 'acme/api',
      platforms: ['linux/amd64', 'linux/arm64'],
      indexChildren: {},
    });
  });

  it('an attestation whose statement is not JSON records nothing, and does not fail the read', async () => {
    registry = await startFakeRegistry();
    const image = registry.putManifest('acme/api', null, { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', layers: [] });
    const statement = registry.putBlob('\u0000\u0001 not json');
    const attestation = registry.putManifest('acme/api', null, { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', layers: [{ mediaType: 'application/vnd.in-toto+json', digest: statement, size: 1, annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' } }] });
    registry.putManifest('acme/api', '2', {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: image, size: 1, platform: { architecture: 'amd64', os: 'linux' } },
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: attestation, size: 1, platform: { architecture: 'unknown', os: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': image } },
      ],
    });
    const client = createRegistryClient({ env: { PLIMSOLL_REGISTRY_ENDPOINTS: `docker.io=${registry.url}` } });
    const record = await readImageRecord(client, parseImageReference('acme/api:2')!);
    expect(record.builtFrom).toEqual([]);
    expect(record.platforms).toEqual(['linux/amd64']);
  });
});
