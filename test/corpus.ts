import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared corpus of real Dockerfiles, beside the repository (`../shared/corpus`). */
export const corpusDir = resolve(
  process.env.PLIMSOLL_CORPUS ?? join(fileURLToPath(new URL('..', import.meta.url)), '..', 'shared', 'corpus'),
  'dockerfiles',
);

export function corpusFiles(): string[] {
  if (!existsSync(corpusDir)) return [];
  const files: string[] = [];
  for (const project of readdirSync(corpusDir).sort()) {
    for (const file of readdirSync(join(corpusDir, project)).sort()) files.push(join(corpusDir, project, file));
  }
  return files;
}
