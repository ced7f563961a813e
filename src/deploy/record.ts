/**
 * What an image records about how it was built (SPEC §10), as read from its registry by read.ts:
 * its digest, the base named by OCI annotations or config labels, and every image its build pulled
 * (BuildKit provenance). Plain data; the decision (decide.ts) is a pure function of it.
 */
export type BuiltFromSource = 'annotation' | 'label' | 'provenance';

export interface BuiltFrom {
  /** As recorded: the annotation's value, or `name:tag` of a provenance material. */
  image: string;
  digest: string | null;
  source: BuiltFromSource;
  /** Platforms whose manifest records it (`linux/amd64`); empty when recorded on the index. */
  platforms: string[];
}

export interface ImageRecord {
  /** The reference as given. */
  reference: string;
  /** What the reference resolves to: the index digest of a multi-platform image. */
  digest: string;
  /** The base image the annotations or labels name; null when only provenance records anything. */
  base: string | null;
  baseDigest: string | null;
  builtFrom: BuiltFrom[];
  /** `owner/name` from `org.opencontainers.image.source`, for standing exceptions. */
  sourceRepo: string | null;
  /** Platforms the image has (`linux/amd64`, …). */
  platforms: string[];
  /**
   * For digests the policy pins that are indexes: the platform manifests each contains, so a
   * platform digest recorded by provenance matches the pinned index digest (SPEC §10).
   */
  indexChildren: Record<string, string[]>;
}

export const BASE_NAME = 'org.opencontainers.image.base.name';
export const BASE_DIGEST = 'org.opencontainers.image.base.digest';
export const SOURCE = 'org.opencontainers.image.source';

/** Base annotations (or labels) of one manifest, index or config. */
export function baseOf(values: Record<string, string> | undefined | null, source: BuiltFromSource, platform: string | null): BuiltFrom | null {
  const name = values?.[BASE_NAME]?.trim();
  if (!name) return null;
  const digest = values?.[BASE_DIGEST]?.trim() || null;
  return { image: name, digest, source, platforms: platform ? [platform] : [] };
}

/** `https://github.com/acme/api(.git)` → `acme/api`; null for anything else. */
export function sourceRepository(values: Record<string, string> | undefined | null): string | null {
  const url = values?.[SOURCE]?.trim();
  if (!url) return null;
  const match = /^(?:https?:\/\/|git@)[^/:]+[/:]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url);
  return match ? `${match[1]}/${match[2]}` : null;
}

/**
 * Images an in-toto statement's SLSA provenance lists as `pkg:docker` (v0.2 `materials`, v1
 * `buildDefinition.resolvedDependencies`): the base of every stage, `COPY --from` images and the
 * `# syntax=` frontend, each with the digest the build used.
 */
export function provenanceImages(statement: unknown, platform: string | null): BuiltFrom[] {
  if (statement === null || typeof statement !== 'object') return [];
  const predicate = (statement as { predicate?: Record<string, unknown> }).predicate;
  if (!predicate || typeof predicate !== 'object') return [];
  const definition = predicate.buildDefinition as { resolvedDependencies?: unknown } | undefined;
  const entries = [
    ...(Array.isArray(predicate.materials) ? predicate.materials : []),
    ...(Array.isArray(definition?.resolvedDependencies) ? definition.resolvedDependencies : []),
  ] as Array<{ uri?: unknown; digest?: unknown }>;
  const out: BuiltFrom[] = [];
  for (const entry of entries) {
    if (typeof entry?.uri !== 'string') continue;
    const purl = parseDockerPurl(entry.uri);
    if (!purl) continue;
    const recorded = entry.digest && typeof entry.digest === 'object' ? (entry.digest as Record<string, unknown>) : {};
    const sha = typeof recorded.sha256 === 'string' && /^[a-f0-9]{64}$/i.test(recorded.sha256) ? `sha256:${recorded.sha256.toLowerCase()}` : null;
    const digest = sha ?? purl.digest;
    const where = purl.platform ?? platform;
    out.push({ image: purl.tag ? `${purl.name}:${purl.tag}` : purl.name, digest, source: 'provenance', platforms: where ? [where] : [] });
  }
  return out;
}

/**
 * `pkg:docker/node@20.11.1-alpine3.19?platform=linux%2Famd64`, `pkg:docker/docker/dockerfile@1.5`,
 * `pkg:docker/ghcr.io/acme/base@1.2?digest=sha256:…` (package-url's docker type, as BuildKit writes it).
 */
export function parseDockerPurl(uri: string): { name: string; tag: string | null; digest: string | null; platform: string | null } | null {
  const match = /^pkg:docker\/([^@?#]+)(?:@([^?#]+))?(?:\?([^#]*))?/.exec(uri);
  if (!match) return null;
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const name = match[1]!.split('/').map(decode).join('/').toLowerCase();
  const version = match[2] === undefined ? null : decode(match[2]);
  const qualifiers = new URLSearchParams(match[3] ?? '');
  const isDigest = version !== null && /^sha256:[a-f0-9]{64}$/i.test(version);
  const qualified = qualifiers.get('digest');
  return {
    name,
    tag: isDigest ? null : version,
    digest: isDigest ? version.toLowerCase() : qualified && /^sha256:[a-f0-9]{64}$/i.test(qualified) ? qualified.toLowerCase() : null,
    platform: qualifiers.get('platform'),
  };
}

/** Merge entries naming the same image and digest from the same kind of place. */
export function mergeBuiltFrom(entries: readonly BuiltFrom[]): BuiltFrom[] {
  const merged = new Map<string, BuiltFrom>();
  for (const entry of entries) {
    const key = `${entry.source} ${entry.image} ${entry.digest ?? ''}`;
    const known = merged.get(key);
    if (known) known.platforms = [...new Set([...known.platforms, ...entry.platforms])].sort();
    else merged.set(key, { ...entry, platforms: [...entry.platforms] });
  }
  return [...merged.values()];
}
