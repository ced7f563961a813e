import type { ParseArgsConfig } from 'node:util';
import { parseDockerfile } from '../dockerfile/model.js';
import { formatImagesJson, formatImagesTty, imageRow, imageRows, type ImageRow } from '../format/images.js';
import { forEachInput } from './inputs.js';
import { EXIT_OK, EXIT_USAGE, parse, UsageError, type CliIO } from './io.js';
import { ManifestFiles } from './manifests.js';

/** `plimsoll images` (SPEC §8). */

export const IMAGES_USAGE = `Usage: plimsoll images [--format tty|json] PATH...

Lists every image reference: the # syntax= frontend, each FROM, and each external image named
by COPY --from= or RUN --mount=from=; and each image a compose file, Kubernetes manifest, GitHub
Actions workflow or dev container names (source compose, kubernetes, workflow, devcontainer). A
directory is searched for all of them. --format json prints one object per reference.
`;

const IMAGES_OPTIONS = {
  format: { type: 'string', short: 'f' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export async function imagesCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, IMAGES_OPTIONS, 'images');
  if (values.help) {
    io.stdout.write(IMAGES_USAGE);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError(`no PATH given\n${IMAGES_USAGE}`);
  const format = values.format ?? 'tty';
  if (format !== 'tty' && format !== 'json') throw new UsageError(`unknown format "${format}" for images (use tty or json)`);

  let inputError = false;
  const rows: ImageRow[] = [];
  const manifests = new ManifestFiles(io);
  await forEachInput(positionals, io, async (target, text) => {
    try {
      if (target.kind) rows.push(...(await manifests.add({ ...target, kind: target.kind }, text)).map((image) => imageRow(image.file, image)));
      else rows.push(...imageRows(parseDockerfile(target.path, text)));
    } catch (error) {
      io.stderr.write(`plimsoll: ${target.path}: internal error while parsing (${(error as Error).message}); please report it\n`);
      inputError = true;
    }
  }, () => {
    inputError = true;
  }, { manifests: true });

  io.stdout.write(format === 'json' ? formatImagesJson(rows) : formatImagesTty(rows));
  return inputError ? EXIT_USAGE : EXIT_OK;
}
