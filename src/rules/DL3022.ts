import { stageAlias } from '../dockerfile/facts/images.js';
import { flagValue } from '../dockerfile/facts/instructions.js';
import { dropQuotes } from '../dockerfile/facts/shell.js';
import { customRule, over, type Rule } from './rule.js';

/**
 * hadolint DL3022: `COPY --from=name` must name a stage defined above. An image reference (it has
 * a `:`) and a stage number below the count of stages so far are accepted too.
 */
export const DL3022: Rule = {
  code: 'DL3022', level: 'warning', message: '`COPY --from` should reference a previously defined `FROM` alias',
  check: over(
    customRule(
      () => ({ aliases: new Set<string>(), stages: 0 }),
      (seen, instruction) => {
        if (instruction.keyword === 'FROM') {
          seen.stages++;
          const alias = stageAlias(instruction);
          if (alias !== null) seen.aliases.add(alias); // compared as written: hadolint is case-sensitive here
        }
        const source = instruction.keyword === 'COPY' ? flagValue(instruction, 'from') : null;
        if (source === null || dropQuotes(source).includes(':') || seen.aliases.has(source)) return false;
        const index = /^\d+/.exec(source); // hadolint reads the leading digits (`1abc` is stage 1)
        return !(index && Number(index[0]) < seen.stages);
      },
    ),
  ),
};
