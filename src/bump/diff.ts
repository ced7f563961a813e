/**
 * A unified diff (as `diff -u` / `git diff` print it) between two versions of a file. Bump edits
 * never add or remove lines, but any pair of texts is handled: lines are matched by a longest
 * common subsequence, and changes are shown with `context` lines around them.
 */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a.lines, b.lines);
  const hunks = groupHunks(ops, context);
  const out = [`--- a/${path}`, `+++ b/${path}`];
  for (const hunk of hunks) {
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    const oldStart = (hunk.find((op) => op.kind !== '+')?.oldIndex ?? hunk[0]!.oldIndex) + (oldCount ? 1 : 0);
    const newStart = (hunk.find((op) => op.kind !== '-')?.newIndex ?? hunk[0]!.newIndex) + (newCount ? 1 : 0);
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const op of hunk) {
      const line = op.kind === '+' ? b.lines[op.newIndex]! : a.lines[op.oldIndex]!;
      out.push(`${op.kind === '=' ? ' ' : op.kind}${line}`);
      const last = op.kind === '+' ? op.newIndex === b.lines.length - 1 && !b.finalNewline : op.oldIndex === a.lines.length - 1 && !a.finalNewline;
      const lastOfOther = op.kind === '=' && op.newIndex === b.lines.length - 1 && !b.finalNewline;
      if (last || lastOfOther) out.push('\\ No newline at end of file');
    }
  }
  return `${out.join('\n')}\n`;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === '') return { lines: [], finalNewline: true };
  const finalNewline = text.endsWith('\n');
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n');
  return { lines, finalNewline };
}

interface Op {
  kind: '=' | '-' | '+';
  oldIndex: number;
  newIndex: number;
}

/** Line-level LCS; files are small (a Dockerfile), and the common prefix and suffix are trimmed first. */
function diffLines(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const table: number[][] = Array.from({ length: midA.length + 1 }, () => new Array<number>(midB.length + 1).fill(0));
  for (let i = midA.length - 1; i >= 0; i--) {
    for (let j = midB.length - 1; j >= 0; j--) {
      table[i]![j] = midA[i] === midB[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  for (let k = 0; k < head; k++) ops.push({ kind: '=', oldIndex: k, newIndex: k });
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      ops.push({ kind: '=', oldIndex: head + i++, newIndex: head + j++ });
    } else if (j < midB.length && (i === midA.length || table[i]![j + 1]! >= table[i + 1]![j]!)) {
      ops.push({ kind: '+', oldIndex: head + i, newIndex: head + j++ });
    } else {
      ops.push({ kind: '-', oldIndex: head + i++, newIndex: head + j });
    }
  }
  for (let k = 0; k < tail; k++) ops.push({ kind: '=', oldIndex: a.length - tail + k, newIndex: b.length - tail + k });
  return reorderChanges(ops);
}

/** Removals before additions within a change, as diff prints them. */
function reorderChanges(ops: Op[]): Op[] {
  const out: Op[] = [];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.kind === '=') {
      out.push(ops[k++]!);
      continue;
    }
    const run: Op[] = [];
    while (k < ops.length && ops[k]!.kind !== '=') run.push(ops[k++]!);
    out.push(...run.filter((op) => op.kind === '-'), ...run.filter((op) => op.kind === '+'));
  }
  return out;
}

function groupHunks(ops: Op[], context: number): Op[][] {
  const changed = ops.map((op, index) => (op.kind === '=' ? -1 : index)).filter((index) => index >= 0);
  const hunks: Op[][] = [];
  let start = -1;
  let end = -1;
  for (const index of changed) {
    const from = Math.max(0, index - context);
    const to = Math.min(ops.length - 1, index + context);
    if (start >= 0 && from <= end + 1) end = to;
    else {
      if (start >= 0) hunks.push(ops.slice(start, end + 1));
      start = from;
      end = to;
    }
  }
  if (start >= 0) hunks.push(ops.slice(start, end + 1));
  return hunks;
}
