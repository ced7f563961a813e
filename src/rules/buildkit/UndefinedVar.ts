import { NON_ENV_ARGS, walkStages, type StageState } from '../../dockerfile/facts/buildkit-stages.js';
import { expandedWords } from '../../dockerfile/facts/buildkit-expansions.js';
import { processWord } from '../../dockerfile/facts/buildkit-words.js';
import type { Instruction } from '../../dockerfile/types.js';
import type { Rule, RuleHit } from '../rule.js';
import { reportAt } from './location.js';
import { suggest } from './suggest.js';

/** BuildKit's message (ruleset.go `Format`). */
export const undefinedVar = (arg: string, suggestion: string): string =>
  `Usage of undefined variable '$${arg}'${suggestion === '' ? '' : ` (did you mean $${suggestion}?)`}`;

/**
 * BuildKit UndefinedVar: a variable BuildKit expands itself (in ENV, LABEL, COPY, ADD, WORKDIR, USER,
 * VOLUME, STOPSIGNAL, RUN --mount, an ARG's default; never inside a RUN script) that nothing defines
 * at that point: no ENV or ARG above it in the stage or the stages it is built on, not the base
 * image's environment. An ARG declared without a value counts as defined.
 *
 * Where the base image's config is unknown (no registry asked), the image may define any name, so
 * only a near miss of a defined name (a typo: `$DIR_ASSET` beside `DIR_ASSETS`) is reported.
 */
export const UndefinedVar: Rule = {
  code: 'UndefinedVar', level: 'warning', message: 'Variables should be defined before their use',
  buildkit: { url: 'https://docs.docker.com/go/dockerfile/rule/undefined-var/' },
  check(dockerfile, context) {
    const hits: RuleHit[] = [];
    const escape = dockerfile.escape;
    if (!dockerfile.text.includes('$')) return hits;
    walkStages(dockerfile, context.build, (instruction, state) => {
      if (instruction.keyword === 'ARG') {
        checkArg(instruction, state, escape, hits);
        return;
      }
      for (const word of expandedWords(instruction)) {
        if (!word.text.includes('$')) continue;
        const { unmatched } = processWord(word.text, state.env, word.raw ? { skipQuotes: true } : { escape });
        report(instruction, unmatched, state, state.env, hits);
      }
    });
    return hits;
  },
};

/** An ARG's defaults expand one after the other, each seeing the ARGs before it. */
function checkArg(instruction: Instruction, state: StageState, escape: string, hits: RuleHit[]): void {
  if (!instruction.pairs.some((pair) => pair.rawValue?.includes('$'))) return;
  const env = new Map(state.env);
  const args = new Set(state.args);
  for (const pair of instruction.pairs) {
    if (pair.rawValue !== null) {
      const { result, unmatched } = processWord(pair.rawValue, env, { escape });
      report(instruction, unmatched, { ...state, args }, env, hits);
      if (!NON_ENV_ARGS.has(pair.key)) env.set(pair.key, result);
    }
    args.add(pair.key);
  }
}

function report(instruction: Instruction, unmatched: ReadonlySet<string>, state: Pick<StageState, 'args' | 'envKnown'>, env: ReadonlyMap<string, string>, hits: RuleHit[]): void {
  for (const name of unmatched) {
    if (state.args.has(name) || NON_ENV_ARGS.has(name)) continue;
    const suggestion = suggest(name, env.keys());
    if (!state.envKnown && suggestion === '') continue;
    hits.push(reportAt(instruction, undefinedVar(name, suggestion)));
  }
}
