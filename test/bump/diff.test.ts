import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/bump/diff.js';

const lines = (n: number, change: Record<number, string> = {}) =>
  Array.from({ length: n }, (_, i) => change[i + 1] ?? `line ${i + 1}`).join('\n') + '\n';

describe('unifiedDiff', () => {
  it('prints nothing for equal texts', () => {
    expect(unifiedDiff('Dockerfile', 'FROM a\n', 'FROM a\n')).toBe('');
  });

  it('prints one hunk with three lines of context', () => {
    expect(unifiedDiff('svc/Dockerfile', lines(10), lines(10, { 5: 'FROM node:20.11.1' }))).toBe(
      [
        '--- a/svc/Dockerfile',
        '+++ b/svc/Dockerfile',
        '@@ -2,7 +2,7 @@',
        ' line 2',
        ' line 3',
        ' line 4',
        '-line 5',
        '+FROM node:20.11.1',
        ' line 6',
        ' line 7',
        ' line 8',
        '',
      ].join('\n'),
    );
  });

  it('joins nearby changes and splits distant ones', () => {
    const diff = unifiedDiff('D', lines(30), lines(30, { 2: 'a', 6: 'b', 25: 'c' }));
    expect(diff.split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -1,9 +1,9 @@', '@@ -22,7 +22,7 @@']);
  });

  it('marks a last line without newline', () => {
    expect(unifiedDiff('D', 'FROM a:1', 'FROM a:2')).toBe('--- a/D\n+++ b/D\n@@ -1 +1 @@\n-FROM a:1\n\\ No newline at end of file\n+FROM a:2\n\\ No newline at end of file\n');
  });

  it('handles added and removed lines', () => {
    expect(unifiedDiff('D', 'a\nb\nc\n', 'a\nc\nd\n')).toBe('--- a/D\n+++ b/D\n@@ -1,3 +1,3 @@\n a\n-b\n c\n+d\n');
    expect(unifiedDiff('D', '', 'a\n')).toBe('--- a/D\n+++ b/D\n@@ -0,0 +1 @@\n+a\n');
  });

  it('merges changes 6 context lines apart into one hunk, splits them at 7', () => {
    const hunks = (text: string) => text.split('\n').filter((l) => l.startsWith('@@'));
    expect(hunks(unifiedDiff('D', lines(20), lines(20, { 5: 'x', 12: 'y' })))).toEqual(['@@ -2,14 +2,14 @@']);
    expect(hunks(unifiedDiff('D', lines(20), lines(20, { 5: 'x', 13: 'y' })))).toEqual(['@@ -2,7 +2,7 @@', '@@ -10,7 +10,7 @@']);
  });

  it('cuts the context at the first and the last line', () => {
    expect(unifiedDiff('D', lines(3), lines(3, { 1: 'x', 3: 'z' }))).toBe('--- a/D\n+++ b/D\n@@ -1,3 +1,3 @@\n-line 1\n+x\n line 2\n-line 3\n+z\n');
  });

  it('keeps CRLF line ends as they are', () => {
    expect(unifiedDiff('D', 'FROM a:1\r\nRUN x\r\n', 'FROM a:2\r\nRUN x\r\n')).toBe('--- a/D\n+++ b/D\n@@ -1,2 +1,2 @@\n-FROM a:1\r\n+FROM a:2\r\n RUN x\r\n');
  });

  it('marks a context line that ends the file without a newline', () => {
    expect(unifiedDiff('D', 'FROM a:1\nRUN x', 'FROM a:2\nRUN x')).toBe('--- a/D\n+++ b/D\n@@ -1,2 +1,2 @@\n-FROM a:1\n+FROM a:2\n RUN x\n\\ No newline at end of file\n');
  });

  it('shows a newline added or removed at the end', () => {
    expect(unifiedDiff('D', 'a\nb', 'a\nb\n')).toBe('--- a/D\n+++ b/D\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
  });

  it('prints a diff that patches the old text into the new one, with the fewest changed lines', () => {
    // A seeded generator: texts of up to 12 lines over a 4-word alphabet, so lines repeat.
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const text = () => Array.from({ length: random(12) }, () => 'abcd'[random(4)]).map((l) => `${l}\n`).join('');
    for (let round = 0; round < 300; round++) {
      const before = text();
      const after = text();
      const diff = unifiedDiff('D', before, after);
      expect(applyPatch(before, diff)).toBe(after);
      const changed = diff.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l)).length;
      const common = lcsLength(before.split('\n'), after.split('\n'));
      expect(changed).toBe(before.split('\n').length + after.split('\n').length - 2 * common);
    }
  });

  it('diffs 16,000 lines with edits at both ends (bench/bump-diff.ts times it)', () => {
    const diff = unifiedDiff('D', lines(16_000), lines(16_000, { 1: 'FROM node:20.11.1', 16_000: 'FROM node:20.11.1' }));
    expect(diff.split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -1,4 +1,4 @@', '@@ -15997,4 +15997,4 @@']);
  });
});

/** Apply a unified diff of one file (hunks in order) to a text whose lines all end in a newline. */
function applyPatch(text: string, diff: string): string {
  if (diff === '') return text;
  const old = text === '' ? [] : text.slice(0, -1).split('\n');
  const out: string[] = [];
  let cursor = 0;
  const lines = diff.split('\n').slice(2, -1);
  for (let i = 0; i < lines.length; i++) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(lines[i]!);
    if (!header) throw new Error(`not a hunk header: ${lines[i]}`);
    const start = Number(header[1]) - (header[2] === '0' ? 0 : 1);
    while (cursor < start) out.push(old[cursor++]!);
    while (i + 1 < lines.length && !lines[i + 1]!.startsWith('@@')) {
      const line = lines[++i]!;
      if (line.startsWith(' ')) out.push(old[cursor++]!);
      else if (line.startsWith('-')) cursor++;
      else if (line.startsWith('+')) out.push(line.slice(1));
    }
  }
  while (cursor < old.length) out.push(old[cursor++]!);
  return out.map((line) => `${line}\n`).join('');
}

function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}
