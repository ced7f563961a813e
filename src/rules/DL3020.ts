import type { Rule } from './rule.js';
import { dropQuotes, pathArguments } from './lib/batch-b.js';

/** Archives ADD unpacks (hadolint's `archiveFileFormatExtensions`; not `.zip`, which ADD copies as is). */
const ARCHIVES = ['.tar', '.Z', '.bz2', '.gz', '.lz', '.lzma', '.tZ', '.tb2', '.tbz', '.tbz2', '.tgz', '.tlz', '.tpz', '.txz', '.xz'];

/** hadolint DL3020: ADD's extra powers (unpacking, downloading) surprise when all it does is copy. */
export const DL3020: Rule = {
  code: 'DL3020',
  level: 'error',
  message: 'Use COPY instead of ADD for files and folders',
  check(dockerfile) {
    return dockerfile.instructions
      .filter((i) => i.keyword === 'ADD')
      .filter((add) => !pathArguments(add).slice(0, -1).every((source) => isArchive(source) || isUrl(source)))
      .map((add) => ({ line: add.line }));
  },
};

function isArchive(path: string): boolean {
  const unquoted = dropQuotes(path);
  return ARCHIVES.some((extension) => unquoted.endsWith(extension));
}

function isUrl(path: string): boolean {
  return /^https?:\/\//.test(dropQuotes(path));
}
