import type { Dockerfile } from '../types.js';

/*
 * Comments as BuildKit's parser reads them (frontend/dockerfile/parser): the parser directives at
 * the top of the file, and the comments it attaches to each instruction (`Node.PrevComment`), which
 * carry a local `# check=` and the descriptions of ARGs and stages.
 */

/** A parser directive (`# syntax=`, `# escape=`, `# check=`) with its 1-based line. */
export interface Directive {
  name: string;
  value: string;
  line: number;
}

const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const KNOWN = new Set(['syntax', 'escape', 'check']);

/**
 * The directive a comment's text holds, read as BuildKit's `DirectiveParser` reads one line once
 * the comment prefix is cut: a known name, `=`, a value. Null when it is none.
 */
export function directiveOf(text: string): { name: string; value: string } | null {
  const match = DIRECTIVE.exec(text.replace(/^\s+/, ''));
  if (match === null) return null;
  const name = match[1]!.toLowerCase();
  return KNOWN.has(name) ? { name, value: match[2]! } : null;
}

/**
 * The directives at the top of the file, read as BuildKit's `ParseDirective` reads them: a shebang
 * line is skipped; each line must start with `#` (in column 1 unless `leadingBlanks`, as the parser
 * proper allows) and hold a known directive; the first line that does not, or a repeated name,
 * ends them.
 */
export function topDirectives(text: string, leadingBlanks = false): Directive[] {
  const directives: Directive[] = [];
  const seen = new Set<string>();
  let start = 0;
  let line = 1;
  if (text.startsWith('#!')) {
    start = text.indexOf('\n') + 1;
    line = 2;
    if (start === 0) return directives;
  }
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    let row = text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
    if (leadingBlanks) row = row.replace(/^\s+/, '');
    if (!row.startsWith('#')) break;
    const directive = directiveOf(row.slice(1));
    if (directive === null || seen.has(directive.name)) break;
    seen.add(directive.name);
    directives.push({ ...directive, line });
    if (end === -1) break;
    start = end + 1;
    line++;
  }
  return directives;
}

const above = new WeakMap<Dockerfile, ReadonlyMap<number, readonly string[]>>();
const NONE: readonly string[] = [];

/**
 * The comments BuildKit attaches to the instruction starting at `line` (its `PrevComment`): the
 * comment lines since the previous instruction, each trimmed of `#` and blanks, a bare `#`
 * starting the list afresh, blank lines not; the directives at the top are not among them.
 */
export function commentsAbove(dockerfile: Dockerfile, line: number): readonly string[] {
  let byLine = above.get(dockerfile);
  if (byLine === undefined) {
    byLine = attachComments(dockerfile);
    above.set(dockerfile, byLine);
  }
  return byLine.get(line) ?? NONE;
}

function attachComments(dockerfile: Dockerfile): Map<number, readonly string[]> {
  const byLine = new Map<number, readonly string[]>();
  if (dockerfile.comments.length === 0) return byLine;
  const directiveLines = new Set(topDirectives(dockerfile.text, true).map((d) => d.line));
  const lines = dockerfile.text.split('\n');
  let next = 0;
  for (const instruction of dockerfile.instructions) {
    let list: string[] = [];
    while (next < dockerfile.comments.length && dockerfile.comments[next]!.line < instruction.span.line) {
      const comment = dockerfile.comments[next++]!;
      if (directiveLines.has(comment.line)) continue;
      // BuildKit trims the raw line after its first byte: an indented `#` stays in the text.
      const text = (lines[comment.line - 1] ?? '').slice(1).trim();
      if (text === '') list = [];
      else list.push(text);
    }
    if (list.length > 0) byLine.set(instruction.line, list);
  }
  return byLine;
}
