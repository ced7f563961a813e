import { createRequire } from 'node:module';
import type picomatchModule from 'picomatch';

/** picomatch, loaded on first use: a command line naming files, not directories, never needs it. */
let loaded: typeof picomatchModule | undefined;
export const picomatch = (...args: Parameters<typeof picomatchModule>) =>
  (loaded ??= createRequire(import.meta.url)('picomatch') as typeof picomatchModule)(...args);

/** Container definitions, by default (SPEC §1). A repository config may replace them. */
export const CONTAINER_DEFINITION_GLOBS: readonly string[] = [
  '**/Dockerfile',
  '**/Dockerfile.*',
  '**/*.Dockerfile',
  '**/*.dockerfile',
  '**/Containerfile',
  '**/Containerfile.*',
];

/** BuildKit's per-Dockerfile ignore files (`Dockerfile.dockerignore`) match `Dockerfile.*` but are
 *  not Dockerfiles. */
const NEVER_DEFINITIONS = ['**/*.dockerignore'];

/** Directories never searched: dependencies and git's own data. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git']);

/**
 * A predicate on `/`-separated paths relative to the searched root. Dot directories count
 * (`.devcontainer/Dockerfile`). Pure.
 */
export function containerDefinitionMatcher(globs: readonly string[] = CONTAINER_DEFINITION_GLOBS): (path: string) => boolean {
  const matches = picomatch([...globs], { dot: true });
  const excluded = picomatch(NEVER_DEFINITIONS, { dot: true });
  return (path) => matches(path) && !excluded(path);
}
