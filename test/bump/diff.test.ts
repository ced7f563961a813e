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
});
