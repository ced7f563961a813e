/**
 * What the rest of Plimsoll asks an image registry (OCI distribution API). The core depends on this
 * interface only; `createRegistryClient` (client.ts) answers over HTTP, tests may answer from memory.
 */

/** A repository in a registry: `docker.io` + `library/node`. */
export interface RepositoryRef {
  registry: string;
  repository: string;
}

export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
  'os.version'?: string;
}

/** An OCI content descriptor (manifest entry, config, layer, referrer). */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  artifactType?: string;
}

/** The fields of an image manifest or index that Plimsoll reads. */
export interface ManifestJson {
  schemaVersion?: number;
  mediaType?: string;
  artifactType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
  annotations?: Record<string, string>;
  subject?: Descriptor;
}

export interface FetchedManifest {
  /** Content digest of the bytes the registry served (verified). */
  digest: string;
  mediaType: string;
  json: ManifestJson;
}

export interface RegistryClient {
  /** Every tag of the repository, all pages read. */
  tags(repo: RepositoryRef): Promise<string[]>;
  /** The digest a tag (or digest) resolves to: the index digest of a multi-platform image. */
  digest(repo: RepositoryRef, reference: string): Promise<string>;
  manifest(repo: RepositoryRef, reference: string): Promise<FetchedManifest>;
  /** A blob's bytes (an image config, an in-toto statement), verified against its digest. */
  blob(repo: RepositoryRef, digest: string): Promise<Uint8Array>;
  /** Manifests whose `subject` is `digest` (OCI 1.1 referrers API, or its fallback tag). */
  referrers(repo: RepositoryRef, digest: string): Promise<Descriptor[]>;
}

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  inToto: 'application/vnd.in-toto+json',
} as const;

/** Every manifest form Plimsoll reads, index forms first (a tag's digest is its index's). */
export const MANIFEST_ACCEPT = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest].join(', ');

export function isIndex(mediaType: string | undefined): boolean {
  return mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerList;
}
