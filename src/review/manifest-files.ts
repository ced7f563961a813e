import { basename, dirname, join } from 'node:path/posix';
import type { TextResult } from '../files/read.js';
import { compareFindings, type Finding, type Level } from '../findings.js';
import type { LintOptions } from '../lint/lint.js';
import { envFileFor } from '../manifests/compose.js';
import { extractManifest, relatedPaths, uniqueImages } from '../manifests/extract.js';
import { isHelmTemplate, KIND_NAMES, type FileKind, type ManifestKind } from '../manifests/kinds.js';
import { lintManifestImages } from '../manifests/lint.js';
import { LineIndex } from '../manifests/traced.js';
import type { ManifestImage } from '../manifests/types.js';
import type { LintedFile, ManifestLines } from './decision.js';
import { touchesChange, type ChangedLines } from './diff.js';

/**
 * The pull request review of compose files, Kubernetes manifests, workflows and dev containers
 * (SPEC §11): which files to read at a head, and their findings, bound for approvals to the image
 * values they are about. Pure: the handler reads the texts (one GraphQL query for all of them, a
 * second only for the compose files a changed dev container names) and passes them in.
 */

/** A file of another kind a review reads. */
export interface ManifestTarget {
  path: string;
  kind: ManifestKind;
  /**
   * The pull request changes it. False for a compose file reviewed because the `.env` beside it
   * changed: it may not exist at the head, and then is no problem.
   */
  changed: boolean;
}

/** Code of the warning for a file of these kinds that could not be read (SPEC §11). */
export const UNREADABLE_MANIFEST = 'PL1009';

/** Compose's own file names, which read the `.env` beside them (the Compose Specification). */
const COMPOSE_NAMES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yaml',
  'docker-compose.yml',
  'compose.override.yaml',
  'compose.override.yml',
  'docker-compose.override.yaml',
  'docker-compose.override.yml',
];

/**
 * The files of these kinds a pull request touches, by the repository's classifier: those it adds
 * or changes, and the compose files beside a `.env` it adds, changes or removes (their images may
 * resolve differently now).
 */
export function manifestTargets(files: ReadonlyArray<{ filename: string; status: string }>, classify: (path: string) => FileKind | null): ManifestTarget[] {
  const targets = new Map<string, ManifestTarget>();
  for (const file of files) {
    const kind = file.status === 'removed' ? null : classify(file.filename);
    if (kind !== null && kind !== 'dockerfile') targets.set(file.filename, { path: file.filename, kind, changed: true });
  }
  for (const file of files) {
    if (basename(file.filename) !== '.env') continue;
    for (const name of COMPOSE_NAMES) {
      const path = join(dirname(file.filename), name);
      if (!targets.has(path) && classify(path) === 'compose') targets.set(path, { path, kind: 'compose', changed: false });
    }
  }
  return [...targets.values()];
}

/** What a head's texts answer for a path: a text or why not; null when the file does not exist; undefined when not read. */
export type KnownText = (path: string) => TextResult | null | undefined;

/**
 * The paths to read at a head for these targets, given what is known already: every target, the
 * `.env` beside each compose file, the `Chart.yaml` files that would make a manifest a Helm
 * template, and, once a dev container's text is known, the compose files it names and theirs.
 */
export function manifestReads(targets: readonly ManifestTarget[], known: KnownText): string[] {
  const paths = new Set<string>();
  for (const target of targets) {
    paths.add(target.path);
    if (target.kind === 'compose') paths.add(envFileFor(target.path));
    if (target.kind === 'kubernetes') for (const chart of chartFiles(target.path)) paths.add(chart);
    const read = known(target.path);
    if (target.kind === 'devcontainer' && read?.ok) for (const related of relatedPaths(target.kind, target.path, read.text)) paths.add(related);
  }
  return [...paths];
}

/** The `Chart.yaml` beside every `templates/` folder a path sits in. */
function chartFiles(path: string): string[] {
  const parts = path.split('/');
  return parts.flatMap((part, i) => (part === 'templates' && i < parts.length - 1 ? [[...parts.slice(0, i), 'Chart.yaml'].join('/')] : []));
}

/** The images of a head's files of these kinds, read; not yet judged. */
export interface ManifestsRead {
  images: ManifestImage[];
  /** Files that could not be read, parsed or were not of their kind: one warning each. */
  problems: Finding[];
  /** Every file of these kinds that was read, and the files they read (`.env`), by path. */
  texts: ReadonlyMap<string, string>;
  /** Files with something to say: targets read, and files their images are written in. */
  paths: string[];
  /** Targets the pull request changes that could not be found at the head. */
  missing: string[];
}

/**
 * Extraction of every target with the texts read. A Kubernetes candidate that holds no manifest,
 * and a Helm template, are nothing to review; every other file that cannot be read gets one
 * warning naming it and the problem.
 */
