import { containerDefinitionMatcher, picomatch } from '../files/globs.js';

/**
 * Which files name images besides Dockerfiles (SPEC §11), by path. A path decides the kind; for
 * `kubernetes` it only makes the file a candidate: a YAML file is a manifest when one of its
 * documents has `apiVersion` and `kind`, which only reading it can tell.
 */

export type ManifestKind = 'compose' | 'kubernetes' | 'workflow' | 'devcontainer';

/** A file Plimsoll reads: a container definition (SPEC §1) or one of the kinds above. */
export type FileKind = 'dockerfile' | ManifestKind;

export const MANIFEST_KINDS: readonly ManifestKind[] = ['compose', 'kubernetes', 'workflow', 'devcontainer'];

/** Default globs per kind (SPEC §11), matched against `/`-separated paths from the repository root. */
export const DEFAULT_KIND_GLOBS: Readonly<Record<ManifestKind, readonly string[]>> = {
  compose: ['**/compose*.y*ml', '**/docker-compose*.y*ml'],
  kubernetes: ['**/*.y*ml'],
  workflow: ['.github/workflows/*.y*ml', '**/action.y*ml'],
  devcontainer: ['.devcontainer/devcontainer.json', '.devcontainer.json', '.devcontainer/*/devcontainer.json'],
};

/** Larger than any real manifest bundle; beyond it a file is refused, not parsed. */
export const MAX_MANIFEST_CHARS = 8 * 1024 * 1024;

/** How messages name a file of each kind. */
export const KIND_NAMES: Readonly<Record<ManifestKind, string>> = {
  compose: 'a compose file',
  kubernetes: 'a Kubernetes manifest',
  workflow: 'a GitHub Actions workflow',
  devcontainer: 'a dev container definition',
};

/** When a path matches several kinds, the more specific wins: a workflow named `compose.yml` is a workflow. */
const PRECEDENCE: readonly ManifestKind[] = ['workflow', 'devcontainer', 'compose', 'kubernetes'];

/** A repository's choice for one kind (`.github/plimsoll.yml` `kinds:`); absent keys keep the defaults. */
export interface KindSetting {
  /** Replaces the kind's default globs. */
  globs?: readonly string[];
  /** false: files of this kind are not read at all. */
  enabled?: boolean;
}

export type KindSettings = Partial<Record<ManifestKind, KindSetting>>;

export interface ClassifierOptions {
  /** Globs of container definitions; the defaults of SPEC §1 when absent or null. */
  globs?: readonly string[] | null;
  /** Paths never read (`vendor/**`). */
  ignore?: readonly string[];
  kinds?: KindSettings;
}

/**
 * A function telling the kind of a `/`-separated path from the repository root, or null for a file
 * Plimsoll does not read. Dockerfiles come first (the globs of SPEC §1), then the kinds in order
 * of precedence. Pure; build it once per repository and call it for every path.
 */
export function fileClassifier(options: ClassifierOptions = {}): (path: string) => FileKind | null {
  const isDockerfile = containerDefinitionMatcher(options.globs ?? undefined);
  const ignored = picomatch([...(options.ignore ?? [])], { dot: true });
  const matchers = PRECEDENCE.filter((kind) => options.kinds?.[kind]?.enabled !== false).map((kind) => ({
    kind,
    matches: picomatch([...(options.kinds?.[kind]?.globs ?? DEFAULT_KIND_GLOBS[kind])], { dot: true }),
  }));
  return (path) => {
    if (options.ignore?.length && ignored(path)) return null;
    if (isDockerfile(path)) return 'dockerfile';
    return matchers.find((matcher) => matcher.matches(path))?.kind ?? null;
  };
}

/**
 * The kind of a file named on the command line, by its name alone (it is read whatever it is
 * called, as a Dockerfile is): `compose*.y*ml` and `docker-compose*.y*ml` are compose files, a YAML
 * file under `.github/workflows/` or named `action.y*ml` a workflow, `devcontainer.json` and
 * `.devcontainer.json` dev containers, any other `.yaml`/`.yml` a Kubernetes candidate, and every
 * other name a Dockerfile.
 */
export function kindOfName(path: string): FileKind {
  const normal = path.replaceAll('\\', '/');
  const base = normal.slice(normal.lastIndexOf('/') + 1);
  const yaml = /\.ya?ml$/i.test(base);
  if (yaml && (/(^|\/)\.github\/workflows\/[^/]+$/.test(normal) || /^action\.ya?ml$/i.test(base))) return 'workflow';
  if (base === 'devcontainer.json' || base === '.devcontainer.json') return 'devcontainer';
  if (yaml && /^(docker-)?compose[^/]*$/i.test(base)) return 'compose';
  if (yaml) return 'kubernetes';
  return 'dockerfile';
}

/**
 * True for a file of a Helm chart's `templates/` (at any depth below it) when the chart's
 * `Chart.yaml` sits beside that folder: Go templates, not manifests. `hasFile` answers for a
 * `/`-separated path of the same tree (a listing, a Git tree).
 */
export function isHelmTemplate(path: string, hasFile: (path: string) => boolean): boolean {
  const parts = path.split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] !== 'templates') continue;
    const chart = parts.slice(0, i).join('/');
    if (hasFile(chart === '' ? 'Chart.yaml' : `${chart}/Chart.yaml`)) return true;
  }
  return false;
}
