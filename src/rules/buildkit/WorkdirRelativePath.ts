import { processWord } from '../../dockerfile/facts/buildkit-words.js';
import { walkStages } from '../../dockerfile/facts/buildkit-stages.js';
import type { Rule, RuleHit } from '../rule.js';
import { goQuote } from './go-quote.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const workdirRelativePath = (workdir: string): string => `Relative workdir ${goQuote(workdir)} can have unexpected results if the base image changes`;

/**
 * BuildKit WorkdirRelativePath: the first WORKDIR of a stage (and of the stages it is built on) is
 * relative, after its variables expand; a base image's WORKDIR does not count. Later relative
 * WORKDIRs build on the first and are not reported.
 */
export const WorkdirRelativePath: Rule = {
  code: 'WorkdirRelativePath', level: 'warning', message: 'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes',
  buildkit: { url: 'https://docs.docker.com/go/dockerfile/rule/workdir-relative-path/' },
  check(dockerfile, context) {
    const hits: RuleHit[] = [];
    if (!dockerfile.instructions.some((i) => i.keyword === 'WORKDIR' && !i.argsText.startsWith('/'))) return hits;
    walkStages(dockerfile, context.build, (instruction, state) => {
      if (instruction.keyword !== 'WORKDIR' || state.workdirSet) return;
      const path = processWord(instruction.argsText, state.env, { escape: dockerfile.escape }).result;
      // An image whose config is unknown may be Windows: a drive path then tells.
      if (!isAbsolute(path, state.envKnown ? state.os : 'unknown')) hits.push(reportAt(instruction, workdirRelativePath(path)));
    });
    return hits;
  },
};

function isAbsolute(path: string, os: string): boolean {
  if (os === 'windows') return /^(?:[A-Za-z]:)?[\\/]/.test(path);
  return path.startsWith('/') || (os === 'unknown' && /^[A-Za-z]:[\\/]/.test(path));
}
