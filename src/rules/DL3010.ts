import { copyPaths, flagValue } from '../dockerfile/facts/instructions.js';
import { presentCommands } from '../dockerfile/facts/scripts.js';
import { dropQuotes, getArgsNoFlags } from '../dockerfile/facts/shell.js';
import type { Instruction, ShellCommand } from '../dockerfile/types.js';
import { ARCHIVE_EXTENSIONS } from './archives.js';
import { over, type Rule, type RuleHit } from './rule.js';

const UNPACKERS = ['unzip', 'gunzip', 'bunzip2', 'unlzma', 'unxz', 'zgz', 'uncompress', 'zcat', 'gzcat'];

/**
 * hadolint DL3010: an archive COPYed in and then unpacked by a later RUN leaves the archive in a
 * layer; `ADD` unpacks local archives itself. Archives are matched by file name (the COPY source,
 * or the COPY target when it names an archive) against the arguments of `tar -x`/`--extract`/`--get`
 * or an unzip-like command. A FROM forgets everything seen before it, so only the last stage can be
 * reported; `COPY --from` and ONBUILD are not looked at (as in hadolint).
 */
export const DL3010: Rule = {
  code: 'DL3010', level: 'info', message: 'Use `ADD` for extracting archives into an image',
  check: over(extractedCopies),
};

function extractedCopies(instructions: readonly Instruction[]): RuleHit[] {
  let archives: Array<{ line: number; name: string }> = [];
  let extractedLines = new Set<number>();
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      archives = [];
      extractedLines = new Set();
    } else if (instruction.keyword === 'COPY' && flagValue(instruction, 'from') === null) {
      archives.push(...copiedArchives(instruction).map((name) => ({ line: instruction.line, name })));
    } else if (instruction.keyword === 'RUN') {
      const commands = presentCommands(instruction);
      for (const archive of archives) {
        if (commands.some((command) => extracts(command, archive.name))) extractedLines.add(archive.line);
      }
    }
  }
  return [...extractedLines].sort((a, b) => a - b).map((line) => ({ line }));
}

/** File names of the archives a COPY brings in: the target if it names one, else the sources that do. */
function copiedArchives(copy: Instruction): string[] {
  const paths = copyPaths(copy);
  if (paths.length < 2) return [];
  const target = paths[paths.length - 1]!;
  if (isArchive(target)) return [basename(target)];
  return paths.slice(0, -1).map(basename).filter(isArchive);
}

function extracts(command: ShellCommand, archive: string): boolean {
  if (!isTarExtract(command) && !UNPACKERS.includes(command.name)) return false;
  return getArgsNoFlags(command).map(basename).includes(archive);
}

function isTarExtract(command: ShellCommand): boolean {
  return (
    command.name === 'tar' &&
    command.args.some((arg) => arg === '--extract' || arg === '--get' || (arg.startsWith('-') && arg.includes('x')))
  );
}

/** Last path component, `/` or `\` separated, quotes dropped. */
function basename(path: string): string {
  const unquoted = dropQuotes(path);
  return unquoted.slice(Math.max(unquoted.lastIndexOf('/'), unquoted.lastIndexOf('\\')) + 1);
}

function isArchive(path: string): boolean {
  const unquoted = dropQuotes(path);
  return ARCHIVE_EXTENSIONS.some((extension) => unquoted.endsWith(extension));
}
