import { fromScope } from '../../dockerfile/facts/buildkit-stages.js';
import { processWord } from '../../dockerfile/facts/buildkit-words.js';
import { flagValue } from '../../dockerfile/facts/instructions.js';
import type { Rule, RuleHit } from '../rule.js';
import { reportAt } from './location.js';
import { suggest } from './suggest.js';

/** BuildKit's message (ruleset.go `Format`). */
export const undefinedArgInFrom = (baseArg: string, suggestion: string): string =>
  `FROM argument '${baseArg}' is not declared${suggestion === '' ? '' : ` (did you mean ${suggestion}?)`}`;

/**
 * BuildKit UndefinedArgInFrom: a FROM's image or `--platform` uses a variable that is neither one of
 * BuildKit's predefined platform args nor an ARG above the first FROM (with or without a default).
 */
export const UndefinedArgInFrom: Rule = {
  code: 'UndefinedArgInFrom', level: 'warning', message: 'FROM command must use declared ARGs',
  buildkit: { url: 'https://docs.docker.com/go/dockerfile/rule/undefined-arg-in-from/' },
  check(dockerfile, context) {
    if (dockerfile.stages.length === 0) return [];
    const scope = fromScope(dockerfile, context.build);
    const hits: RuleHit[] = [];
    for (const { from } of dockerfile.stages) {
      const platform = flagValue(from, 'platform');
      for (const word of [from.words[0]?.value ?? '', ...(platform === null ? [] : [platform])]) {
        for (const name of processWord(word, scope.env, { escape: dockerfile.escape }).unmatched) {
          if (!scope.declared.has(name)) hits.push(reportAt(from, undefinedArgInFrom(name, suggest(name, scope.declared))));
        }
      }
    }
    return hits;
  },
};
