import { copyPaths } from '../dockerfile/facts/instructions.js';
import { dropQuotes } from '../dockerfile/facts/shell.js';
import { ARCHIVE_EXTENSIONS } from './archives.js';
import { over, simpleRule, type Rule } from './rule.js';

/** hadolint DL3020: ADD's extra powers (unpacking, downloading) surprise when all it does is copy. */
export const DL3020: Rule = {
  code: 'DL3020', level: 'error', message: 'Use COPY instead of ADD for files and folders',
  check: over(simpleRule((i) => i.keyword === 'ADD' && !copyPaths(i).slice(0, -1).every((source) => isArchive(source) || isUrl(source)))),
};

function isArchive(path: string): boolean {
  const unquoted = dropQuotes(path);
  return ARCHIVE_EXTENSIONS.some((extension) => unquoted.endsWith(extension));
}

function isUrl(path: string): boolean {
  return /^https?:\/\//.test(dropQuotes(path));
}
