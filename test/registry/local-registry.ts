import { createHash, randomUUID } from 'node:crypto';

/**
 * The real registry of the integration tests: Debian's `docker-registry` (CNCF distribution),
 * started by `.ci/run` on 127.0.0.1:5000 with `.ci/registry.yml` (no auth, deletes on). Images are
 * pushed through its HTTP API, so tags, pages and digests are the registry's own answers.
 */
export const REGISTRY_HOST = process.env.PLIMSOLL_TEST_REGISTRY?.trim() || '127.0.0.1:5000';
export const REGISTRY_URL = `http://${REGISTRY_HOST}`;

async function reachable(): Promise<boolean> {
  try {
    const response = await fetch(`${REGISTRY_URL}/v2/`, { signal: AbortSignal.timeout(5000) });
    return response.status === 200 && response.headers.get('docker-distribution-api-version') === 'registry/2.0';
  } catch {
    return false;
  }
}

export const registryReachable = await reachable();
export const NO_REGISTRY = `no registry at ${REGISTRY_HOST} (run: docker-registry serve .ci/registry.yml, or set PLIMSOLL_TEST_REGISTRY; CI runs these)`;

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const IN_TOTO = 'application/vnd.in-toto+json';
const LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { architecture: string; os: string; variant?: string };
  annotations?: Record<string, string>;
}

/** A repository path no other test run uses: `plimsoll-test/<random>/<name>`. */
export function uniqueRepository(name: string): string {
  return `plimsoll-test/${randomUUID().slice(0, 8)}/${name}`;
}

const digestOf = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

export async function pushBlob(repository: string, content: Buffer | string, mediaType = LAYER): Promise<Descriptor> {
  const bytes = Buffer.from(content);
  const digest = digestOf(bytes);
  const start = await fetch(`${REGISTRY_URL}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  if (start.status !== 202) throw new Error(`blob upload refused: HTTP ${start.status}`);
  const location = new URL(start.headers.get('location')!, REGISTRY_URL);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' } });
  if (put.status !== 201) throw new Error(`blob upload failed: HTTP ${put.status} ${await put.text()}`);
  return { mediaType, digest, size: bytes.length };
}

/** PUT a manifest or index under a tag (or its digest); the registry's digest comes back. */
export async function pushManifest(repository: string, reference: string | null, manifest: object): Promise<Descriptor> {
  const bytes = Buffer.from(JSON.stringify(manifest));
  const digest = digestOf(bytes);
  const mediaType = (manifest as { mediaType: string }).mediaType;
  const response = await fetch(`${REGISTRY_URL}/v2/${repository}/manifests/${reference ?? digest}`, { method: 'PUT', body: bytes, headers: { 'content-type': mediaType } });
  if (response.status !== 201) throw new Error(`manifest push failed: HTTP ${response.status} ${await response.text()}`);
  const answered = response.headers.get('docker-content-digest');
  if (answered !== digest) throw new Error(`registry answered digest ${answered}, expected ${digest}`);
  return { mediaType, digest, size: bytes.length };
}

export interface ImageSpec {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  platform?: { architecture: string; os: string; variant?: string };
  /** Makes the image's bytes differ (a rebuild). */
  salt?: string;
}

/** An image manifest with a config and one small layer; tagged when `tag` is given. */
export async function pushImage(repository: string, tag: string | null, spec: ImageSpec = {}): Promise<Descriptor> {
  const platform = spec.platform ?? { architecture: 'amd64', os: 'linux' };
  const layer = await pushBlob(repository, `layer ${repository} ${spec.salt ?? ''} ${platform.architecture}`);
  const config = await pushBlob(
    repository,
    JSON.stringify({ ...platform, config: { Labels: spec.labels ?? {} }, rootfs: { type: 'layers', diff_ids: [layer.digest] }, history: [{ created_by: spec.salt ?? 'test' }] }),
    OCI_CONFIG,
  );
  const manifest = { schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer], ...(spec.annotations ? { annotations: spec.annotations } : {}) };
  const pushed = await pushManifest(repository, tag, manifest);
  return { ...pushed, platform };
}

export async function pushIndex(repository: string, tag: string | null, manifests: Descriptor[], annotations?: Record<string, string>): Promise<Descriptor> {
  return pushManifest(repository, tag, { schemaVersion: 2, mediaType: OCI_INDEX, manifests, ...(annotations ? { annotations } : {}) });
}

/**
 * A provenance attestation as BuildKit attaches it: a manifest whose layer is an in-toto statement,
 * listed in the index with platform unknown/unknown and `vnd.docker.reference.type`.
 */
export async function pushAttestation(repository: string, subject: Descriptor, statement: object): Promise<Descriptor> {
  const layer = await pushBlob(repository, JSON.stringify(statement), IN_TOTO);
  const config = await pushBlob(repository, JSON.stringify({ architecture: 'unknown', os: 'unknown', config: {}, rootfs: { type: 'layers', diff_ids: [layer.digest] } }), OCI_CONFIG);
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config,
    layers: [{ ...layer, annotations: { 'in-toto.io/predicate-type': (statement as { predicateType: string }).predicateType } }],
  };
  const pushed = await pushManifest(repository, null, manifest);
  return {
    ...pushed,
    platform: { architecture: 'unknown', os: 'unknown' },
    annotations: { 'vnd.docker.reference.digest': subject.digest, 'vnd.docker.reference.type': 'attestation-manifest' },
  };
}
