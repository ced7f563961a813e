import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { containerDefinitionMatcher, SKIPPED_DIRECTORIES } from './globs.js';

/** A file to lint. */
export interface Target {
  /** The path as shown in findings: as given, or joined onto the directory given. */
  path: string;
  /** Where to read it; `-` for stdin. */
  absolute: string;
  /** Named on the command line (linted whatever its name) rather than found in a directory. */
  explicit: boolean;
}

export interface PathProblem {
  path: string;
  message: string;
}

export interface ResolvedPaths {
  targets: Target[];
  /** Paths that could not be used, and why. */
  problems: PathProblem[];
  /** Directories that held no container definition. */
  emptyDirectories: string[];
}

/**
 * Turn command-line paths into files: a file is taken as is, a directory is searched with the
 * globs (skipping node_modules and .git, not following directory symlinks), `-` stands for stdin.
 * Each file appears once, in the order given; a directory's files are sorted.
 */
export async function resolvePaths(
  paths: readonly string[],
  options: { cwd?: string; globs?: readonly string[] } = {},
): Promise<ResolvedPaths> {
  const cwd = options.cwd ?? process.cwd();
  let matcher: ((path: string) => boolean) | undefined;
  const matches = (path: string) => (matcher ??= containerDefinitionMatcher(options.globs))(path);
  const resolved: ResolvedPaths = { targets: [], problems: [], emptyDirectories: [] };
  const seen = new Set<string>();
  const add = (target: Target): void => {
    if (seen.has(target.absolute)) return;
    seen.add(target.absolute);
    resolved.targets.push(target);
  };

  for (const path of paths) {
    if (path === '-') {
      add({ path, absolute: '-', explicit: true });
      continue;
    }
    const absolute = resolve(cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(absolute)).isDirectory();
    } catch (error) {
      resolved.problems.push({ path, message: describeError(error) });
      continue;
    }
    if (!isDirectory) {
      add({ path, absolute, explicit: true });
      continue;
    }
    const found = await findContainerDefinitions(absolute, matches, resolved.problems);
    if (found.length === 0) resolved.emptyDirectories.push(path);
    for (const relative of found) add({ path: join(path, relative), absolute: join(absolute, relative), explicit: false });
  }
  return resolved;
}

/** Every container definition under `root`, sorted, as `/`-separated paths relative to it. */
export async function findContainerDefinitions(
  root: string,
  matcher: (relativePath: string) => boolean = containerDefinitionMatcher(),
  problems: PathProblem[] = [],
): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const directory = relative === '' ? root : join(root, relative);
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: directory, message: `cannot be searched: ${describeError(error)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(child);
      } else if (matcher(child)) {
        // A symlink is followed to a file, never into a directory (no loops).
        if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(join(root, child))))) found.push(child);
      }
    }
  };
  await walk('');
  return found;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error as Error).message;
}
