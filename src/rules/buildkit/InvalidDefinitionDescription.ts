import { commentsAbove } from '../../dockerfile/facts/comments.js';
import { stageAlias } from '../../dockerfile/facts/images.js';
import type { Rule, RuleHit } from '../rule.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const invalidDefinitionDescription = (instruction: string, defName: string): string =>
  `Comment for ${instruction} should follow the format: \`# ${defName} <description>\``;

/**
 * BuildKit InvalidDefinitionDescription (experimental): the comment right above an ARG or a named
 * stage, which `docker buildx build --call=outline` shows as its description, does not start with
 * the name it describes. A bare `#` line between them breaks the link; a blank line does not.
 */
export const InvalidDefinitionDescription: Rule = {
  code: 'InvalidDefinitionDescription', level: 'warning',
  message: 'Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.',
  buildkit: { experimental: true, parsePhase: true, url: 'https://docs.docker.com/go/dockerfile/rule/invalid-definition-description/' },
  check(dockerfile) {
    if (dockerfile.comments.length === 0) return [];
    const hits: RuleHit[] = [];
    for (const instruction of dockerfile.instructions) {
      let names: string[];
      if (instruction.keyword === 'ARG') names = instruction.pairs.map((pair) => pair.key);
      else if (instruction.keyword === 'FROM') names = [stageAlias(instruction)?.toLowerCase() ?? ''].filter((name) => name !== '');
      else continue;
      const comments = commentsAbove(dockerfile, instruction.line);
      if (comments.length === 0 || names.length === 0) continue;
      if (names.includes(comments[comments.length - 1]!.split(' ')[0]!)) continue;
      hits.push(reportAt(instruction, invalidDefinitionDescription(instruction.keyword, names.length > 1 ? '<arg_key>' : names[0]!)));
    }
    return hits;
  },
};
