import type { GitHubState, Tree } from './state.js';

export interface PullFile {
  sha: string;
  filename: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  additions: number;
  deletions: number;
  changes: number;
  /** Absent for binary files and for diffs too large to send, as on GitHub. */
  patch?: string;
  previous_filename?: string;
}

/** Lines of context around each change, as `git diff` prints them. */
const CONTEXT = 3;
/** Above these, GitHub sends a file of `pulls/{n}/files` without its patch. */
export const PATCH_LIMITS = { lines: 3000, bytes: 100 * 1024 };
/** `pulls/{n}/files` lists at most this many files. */
export const MAX_PULL_FILES = 3000;
/** Beyond this many cells the middle of a diff is shown as replaced rather than aligned line by line. */
const MAX_LCS_CELLS = 4_000_000;

/** Git's test: a NUL byte in the first 8000 bytes makes a file binary. */
export function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

interface Line {
  text: string;
  /** The file's last line, without a newline after it: a different line to git than the same text with one. */
  noEol: boolean;
}

function linesOf(text: string): Line[] {
  if (text === '') return [];
  const noEol = !text.endsWith('\n');
  const parts = (noEol ? text : text.slice(0, -1)).split('\n');
  return parts.map((line, i) => ({ text: line, noEol: noEol && i === parts.length - 1 }));
}

const same = (x: Line, y: Line) => x.text === y.text && x.noEol === y.noEol;

type Op = { op: ' ' | '-' | '+'; line: Line };

/** The edit script from `a` to `b`: common ends kept, the middle aligned by longest common subsequence. */
function editScript(a: Line[], b: Line[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && same(a[start]!, b[start]!)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && same(a[endA - 1]!, b[endB - 1]!)) {
    endA--;
    endB--;
  }
  const ops: Op[] = a.slice(0, start).map((line) => ({ op: ' ', line }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_LCS_CELLS) {
    ops.push(...midA.map((line) => ({ op: '-' as const, line })), ...midB.map((line) => ({ op: '+' as const, line })));
  } else {
    const lcs = Array.from({ length: midA.length + 1 }, () => new Uint32Array(midB.length + 1));
    for (let i = midA.length - 1; i >= 0; i--) {
      for (let j = midB.length - 1; j >= 0; j--) lcs[i]![j] = same(midA[i]!, midB[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
    let [i, j] = [0, 0];
    while (i < midA.length || j < midB.length) {
      if (i < midA.length && j < midB.length && same(midA[i]!, midB[j]!)) {
        ops.push({ op: ' ', line: midA[i++]! });
        j++;
      } else if (i < midA.length && (j === midB.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
        // Deletions before additions, as git prints them.
        ops.push({ op: '-', line: midA[i++]! });
      } else {
        ops.push({ op: '+', line: midB[j++]! });
      }
    }
  }
  ops.push(...a.slice(endA).map((line) => ({ op: ' ' as const, line })));
  return ops;
}

const range = (start: number, count: number) => (count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`);

/**
 * A unified diff of two texts as `git diff` prints it (what `pulls/{n}/files` sends as `patch`):
 * hunks with three lines of context, `@@ -l,s +l,s @@ heading` headers (`,1` omitted, git's
 * default section heading after them), and `\ No newline at end of file` after a last line without one.
 */
export function unifiedPatch(before: string, after: string): { patch: string; additions: number; deletions: number } {
  const old = linesOf(before);
  const ops = editScript(old, linesOf(after));
  const changed = ops.flatMap((op, index) => (op.op === ' ' ? [] : [index]));
  const additions = ops.filter((op) => op.op === '+').length;
  const deletions = ops.filter((op) => op.op === '-').length;
  if (changed.length === 0) return { patch: '', additions, deletions };

  // Spans of ops, each change with its context, merged when they touch.
  const spans: Array<[number, number]> = [];
  for (const index of changed) {
    const from = Math.max(0, index - CONTEXT);
    const to = Math.min(ops.length - 1, index + CONTEXT);
    const last = spans.at(-1);
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else spans.push([from, to]);
  }
  const out: string[] = [];
  for (const [from, to] of spans) {
    const before = ops.slice(0, from);
    const oldStart = before.filter((op) => op.op !== '+').length + 1;
    const newStart = before.filter((op) => op.op !== '-').length + 1;
    const hunk = ops.slice(from, to + 1);
    const oldCount = hunk.filter((op) => op.op !== '+').length;
    const newCount = hunk.filter((op) => op.op !== '-').length;
    // Like git, the nearest line above the hunk that starts with a letter, `$` or `_` follows the header.
    const heading = old.slice(0, oldStart - 1).reverse().find((line) => /^[A-Za-z$_]/.test(line.text))?.text.slice(0, 80);
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@${heading ? ` ${heading}` : ''}`);
    for (const { op, line } of hunk) {
      out.push(`${op}${line.text}`);
      if (line.noEol) out.push('\\ No newline at end of file');
    }
  }
  return { patch: out.join('\n'), additions, deletions };
}

/** The files of a pull request: its head tree against the merge base (GitHub's three-dot diff). */
export function pullFiles(state: GitHubState, base: Tree, head: Tree): PullFile[] {
  const files: PullFile[] = [];
  const removed = [...base.keys()].filter((path) => !head.has(path));
  const renamedFrom = new Map<string, string>();
  for (const [path, blob] of head) {
    if (base.has(path)) continue;
    const source = removed.find((old) => base.get(old) === blob && ![...renamedFrom.values()].includes(old));
    if (source) renamedFrom.set(path, source);
  }
  const bytes = (blob: string | undefined) => (blob === undefined ? Buffer.alloc(0) : (state.blobContent(blob) ?? Buffer.alloc(0)));
  const diff = (from: string | undefined, to: string | undefined) => {
    const [a, b] = [bytes(from), bytes(to)];
    if (isBinary(a) || isBinary(b)) return { additions: 0, deletions: 0 };
    const result = unifiedPatch(a.toString('utf8'), b.toString('utf8'));
    const tooLarge = result.patch.split('\n').length > PATCH_LIMITS.lines || Buffer.byteLength(result.patch) > PATCH_LIMITS.bytes;
    return tooLarge ? { additions: result.additions, deletions: result.deletions } : result;
  };
  for (const [path, blob] of head) {
    const before = base.get(path);
    if (before === blob) continue;
    const source = renamedFrom.get(path);
    if (source) {
      files.push({ sha: blob, filename: path, status: 'renamed', previous_filename: source, additions: 0, deletions: 0, changes: 0 });
      continue;
    }
    const change = diff(before, blob);
    files.push({ sha: blob, filename: path, status: before === undefined ? 'added' : 'modified', ...change, changes: change.additions + change.deletions });
  }
  for (const path of removed) {
    if ([...renamedFrom.values()].includes(path)) continue;
    const change = diff(base.get(path), undefined);
    files.push({ sha: '0'.repeat(40), filename: path, status: 'removed', ...change, changes: change.deletions });
  }
  return files.sort((x, y) => (x.filename < y.filename ? -1 : 1)).slice(0, MAX_PULL_FILES);
}
