import { checkDirective, localCheck, parseCheckOptions, type CheckParse } from '../lint/check-directive.js';
import { suggest } from './buildkit/suggest.js';
import { BUILDKIT_RULE_NAMES } from './buildkit/names.js';
import type { Rule, RuleHit } from './rule.js';

/**
 * PL2009: a `# check=` directive, or a `# check=` comment above an instruction, that BuildKit
 * silently ignores in part or whole: a rule name it does not have (names are case-sensitive:
 * `skip=fromascasing` skips nothing), or a local comment it cannot parse.
 */
export const PL2009: Rule = {
  code: 'PL2009', level: 'warning', message: 'BuildKit ignores part of this # check= comment',
  check(dockerfile, context) {
    const hits: RuleHit[] = [];
    const directive = context.settings.buildkitCheck === null ? checkDirective(dockerfile) : null;
    if (directive !== null) hits.push(...unknownNames(directive.line, parseCheckOptions(directive.value)));
    for (const instruction of dockerfile.comments.length === 0 ? [] : dockerfile.instructions) {
      const local = localCheck(dockerfile, instruction.line);
      if (local === null) continue;
      const line = commentLine(dockerfile.text, instruction.line, local.value);
      if (!local.parsed.ok) hits.push({ line, message: `BuildKit ignores this # check= comment: ${local.parsed.error}` });
      else hits.push(...unknownNames(line, local.parsed));
    }
    return hits;
  },
};

function unknownNames(line: number, parsed: CheckParse): RuleHit[] {
  if (!parsed.ok) return [];
  const names = [...parsed.config.skip, ...parsed.config.experimental].filter((name) => name !== '' && !BUILDKIT_RULE_NAMES.includes(name));
  return names.map((name) => {
    // Names are case-sensitive: a name differing only in case is the likeliest meaning.
    const lower = name.toLowerCase();
    const close = BUILDKIT_RULE_NAMES.find((known) => known.toLowerCase() === lower || known.toLowerCase() === suggest(lower, BUILDKIT_RULE_NAMES, false)) ?? '';
    return { line, message: `BuildKit ignores "${name}" in # check=: it has no rule of that name${close === '' ? '' : ` (did you mean ${close}?)`}` };
  });
}

/** The line of the `# check=` comment above an instruction (the last one holding the value). */
function commentLine(text: string, instructionLine: number, value: string): number {
  const lines = text.split('\n');
  for (let line = instructionLine - 1; line >= 1; line--) {
    if (/^\s*#/.test(lines[line - 1]!) && lines[line - 1]!.includes(value)) return line;
  }
  return instructionLine;
}
