import type { ParseArgsConfig } from 'node:util';
import { parseDockerfile } from '../dockerfile/model.js';
import { formatImagesJson, formatImagesTty, imageRows, type ImageRow } from '../format/images.js';
import { forEachInput } from './inputs.js';
import { EXIT_OK, EXIT_USAGE, parse, UsageError, type CliIO } from './io.js';

/** `plimsoll images` (SPEC §8). */

export const IMAGES_USAGE = `Usage: plimsoll images [--format tty|json] PATH...

Lists every image reference: the # syntax= frontend, each FROM, and each external image named
by COPY --from= or RUN --mount=from=. --format json prints one object per reference.
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
  await forEachInput(positionals, io, (target, text) => {
    try {
      rows.push(...imageRows(parseDockerfile(target.path, text)));
    } catch (error) {
      io.stderr.write(`plimsoll: ${target.path}: internal error while parsing (${(error as Error).message}); please report it\n`);
      inputError = true;
    }
  }, () => {
    inputError = true;
  });

  io.stdout.write(format === 'json' ? formatImagesJson(rows) : formatImagesTty(rows));
  return inputError ? EXIT_USAGE : EXIT_OK;
}
