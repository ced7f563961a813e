import { resolve } from 'node:path';
import type { Target } from '../files/find.js';
import { readTextFile } from '../files/read.js';
import { extractManifest, relatedPaths, uniqueImages } from '../manifests/extract.js';
import { MAX_MANIFEST_CHARS, type ManifestKind } from '../files/kinds.js';
import { NOT_A_MANIFEST } from '../manifests/kubernetes.js';
import type { ManifestImage } from '../manifests/types.js';
import type { CliIO } from './io.js';

/**
 * Compose files, Kubernetes manifests, workflows and dev containers on the command line (SPEC §11):
 * each is read with the few files it needs (a compose file's `.env`, a dev container's compose
 * files), its problems are warnings on stderr, and the run goes on.
 */

/** Every manifest of one run: images (one row per place written) and the text of each file read. */
export class ManifestFiles {
  /** One row per place an image is written, in the order found (a dev container's compose file may also be named on its own). */
  readonly images: ManifestImage[] = [];
  readonly texts = new Map<string, string>();
  private readonly seen = new Set<string>();

  constructor(private readonly io: CliIO) {}

  /**
   * Read one file of these kinds (and the files it needs), warning about what could not be read.
   * Returns the images not found before.
   */
  async add(target: Target & { kind: ManifestKind }, text: string): Promise<ManifestImage[]> {
    const related = new Map<string, string>();
    for (const path of relatedPaths(target.kind, target.path, text)) {
      const read = this.texts.get(path) ?? (await this.readRelated(path));
      if (read !== null) related.set(path, read);
    }
    const extraction = extractManifest(target.kind, target.path, text, related);
    this.texts.set(target.path, text);
    for (const [path, relatedText] of related) this.texts.set(path, relatedText);
    for (const problem of extraction.problems) {
      this.io.stderr.write(`plimsoll: warning: ${problem.file}:${problem.line}:${problem.column}: ${problem.message}\n`);
    }
    if (extraction.skipped !== null && (target.explicit || target.kind !== 'kubernetes')) {
      const why = extraction.skipped === NOT_A_MANIFEST ? NOT_A_CANDIDATE : extraction.skipped;
      this.io.stderr.write(`plimsoll: warning: ${target.path}: ${why}\n`);
    }
    const fresh = uniqueImages(extraction.images).filter((image) => !this.seen.has(placeKey(image)));
    for (const image of fresh) this.seen.add(placeKey(image));
    this.images.push(...fresh);
    return fresh;
  }

  private async readRelated(path: string): Promise<string | null> {
    const read = await readTextFile(resolve(this.io.cwd, path), { maxBytes: MAX_MANIFEST_CHARS, what: 'a text file' });
    if (read.ok) return read.text;
    if (read.problem !== 'missing') this.io.stderr.write(`plimsoll: warning: ${path}: ${read.message}\n`);
    return null;
  }
}

function placeKey(image: ManifestImage): string {
  return `${image.file}\u0000${image.span.start}`;
}

const NOT_A_CANDIDATE =
  'neither a compose file (compose*.y*ml, docker-compose*.y*ml), a workflow (.github/workflows/*.y*ml, action.y*ml) ' +
  'nor a Kubernetes manifest (no document has apiVersion and kind); nothing was read';
