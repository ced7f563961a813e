import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/bump/apply.js';

describe('applyEdits', () => {
  it('replaces exactly the ranges given, in any order, keeping every other byte', () => {
    const text = '\uFEFFARG V=1.0\r\nFROM a:${V} # c\r\n';
    const out = applyEdits(text, [
      { start: 26, end: 27, from: 'c', to: 'comment' },
      { start: 7, end: 10, from: '1.0', to: '1.1' },
    ]);
    expect(out).toBe('\uFEFFARG V=1.1\r\nFROM a:${V} # comment\r\n');
  });

  it('refuses an edit planned on other text', () => {
    expect(() => applyEdits('FROM a:1', [{ start: 7, end: 8, from: '2', to: '3' }])).toThrow('edit at offset 7 expects "2" but the text reads "1"');
  });

  it('refuses overlapping edits', () => {
    expect(() =>
      applyEdits('FROM a:1', [
        { start: 5, end: 8, from: 'a:1', to: 'b:1' },
        { start: 7, end: 8, from: '1', to: '2' },
      ]),
    ).toThrow('overlapping edits at offset 7');
  });
});
