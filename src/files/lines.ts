import type { Span } from '../dockerfile/types.js';

/**
 * Line and column lookups for one text, computed once (binary search per lookup). Offsets count a
 * BOM (they address the file as it is); columns do not (an editor does not show it).
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[] = [0];
  private readonly bom: boolean;

  constructor(text: string) {
    this.bom = text.startsWith('\uFEFF');
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line and column (UTF-16 units) of an offset. */
  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    const line = low + 1;
    const col = offset - this.starts[low]! + 1;
    return { line, column: this.bom && line === 1 && offset > 0 ? col - 1 : col };
  }

  span(start: number, end: number): Span {
    const from = this.position(start);
    const to = this.position(end);
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, start, end };
  }
}
