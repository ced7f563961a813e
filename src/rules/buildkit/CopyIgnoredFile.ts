import { walkStages } from '../../dockerfile/facts/buildkit-stages.js';
import { expandedWords } from '../../dockerfile/facts/buildkit-expansions.js';
import { processWord } from '../../dockerfile/facts/buildkit-words.js';
import { flagValue } from '../../dockerfile/facts/instructions.js';
import { cleanPath, IgnoreMatcher } from '../../files/dockerignore.js';
import type { Rule, RuleHit } from '../rule.js';
import { goQuote } from './go-quote.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const copyIgnoredFile = (cmd: string, file: string): string => `Attempting to ${cmd} file ${goQuote(file)} that is excluded by .dockerignore`;

const REMOTE = /^(?:https?:\/\/|git@|git:\/\/|ssh:\/\/)/;

/**
 * BuildKit CopyIgnoredFile: COPY or ADD takes from the build context a path its `.dockerignore`
 * excludes, so the build will not find it. Read only where the `.dockerignore` beside the
 * Dockerfile is known (`BuildFacts.dockerignore`); like BuildKit, says nothing when the file has
 * `!` exceptions, and reports `.` only when a pattern excludes the whole context root.
 */
export const CopyIgnoredFile: Rule = {
  code: 'CopyIgnoredFile', level: 'warning', message: 'Attempting to Copy file that is excluded by .dockerignore',
  buildkit: { url: 'https://docs.docker.com/go/dockerfile/rule/copy-ignored-file/' },
  check(dockerfile, context) {
    const patterns = context.build?.dockerignore;
    if (!patterns || patterns.length === 0) return [];
    const matcher = new IgnoreMatcher(patterns);
    if (matcher.exclusions) return [];
    const hits: RuleHit[] = [];
    walkStages(dockerfile, context.build, (instruction, state) => {
      const copy = instruction.keyword === 'COPY';
      if ((!copy && instruction.keyword !== 'ADD') || (copy && flagValue(instruction, 'from') !== null)) return;
      for (const word of expandedWords(instruction)) {
        if (!word.source) continue;
        const expanded = processWord(word.text, state.env, { escape: dockerfile.escape }).result;
        if (REMOTE.test(expanded)) continue;
        const path = cleanPath(expanded);
        if ((path === '.' || path === '/') && !matcher.excludesRoot) continue;
        if (matcher.matchesOrParentMatches(path)) hits.push(reportAt(instruction, copyIgnoredFile(copy ? 'Copy' : 'Add', path)));
      }
    });
    return hits;
  },
};
