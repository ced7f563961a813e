import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileClassifier, isHelmTemplate, kindOfName, type ClassifierOptions, type FileKind, type ManifestKind } from '../manifests/kinds.js';
import { containerDefinitionMatcher, SKIPPED_DIRECTORIES } from './globs.js';

/** A file to lint. */
export interface Target {
  /** The path as shown in findings: as given, or joined onto the directory given. */
  path: string;
  /** Where to read it; `-` for stdin. */
  absolute: string;
  /** Named on the command line (linted whatever its name) rather than found in a directory. */
  explicit: boolean;
  /** Set for a compose file, Kubernetes candidate, workflow or dev container; absent for a Dockerfile. */
  kind?: ManifestKind;
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
  options: { cwd?: string; globs?: readonly string[]; manifests?: ClassifierOptions['kinds'] | boolean } = {},
): Promise<ResolvedPaths> {
  const cwd = options.cwd ?? process.cwd();
  // Built on the first directory: a run naming only files never loads the glob matcher.
  let classifier: ((relativePath: string) => FileKind | null) | undefined;
  const classify = (): ((relativePath: string) => FileKind | null) =>
    (classifier ??= options.manifests
      ? fileClassifier({ globs: options.globs, kinds: options.manifests === true ? undefined : options.manifests })
      : dockerfilesOnly(containerDefinitionMatcher(options.globs)));
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
      // A file named on the command line is read whatever its name; its name tells its kind.
      const kind = kindOfName(path);
      add(kind === 'dockerfile' ? { path, absolute, explicit: true } : { path, absolute, explicit: true, kind });
      continue;
    }
    const found = await findFiles(absolute, classify(), resolved.problems);
    if (found.length === 0) resolved.emptyDirectories.push(path);
    for (const { path: relative, kind } of found) {
      const target: Target = { path: join(path, relative), absolute: join(absolute, relative), explicit: false };
      add(kind === 'dockerfile' ? target : { ...target, kind });
    }
  }
  return resolved;
}

function dockerfilesOnly(matcher: (path: string) => boolean): (path: string) => FileKind | null {
  return (path) => (matcher(path) ? 'dockerfile' : null);
}

/** Every container definition under `root`, sorted, as `/`-separated paths relative to it. */
export async function findContainerDefinitions(
  root: string,
  matcher: (relativePath: string) => boolean = containerDefinitionMatcher(),
  problems: PathProblem[] = [],
): Promise<string[]> {
  return (await findFiles(root, dockerfilesOnly(matcher), problems)).map((file) => file.path);
}

/**
 * Every file under `root` the classifier gives a kind, sorted, as `/`-separated paths relative to
 * it. A Helm chart's templates (a `templates/` folder beside a `Chart.yaml`) are not manifests.
 */
export async function findFiles(
  root: string,
  classify: (relativePath: string) => FileKind | null,
  problems: PathProblem[] = [],
): Promise<Array<{ path: string; kind: FileKind }>> {
  const found: Array<{ path: string; kind: FileKind }> = [];
  const charts = new Set<string>();
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
        continue;
      }
      if (entry.name === 'Chart.yaml') charts.add(child);
      const kind = classify(child);
      // A symlink is followed to a file, never into a directory (no loops).
      if (kind !== null && (entry.isFile() || (entry.isSymbolicLink() && (await isFile(join(root, child)))))) found.push({ path: child, kind });
    }
  };
  await walk('');
  return found.filter((file) => file.kind !== 'kubernetes' || !isHelmTemplate(file.path, (path) => charts.has(path)));
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
