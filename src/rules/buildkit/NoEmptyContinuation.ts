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
    if (!dockerfile.text.includes(dockerfile.escape)) return [];
    const lines = dockerfile.text.split('\n');
    const continues = continuation(dockerfile);
    const hits: RuleHit[] = [];
    for (const instruction of dockerfile.instructions) {
      let at = instruction.span.line - 1;
      if (!continues(lines[at]!)) continue;
      let empty = false;
      while (at + 1 < lines.length) {
        const line = lines[++at]!.replace(/\r$/, '');
        if (/^\s*#/.test(line)) continue;
        if (line.trim() === '') {
          empty = true;
          continue;
        }
        if (!continues(line)) break;
      }
      if (empty) hits.push({ line: at + 1, message: noEmptyContinuation() });
    }
    return hits;
  },
};

/** The parser's `lineContinuationRegex`: the escape character ends the line, itself not escaped. */
function continuation(dockerfile: Dockerfile): (line: string) => boolean {
  const e = dockerfile.escape === '`' ? '`' : '\\\\';
  const regex = new RegExp(`(?:[^${e}]${e}|^${e})[ \\t]*\\r?$`);
  return (line) => regex.test(line);
}
