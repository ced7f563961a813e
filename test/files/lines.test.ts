import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/files/lines.js';

describe('LineIndex: offsets to lines and columns', () => {
  const text = 'ab\ncd\n\nlast';
  const index = new LineIndex(text);

  it.each([
    [0, 1, 1],
    [1, 1, 2],
    [2, 1, 3],
    [3, 2, 1],
    [5, 2, 3],
    [6, 3, 1],
    [7, 4, 1],
    [10, 4, 4],
    [11, 4, 5],
  ])('offset %i is line %i, column %i', (offset, line, column) => {
    expect(index.position(offset)).toEqual({ line, column });
  });

  it('counts a BOM in offsets but not in columns', () => {
    const bom = new LineIndex('\uFEFFab\ncd');
    expect(bom.position(1)).toEqual({ line: 1, column: 1 });
    expect(bom.position(2)).toEqual({ line: 1, column: 2 });
    expect(bom.position(4)).toEqual({ line: 2, column: 1 });
  });

  it('gives the span of a range', () => {
    expect(index.span(1, 4)).toEqual({ line: 1, column: 2, endLine: 2, endColumn: 2, start: 1, end: 4 });
  });

  it('finds lines in a long text by halving', () => {
    const long = new LineIndex('x\n'.repeat(100_000));
    expect(long.position(2 * 76_543 + 1)).toEqual({ line: 76_544, column: 2 });
  });
});
