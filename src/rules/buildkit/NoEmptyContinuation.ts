import type { Dockerfile } from '../../dockerfile/types.js';
import type { Rule, RuleHit } from '../rule.js';

/** BuildKit's message (ruleset.go `Format`). */
export const noEmptyContinuation = (): string => 'Empty continuation line';

/**
 * BuildKit NoEmptyContinuation: a blank line inside a `\`-continued instruction (a comment line is
 * fine). Reported once per instruction, on the line where BuildKit's parser finishes it.
 */
export const NoEmptyContinuation: Rule = {
  code: 'NoEmptyContinuation', level: 'warning', message: 'Empty continuation lines will become errors in a future release',
  buildkit: { parsePhase: true, url: 'https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/' },
  check(dockerfile) {
    const text = dockerfile.text;
    if (!text.includes(dockerfile.escape)) return [];
    const continues = continuation(dockerfile);
    const hits: RuleHit[] = [];
    for (const instruction of dockerfile.instructions) {
      if (instruction.span.endLine === instruction.span.line) continue;
      let from = text.lastIndexOf('\n', instruction.span.start - 1) + 1;
      let to = lineEnd(text, from);
      if (!continues(text.slice(from, to))) continue;
      let line = instruction.span.line;
      let empty = false;
      while (to < text.length) {
        from = to + 1;
        to = lineEnd(text, from);
        line++;
        const row = text.slice(from, to);
        if (/^\s*#/.test(row)) continue;
        if (row.trim() === '') {
          empty = true;
          continue;
        }
        if (!continues(row)) break;
      }
      if (empty) hits.push({ line, message: noEmptyContinuation() });
    }
    return hits;
  },
};

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/** The parser's `lineContinuationRegex`: the escape character ends the line, itself not escaped. */
function continuation(dockerfile: Dockerfile): (line: string) => boolean {
  const e = dockerfile.escape === '`' ? '`' : '\\\\';
  const regex = new RegExp(`(?:[^${e}]${e}|^${e})[ \\t]*\\r?$`);
  return (line) => regex.test(line);
}
