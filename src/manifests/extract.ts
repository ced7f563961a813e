import { envFileFor, extractCompose, type KindResult, type RelatedFiles } from './compose.js';
import { devContainerComposeFiles, extractDevContainer } from './devcontainer.js';
import { MAX_MANIFEST_CHARS, type ManifestKind } from '../files/kinds.js';
import { extractKubernetes } from './kubernetes.js';
import type { ManifestExtraction, ManifestImage } from './types.js';
import { extractWorkflow } from './workflow.js';

/**
 * Image extraction for compose files, Kubernetes manifests, workflows and dev containers
 * (SPEC §11). Pure: the caller reads the file, and the few other files extraction needs
 * (`relatedPaths`), and passes their text in. Never throws; hostile input (binary, oversized,
 * nested too deep, alias bombs, duplicate keys) becomes one problem naming the file.
 */

/** Paths of the other files extraction reads for this one: a compose file's `.env`, a dev container's compose files. */
export function relatedPaths(kind: ManifestKind, path: string, text: string): string[] {
  if (refusal(text) !== null) return [];
  if (kind === 'compose') return [envFileFor(path)];
  if (kind === 'devcontainer') return devContainerComposeFiles(path, text).flatMap((compose) => [compose, envFileFor(compose)]);
  return [];
}

export function extractManifest(kind: ManifestKind, path: string, text: string, related: RelatedFiles = new Map()): ManifestExtraction {
  const refused = refusal(text);
  if (refused !== null) return { path, kind, images: [], problems: [{ file: path, line: 1, column: 1, message: refused }], skipped: null };
  const { images, problems, skipped } = extractKind(kind, path, text, related);
  return { path, kind, images, problems, skipped };
}

function extractKind(kind: ManifestKind, path: string, text: string, related: RelatedFiles): KindResult {
  switch (kind) {
    case 'compose':
      return extractCompose(path, text, related);
    case 'kubernetes':
      return extractKubernetes(path, text);
    case 'workflow':
      return extractWorkflow(path, text);
    case 'devcontainer':
      return extractDevContainer(path, text, related);
  }
}

/** Why a text is not read at all, or null. */
function refusal(text: string): string | null {
  if (text.length > MAX_MANIFEST_CHARS) {
    return `is too large to read (${(text.length / (1024 * 1024)).toFixed(1)} MB; the limit is ${MAX_MANIFEST_CHARS / (1024 * 1024)} MB)`;
  }
  if (text.includes('\u0000')) return 'is a binary file (it contains NUL bytes), not text';
  return null;
}

/**
 * One row per place an image is written: an image a dev container's compose file holds is also
 * found when that compose file is read on its own. Keeps the first of each (file, offset).
 */
export function uniqueImages(images: Iterable<ManifestImage>): ManifestImage[] {
  const seen = new Set<string>();
  const out: ManifestImage[] = [];
  for (const image of images) {
    const key = `${image.file}\u0000${image.span.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(image);
  }
  return out;
}
