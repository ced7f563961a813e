/** An exact replacement of `text.slice(start, end)`, which must read `from`. */
export interface TextEdit {
  start: number;
  end: number;
  from: string;
  to: string;
}

/**
 * Apply edits planned on this very text. Every other byte stays (line ends, BOM, comments). Throws
 * when an edit does not match the text or edits overlap: that is a caller bug (edits planned on
 * another version of the file), and writing anyway would corrupt it.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`overlapping edits at offset ${edit.start}`);
    if (text.slice(edit.start, edit.end) !== edit.from) {
      throw new Error(`edit at offset ${edit.start} expects "${edit.from}" but the text reads "${text.slice(edit.start, edit.end)}"`);
    }
    out += text.slice(cursor, edit.start) + edit.to;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}
