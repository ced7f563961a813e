import { parseDockerfile } from '../dockerfile/model.js';
import { extractManifest, relatedPaths, uniqueImages } from '../manifests/extract.js';
import { manifestInventory } from '../manifests/inventory.js';
import type { ManifestKind } from '../manifests/kinds.js';
import type { ManifestImage } from '../manifests/types.js';
import type { FileInventory, ImageUsage } from './model.js';

/**
 * The external images one container definition uses, as the inventory keeps them. Stage
 * references and `scratch` are not images; an unresolved reference is kept (status `unknown`).
 */
export function scanContainerDefinition(path: string, text: string): FileInventory {
  const dockerfile = parseDockerfile(path, text);
  const images: ImageUsage[] = [];
  for (const use of dockerfile.images) {
    if (use.kind === 'stage' || use.kind === 'scratch') continue;
    images.push({
      line: use.line,
      name: use.ref?.name ?? null,
      familiar: use.ref?.familiar ?? use.raw,
      tag: use.ref?.tag ?? null,
      digest: use.ref?.digest ?? null,
      fromArg: use.fromArg?.name ?? null,
    });
  }
  return { path, images };
}

/** A compose file, Kubernetes manifest candidate, workflow or dev container as discovery read it. */
export interface ManifestFile {
  path: string;
  kind: ManifestKind;
  text: string;
}

/**
 * The images of a repository's files of other kinds as the inventory keeps them (SPEC §11): one
 * entry per file an image is written in (an image a dev container's compose file names is listed
 * under the compose file), with the files its values are read from, so a bump can read them
 * again. `texts` holds every file of the repository that was read, by path. A YAML file that holds
 * no manifest is nothing; a file that cannot be read is a note.
 */
export function scanManifests(files: readonly ManifestFile[], texts: ReadonlyMap<string, string>): { files: FileInventory[]; notes: string[] } {
  const images: ManifestImage[] = [];
  const notes: string[] = [];
  for (const file of files) {
    const related = new Map<string, string>();
    for (const path of relatedPaths(file.kind, file.path, file.text)) {
      const text = texts.get(path);
      if (text !== undefined) related.set(path, text);
    }
    const extraction = extractManifest(file.kind, file.path, file.text, related);
    for (const problem of extraction.problems) notes.push(`${problem.file}:${problem.line}: ${problem.message}`);
    if (extraction.skipped !== null && file.kind !== 'kubernetes' && extraction.images.length === 0) notes.push(`${file.path}: ${extraction.skipped}`);
    images.push(...extraction.images);
  }
  const inventory = manifestInventory(uniqueImages(images)).map((entry) => {
    const kind = entry.images[0]!.source!;
    const text = texts.get(entry.path);
    const related = text === undefined ? [] : relatedPaths(kind, entry.path, text).filter((path) => texts.has(path));
    return related.length > 0 ? { ...entry, related } : entry;
  });
  return { files: inventory, notes };
}