export function readManifests(targets: readonly ManifestTarget[], known: KnownText): ManifestsRead {
  const texts = new Map<string, string>();
  const images: ManifestImage[] = [];
  const problems: Finding[] = [];
  const paths = new Set<string>();
  const missing: string[] = [];
  const exists = (path: string) => known(path) !== null && known(path) !== undefined;
  const warn = (file: string, line: number, column: number, kind: ManifestKind, message: string) =>
    problems.push({ code: UNREADABLE_MANIFEST, level: 'warning', file, line, column, message: `Plimsoll could not read the images of ${file} (read as ${KIND_NAMES[kind]}): ${message}` });

  for (const target of targets) {
    const read = known(target.path);
    if (read === null || read === undefined) {
      if (target.changed) missing.push(target.path);
      continue;
    }
    if (target.kind === 'kubernetes' && isHelmTemplate(target.path, exists)) continue;
    paths.add(target.path);
    if (!read.ok) {
      warn(target.path, 1, 1, target.kind, `the file ${read.message}`);
      continue;
    }
    texts.set(target.path, read.text);
    const related = new Map<string, string>();
    for (const path of relatedPaths(target.kind, target.path, read.text)) {
      const relatedRead = known(path);
      if (relatedRead?.ok) related.set(path, relatedRead.text);
    }
    for (const [path, text] of related) texts.set(path, text);
    const extraction = extractManifest(target.kind, target.path, read.text, related);
    if (extraction.skipped !== null && target.kind === 'kubernetes' && extraction.images.length === 0 && extraction.problems.length === 0) {
      // Another tool's YAML (a candidate only by its path): nothing to say about it.
      paths.delete(target.path);
      continue;
    }
    for (const problem of extraction.problems) warn(problem.file, problem.line, problem.column, target.kind, problem.message);
    if (extraction.skipped !== null && extraction.images.length === 0) warn(target.path, 1, 1, target.kind, extraction.skipped);
    images.push(...extraction.images);
    for (const image of extraction.images) paths.add(image.file);
  }
  return { images: uniqueImages(images), problems, texts, paths: [...paths].sort(), missing };
}

/** What the pull request changed, for deciding which findings sit on its changes. */
export interface PullChanges {
  /** Lines added or changed, by path; absent: the file is not changed. */
  lines: ReadonlyMap<string, ChangedLines>;
  /** Files the pull request removes. */
  removed: ReadonlySet<string>;
}

export const NO_CHANGES: PullChanges = { lines: new Map(), removed: new Set() };

/**
 * The head's files of these kinds as the review decides on them: PL1001–PL1008 on their images
 * (none without a policy) and the warnings of `read`, each file with what its findings bind to.
 * The level of the warnings follows the rule levels in force (`PL1009` may be raised).
 */
export function lintManifests(read: ManifestsRead, lint: LintOptions, changes: PullChanges): LintedFile[] {
  const level = warningLevel(lint);
  const findings = [...lintManifestImages(read.images, lint), ...(level === null ? [] : read.problems.map((problem) => ({ ...problem, level })))];
  const lineIndexes = new Map<string, LineIndex>();
  const lineOf = (file: string, offset: number): number | null => {
    const text = read.texts.get(file);
    if (text === undefined) return null;
    let index = lineIndexes.get(file);
    if (!index) lineIndexes.set(file, (index = new LineIndex(text)));
    return index.position(offset).line;
  };

  const files = new Set([...read.paths, ...findings.map((finding) => finding.file)]);
  return [...files].sort().map((path) => {
    const text = read.texts.get(path);
    const fileChanged = changes.lines.has(path);
    const manifest: ManifestLines = {
      lines: text === undefined ? [] : text.split(/\r?\n/),
      problems: new Map(read.problems.filter((problem) => problem.file === path).map((problem) => [problem.line, fileChanged])),
      images: read.images
        .filter((image) => image.file === path)
        .map((image) => ({
          line: image.span.line,
          endLine: image.span.endLine,
          resolved: image.expanded ?? `${image.raw} (unresolved)`,
          fedByChange: fedByChange(image, changes, lineOf),
        })),
    };
    return {
      path,
      findings: findings.filter((finding) => finding.file === path).sort(compareFindings),
      dockerfile: null,
      changed: changes.lines.get(path) ?? new Set<number>(),
      manifest,
    };
  });
}

/**
 * Whether a value the image takes comes from a line the pull request changed outside the image's
 * own lines (a `.env` line, a default written elsewhere), or from a `.env` beside its compose file
 * that the pull request touches at all (a variable dropped from it falls back to its default).
 */
function fedByChange(image: ManifestImage, changes: PullChanges, lineOf: (file: string, offset: number) => number | null): boolean {
  if (image.variables.length > 0 && /\.ya?ml$/i.test(image.file)) {
    const env = envFileFor(image.file);
    if (changes.removed.has(env) || changes.lines.has(env)) return true;
  }
  for (const origin of image.traced?.at ?? []) {
    if (origin === null) continue;
    const changed = changes.lines.get(origin.file);
    if (changed === undefined) continue;
    const line = lineOf(origin.file, origin.offset);
    if (line === null) continue;
    if (origin.file === image.file && line >= image.span.line && line <= image.span.endLine) continue;
    if (touchesChange(changed, line)) return true;
  }
  return false;
}

function warningLevel(lint: LintOptions): Level | null {
  const setting = lint.settings?.levels[UNREADABLE_MANIFEST];
  if (setting === 'off' || setting === 'ignore') return null;
  return setting ?? 'warning';
}
