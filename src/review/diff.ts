/**
 * Lines a pull request adds or changes in one file, read from the `patch` GitHub gives per file.
 * `all`: GitHub sent no patch (file too large, or binary), so every line counts as changed.
 */
export type ChangedLines = ReadonlySet<number> | 'all';

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** Parse unified-diff hunks into the set of new-side line numbers that were added. Pure. */
export function changedLines(patch: string | undefined | null): ChangedLines {
  if (patch === undefined || patch === null) return 'all';
  const changed = new Set<number>();
  let line = 0;
  for (const row of patch.split('\n')) {
    const header = HUNK_HEADER.exec(row);
    if (header) {
      line = Number(header[1]);
      continue;
    }
    if (line === 0) continue;
    const marker = row[0];
    if (marker === '+') changed.add(line++);
    else if (marker === ' ' || row === '') line++;
    // '-' lines are gone from the new side; '\' is "No newline at end of file".
  }
  return changed;
}

/** True when `line` (or any line of `line..endLine`) was added or changed. */
export function touchesChange(changed: ChangedLines, line: number, endLine: number = line): boolean {
  if (changed === 'all') return true;
  for (let n = line; n <= endLine; n++) if (changed.has(n)) return true;
  return false;
}
