import { resolvePaths, type Target } from '../files/find.js';
import { MAX_FILE_BYTES, readTextFile, readTextStream, type ReadAs, type TextResult } from '../files/read.js';
import { KIND_NAMES, MAX_MANIFEST_CHARS, type ManifestKind } from '../manifests/kinds.js';
import { UsageError, type CliIO } from './io.js';

/** What every command reads: the files named on the command line. */

export /**
 * Read every input and hand its text on. Bad input is reported on stderr and never stops the
 * other files: a path that is missing or unreadable, binary, not UTF-8 or too large counts as
 * an input error (exit 2); a binary or oversized file found while searching a directory is
 * skipped with a warning, since a directory may hold `Dockerfile.tar.gz`-like files.
 */
async function forEachInput(
  paths: readonly string[],
  io: CliIO,
  use: (target: Target, text: string) => void | Promise<void>,
  onInputError: () => void,
  options: { manifests?: boolean } = {},
): Promise<void> {
  if (paths.filter((path) => path === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  const resolved = await resolvePaths(paths, { cwd: io.cwd, manifests: options.manifests === true });
  for (const problem of resolved.problems) {
    io.stderr.write(`plimsoll: ${problem.path}: ${problem.message}\n`);
    onInputError();
  }
  const searched = options.manifests ? 'no Dockerfile, Containerfile, compose file, manifest, workflow or dev container' : 'no Dockerfile or Containerfile';
  for (const directory of resolved.emptyDirectories) {
    io.stderr.write(`plimsoll: warning: ${directory}: ${searched} found\n`);
  }
  for (const target of resolved.targets) {
    const as = readAs(target.kind);
    const read: TextResult = target.absolute === '-' ? await readTextStream(io.stdin, as) : await readTextFile(target.absolute, as);
    if (!read.ok) {
      const skippable = !target.explicit && (read.problem === 'binary' || read.problem === 'too-large');
      io.stderr.write(`plimsoll: ${skippable ? 'warning: skipped ' : ''}${target.path}: ${read.message}\n`);
      if (!skippable) onInputError();
      continue;
    }
    if (read.text.replace(/^\uFEFF/, '').trim() === '') {
      io.stderr.write(`plimsoll: warning: ${target.path}: the file is empty\n`);
    }
    await use(target, read.text);
  }
}

/** How a file is read: the size limit and the words of messages for its kind. */
function readAs(kind: ManifestKind | undefined): ReadAs {
  return kind === undefined ? { maxBytes: MAX_FILE_BYTES, what: 'a Dockerfile' } : { maxBytes: MAX_MANIFEST_CHARS, what: KIND_NAMES[kind] };
}

/** Every readable input with its text, in order; `inputError` when some input could not be used. */
export async function readInputs(
  paths: readonly string[],
  io: CliIO,
  options: { manifests?: boolean } = {},
): Promise<{ inputs: Array<{ target: Target; text: string }>; inputError: boolean }> {
  const inputs: Array<{ target: Target; text: string }> = [];
  let inputError = false;
  await forEachInput(paths, io, (target, text) => void inputs.push({ target, text }), () => {
    inputError = true;
  }, options);
  return { inputs, inputError };
}
