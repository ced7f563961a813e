import { parseDockerfile } from '../dockerfile/model.js';
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
