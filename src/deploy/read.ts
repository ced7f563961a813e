import { parseImageReference } from '../dockerfile/reference.js';
import type { ImageRef } from '../dockerfile/types.js';
import { imagePolicyFor } from '../policy/match.js';
import type { Policy } from '../policy/types.js';
import { isRegistryError } from '../registry/errors.js';
import { isIndex, MEDIA_TYPES, type Descriptor, type FetchedManifest, type Platform, type RegistryClient, type RepositoryRef } from '../registry/types.js';
import { baseOf, mergeBuiltFrom, provenanceImages, sourceRepository, type BuiltFrom, type ImageRecord } from './record.js';

/**
 * Reads from the registry what an image records about how it was built (SPEC §10), from every
 * place builders write it: OCI base annotations on the index and on each platform manifest, the
 * same keys as config labels, and BuildKit's provenance attestations (attestation manifests in the
 * index, `vnd.docker.reference.type: attestation-manifest`, whose layers are in-toto statements).
 * Every platform is read. Requests: the index, then per platform its manifest and config, per
 * attestation its manifest and statement; all cached by digest in the client.
 */
const MAX_MANIFESTS = 64;
const ATTESTATION = 'attestation-manifest';

export async function readImageRecord(client: RegistryClient, ref: ImageRef, policy?: Policy): Promise<ImageRecord> {
  const repo: RepositoryRef = { registry: ref.registry, repository: ref.repository };
  const top = await client.manifest(repo, ref.digest ?? ref.tag ?? 'latest');
  const found: BuiltFrom[] = [];
  const sources: Array<string | null> = [];
  const platforms: string[] = [];

  /** Base annotations and labels of one platform's image, and its source repository. */
  const readImage = async (manifest: FetchedManifest, platform: string | null, descriptor: Descriptor | null) => {
    const entries: BuiltFrom[] = [];
    const annotated = baseOf(manifest.json.annotations, 'annotation', platform) ?? baseOf(descriptor?.annotations, 'annotation', platform);
    if (annotated) entries.push(annotated);
    const repos = [sourceRepository(manifest.json.annotations)];
    const config = manifest.json.config;
    if (config && (config.mediaType === MEDIA_TYPES.ociConfig || config.mediaType === MEDIA_TYPES.dockerConfig)) {
      const labels = labelsOf(await client.blob(repo, config.digest));
      const labelled = baseOf(labels, 'label', platform);
      if (labelled) entries.push(labelled);
      repos.push(sourceRepository(labels));
    }
    return { entries, repos };
  };

  if (isIndex(top.mediaType) || Array.isArray(top.json.manifests)) {
    const index = baseOf(top.json.annotations, 'annotation', null);
    if (index) found.push(index);
    sources.push(sourceRepository(top.json.annotations));
    const entries = (top.json.manifests ?? []).slice(0, MAX_MANIFESTS);
    const attestations = entries.filter((m) => m.annotations?.['vnd.docker.reference.type'] === ATTESTATION);
    const images = entries.filter((m) => !attestations.includes(m) && !isUnknownPlatform(m.platform));
    const platformOf = new Map(images.map((m) => [m.digest, platformText(m.platform)]));
    platforms.push(...images.map((m) => platformText(m.platform)).filter((p): p is string => p !== null));
    // Read in parallel, recorded in the index's order, so the answer does not depend on timing.
    const read = await Promise.all(images.map(async (m) => readImage(await client.manifest(repo, m.digest), platformOf.get(m.digest) ?? null, m)));
    for (const { entries: recorded, repos } of read) {
      found.push(...recorded);
      sources.push(...repos);
    }
    const attested = await Promise.all(attestations.map((m) => readAttestation(client, repo, m.digest, platformOf.get(m.annotations?.['vnd.docker.reference.digest'] ?? '') ?? null)));
    for (const recorded of attested) found.push(...recorded);
  } else {
    const { entries: recorded, repos } = await readImage(top, null, null);
    found.push(...recorded);
    sources.push(...repos);
  }

  const builtFrom = mergeBuiltFrom(found);
  const base = builtFrom.find((entry) => entry.source !== 'provenance') ?? null;
  return {
    reference: ref.raw,
    digest: ref.digest ?? top.digest,
    base: base?.image ?? null,
    baseDigest: base?.digest ?? null,
    builtFrom,
    sourceRepo: sources.find((s) => s !== null) ?? null,
    platforms: [...new Set(platforms)].sort(),
    indexChildren: policy ? await pinnedIndexChildren(client, policy, [ref.raw, ...builtFrom.filter((b) => b.digest).map((b) => b.image)]) : {},
  };
}

async function readAttestation(client: RegistryClient, repo: RepositoryRef, digest: string, platform: string | null): Promise<BuiltFrom[]> {
  const manifest = await client.manifest(repo, digest);
  const statements = (manifest.json.layers ?? []).filter(
    (layer) => layer.mediaType === MEDIA_TYPES.inToto && /slsa\.dev\/provenance/.test(layer.annotations?.['in-toto.io/predicate-type'] ?? 'slsa.dev/provenance'),
  );
  const out: BuiltFrom[] = [];
  for (const layer of statements.slice(0, 8)) {
    let statement: unknown;
    try {
      statement = JSON.parse(Buffer.from(await client.blob(repo, layer.digest)).toString('utf8'));
    } catch (error) {
      if (isRegistryError(error)) throw error;
      continue; // not JSON: nothing recorded here
    }
    out.push(...provenanceImages(statement, platform));
  }
  return out;
}

/**
 * The platform manifests inside each index digest the policy pins for the tags named, so a
 * platform digest recorded by a build matches its pinned index. One read per such pin.
 */
async function pinnedIndexChildren(client: RegistryClient, policy: Policy, references: readonly string[]): Promise<Record<string, string[]>> {
  const pins = new Map<string, RepositoryRef>();
  for (const reference of references) {
    const ref = parseImageReference(reference);
    if (!ref?.tag) continue;
    const pin = imagePolicyFor(policy, ref)?.digests[ref.tag];
    if (pin) pins.set(pin.toLowerCase(), { registry: ref.registry, repository: ref.repository });
  }
  const children: Record<string, string[]> = {};
  await Promise.all(
    [...pins].map(async ([pin, repo]) => {
      try {
        const manifest = await client.manifest(repo, pin);
        if (Array.isArray(manifest.json.manifests)) children[pin] = manifest.json.manifests.map((m) => m.digest.toLowerCase());
      } catch (error) {
        if (!isRegistryError(error)) throw error;
      }
    }),
  );
  return children;
}

function labelsOf(bytes: Uint8Array): Record<string, string> {
  try {
    const config = JSON.parse(Buffer.from(bytes).toString('utf8')) as { config?: { Labels?: unknown } };
    const labels = config.config?.Labels;
    if (!labels || typeof labels !== 'object') return {};
    return Object.fromEntries(Object.entries(labels as Record<string, unknown>).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
  } catch {
    return {};
  }
}

function isUnknownPlatform(platform: Platform | undefined): boolean {
  return platform?.os === 'unknown' && platform.architecture === 'unknown';
}

function platformText(platform: Platform | undefined): string | null {
  if (!platform?.os || !platform.architecture) return null;
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}
