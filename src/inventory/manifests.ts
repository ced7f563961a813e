import type { FileInventory, ImageUsage } from './model.js';
import type { ManifestImage } from '../manifests/types.js';

/**
 * The inventory's view of these files (SPEC §11: listed by source): one entry per file an image is
 * written in, each usage carrying its source. Unresolved values are kept (status `unknown`).
 */
export function manifestInventory(images: readonly ManifestImage[]): FileInventory[] {
  const byFile = new Map<string, ImageUsage[]>();
  for (const image of images) {
    const usages = byFile.get(image.file) ?? [];
    usages.push({
      line: image.line,
      name: image.ref?.name ?? null,
      familiar: image.ref?.familiar ?? image.raw,
      tag: image.ref?.tag ?? null,
      digest: image.ref?.digest ?? null,
      fromArg: image.fromArg?.name ?? null,
      source: image.source,
    });
    byFile.set(image.file, usages);
  }
  return [...byFile].map(([path, usages]) => ({ path, images: usages }));
}
