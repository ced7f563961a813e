import type { Dockerfile, ImageUse } from '../dockerfile/types.js';
import { isManifestImage } from '../manifests/types.js';

/** One image reference as `plimsoll images --format json` prints it (SPEC §8). */
export interface ImageRow {
  file: string;
  line: number;
  column: number;
  source: ImageUse['source'];
  /** Index of the stage the reference sits in (0-based, as `COPY --from=0` counts); null for `# syntax=` and outside a Dockerfile. */
  stage: number | null;
  stageName: string | null;
  /** As written, variables included. */
  raw: string;
  /** After ARG substitution; null when an ARG has no value. */
  expanded: string | null;
  registry: string | null;
  repository: string | null;
  tag: string | null;
  digest: string | null;
  platform: string | null;
  /** The global ARG the reference came from (a compose or dev container variable outside a Dockerfile). */
  fromArg: string | null;
  kind: ImageUse['kind'];
}

/**
 * The `# syntax=` frontend, every FROM, and every image COPY --from / RUN --mount pulls from
 * outside the build. A `COPY --from=build` names a stage of the same file, not an image, so it is
 * left out.
 */
export function imageRows(dockerfile: Dockerfile): ImageRow[] {
  return dockerfile.images
    .filter((image) => image.source === 'from' || image.kind !== 'stage')
    .map((image) => imageRow(dockerfile.path, image));
}

export function imageRow(file: string, image: ImageUse): ImageRow {
  const manifest = isManifestImage(image);
  return {
    file: manifest ? image.file : file,
    line: image.line,
    column: image.column,
    source: image.source,
    stage: manifest || image.source === 'syntax' ? null : image.stage,
    stageName: image.stageName,
    raw: image.raw,
    expanded: image.expanded,
    registry: image.ref?.registry ?? null,
    repository: image.ref?.repository ?? null,
    tag: image.ref?.tag ?? null,
    digest: image.ref?.digest ?? null,
    platform: image.platform,
    fromArg: image.fromArg?.name ?? null,
    kind: image.kind,
  };
}

export function formatImagesJson(rows: readonly ImageRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** `file:line source raw -> resolved (ARG X) [stage name]`, one line per reference. */
export function formatImagesTty(rows: readonly ImageRow[]): string {
  return rows
    .map((row) => {
      const resolved =
        row.kind === 'image'
          ? `${row.registry}/${row.repository}${row.tag ? `:${row.tag}` : ''}${row.digest ? `@${row.digest}` : ''}`
          : row.kind === 'stage'
            ? `stage ${row.expanded}`
            : row.kind;
      if (row.stage === null) {
        const notes = `${row.fromArg ? ` (variable ${row.fromArg})` : ''}${row.platform ? ` (platform ${row.platform})` : ''}`;
        return `${row.file}:${row.line} ${row.source} ${row.raw} -> ${resolved}${notes}\n`;
      }
      const notes = `${row.fromArg ? ` (ARG ${row.fromArg})` : ''}${row.platform ? ` (--platform=${row.platform})` : ''}`;
      return `${row.file}:${row.line} ${row.source} ${row.raw} -> ${resolved}${notes} [stage ${row.stageName ?? row.stage}]\n`;
    })
    .join('');
}
