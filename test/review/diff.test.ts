import { describe, expect, it } from 'vitest';
import { changedLines, touchesChange } from '../../src/review/diff.js';

describe('changedLines', () => {
  it.each([
    ['an added file', '@@ -0,0 +1,3 @@\n+FROM node\n+RUN a\n+RUN b', [1, 2, 3]],
    ['context, removals and additions', '@@ -1,4 +1,4 @@\n FROM node\n-RUN a\n+RUN b\n RUN c\n RUN d', [2]],
    ['two hunks', '@@ -1,2 +1,2 @@\n-FROM a\n+FROM b\n RUN x\n@@ -10,2 +10,3 @@\n RUN y\n+RUN z\n RUN w', [1, 11]],
    ['no newline at end of file', '@@ -1 +1 @@\n-FROM a\n\\ No newline at end of file\n+FROM b\n\\ No newline at end of file', [1]],
    ['a pure deletion', '@@ -1,2 +1 @@\n FROM a\n-RUN x', []],
  ])('%s', (_name, patch, lines) => {
    expect([...(changedLines(patch) as Set<number>)]).toStrictEqual(lines);
  });

  it('a file without a patch (too large, binary) counts as wholly changed', () => {
    expect(changedLines(undefined)).toBe('all');
    expect(touchesChange('all', 500)).toBe(true);
  });

  it('a multi-line instruction counts as changed when any of its lines is', () => {
    expect(touchesChange(new Set([4]), 2, 5)).toBe(true);
    expect(touchesChange(new Set([6]), 2, 5)).toBe(false);
  });
});
