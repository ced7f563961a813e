import type { GitHubState, Tree } from './state.js';

export interface PullFile {
  sha: string;
  filename: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
  previous_filename?: string;
}

const linesOf = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/**
 * A unified diff of two texts as one hunk with the whole file as context: what `pulls/{n}/files`
 * sends as `patch`, enough for the app to tell changed lines from untouched ones.
 */
export function unifiedPatch(before: string, after: string): { patch: string; additions: number; deletions: number } {
  const a = linesOf(before);
  const b = linesOf(after);
  // Longest common subsequence table, from the ends.
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: string[] = [];
  let [i, j, additions, deletions] = [0, 0, 0, 0];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(` ${a[i++]}`);
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Deletions before additions, as git prints them.
      out.push(`-${a[i++]}`);
      deletions++;
    } else {
      out.push(`+${b[j++]}`);
      additions++;
    }
  }
  const range = (start: number, count: number) => `${count === 0 ? 0 : start},${count}`;
  return { patch: [`@@ -${range(1, a.length)} +${range(1, b.length)} @@`, ...out].join('\n'), additions, deletions };
}

/** The files of a pull request: its head tree against the base tip it was opened on. */
export function pullFiles(state: GitHubState, base: Tree, head: Tree): PullFile[] {
  const files: PullFile[] = [];
  const removed = [...base.keys()].filter((path) => !head.has(path));
  const renamedFrom = new Map<string, string>();
  for (const [path, blob] of head) {
    if (base.has(path)) continue;
    const source = removed.find((old) => base.get(old) === blob && ![...renamedFrom.values()].includes(old));
    if (source) renamedFrom.set(path, source);
  }
  const text = (blob: string | undefined) => (blob === undefined ? '' : (state.blobs.get(blob) ?? ''));
  for (const [path, blob] of head) {
    const before = base.get(path);
    if (before === blob) continue;
    const source = renamedFrom.get(path);
    if (source) {
      files.push({ sha: blob, filename: path, status: 'renamed', previous_filename: source, additions: 0, deletions: 0, changes: 0 });
      continue;
    }
    const diff = unifiedPatch(text(before), text(blob));
    files.push({ sha: blob, filename: path, status: before === undefined ? 'added' : 'modified', ...diff, changes: diff.additions + diff.deletions });
  }
  for (const path of removed) {
    if ([...renamedFrom.values()].includes(path)) continue;
    const diff = unifiedPatch(text(base.get(path)), '');
    files.push({ sha: '0'.repeat(40), filename: path, status: 'removed', ...diff, changes: diff.deletions });
  }
  return files.sort((x, y) => (x.filename < y.filename ? -1 : 1));
}
