/** hadolint's `archiveFileFormatExtensions`: what ADD unpacks (case-sensitive; not `.zip`). */
export const ARCHIVE_EXTENSIONS = [
  '.tar', '.Z', '.bz2', '.gz', '.lz', '.lzma', '.tZ', '.tb2', '.tbz', '.tbz2', '.tgz', '.tlz', '.tpz', '.txz', '.xz',
];
