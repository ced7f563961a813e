import type { ManifestExtraction, ManifestImage } from '../../src/manifests/types.js';

/** What a user reads of an image row: where it is, what is written, what it resolves to. */
export interface Row {
  file?: string;
  line: number;
  column?: number;
  raw: string;
  /** The normalised reference (`docker.io/library/node:20`), or `unresolved`. */
  image: string;
  fromArg?: string | null;
  platform?: string | null;
  where?: string;
}

export function row(image: ManifestImage): Required<Row> {
  const ref = image.ref;
  return {
    file: image.file,
    line: image.line,
    column: image.column,
    raw: image.raw,
    image: ref ? `${ref.name}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}` : 'unresolved',
    fromArg: image.fromArg?.name ?? null,
    platform: image.platform,
    where: image.where,
  };
}

/** Rows with only the fields the expectation names, so a table states what matters to it. */
export function rowsLike(extraction: ManifestExtraction, expected: readonly Row[]): Row[] {
  return extraction.images.map((image, index) => {
    const full = row(image);
    const keys = Object.keys(expected[index] ?? { line: 0, raw: '', image: '' }) as Array<keyof Row>;
    return Object.fromEntries(keys.map((key) => [key, full[key]])) as unknown as Row;
  });
}
