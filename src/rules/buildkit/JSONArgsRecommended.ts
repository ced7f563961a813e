import { walkStages } from '../../dockerfile/facts/buildkit-stages.js';
import type { Rule, RuleHit } from '../rule.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const jsonArgsRecommended = (instructionName: string): string =>
  `JSON arguments recommended for ${instructionName} to prevent unintended behavior related to OS signals`;

/**
 * BuildKit JSONArgsRecommended: CMD or ENTRYPOINT in shell form, in a stage where no SHELL (nor the
 * base image's config, where known) chose the shell. HEALTHCHECK is not checked.
 */
export const JSONArgsRecommended: Rule = {
  code: 'JSONArgsRecommended', level: 'warning', message: 'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals',
  buildkit: { url: 'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/' },
  check(dockerfile, context) {
    const hits: RuleHit[] = [];
    if (!dockerfile.instructions.some((i) => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && i.json === null)) return hits;
    walkStages(dockerfile, context.build, (instruction, state) => {
      if ((instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT') && instruction.json === null && !state.shellSet) {
        hits.push(reportAt(instruction, jsonArgsRecommended(instruction.keywordText)));
      }
    });
    return hits;
  },
};
