import { stageAlias } from '../dockerfile/facts/images.js';
import { flagValue } from '../dockerfile/facts/instructions.js';
import { customRule, over, type Rule } from './rule.js';

/** hadolint DL3023: a stage cannot copy from itself; the build would fail. */
export const DL3023: Rule = {
  code: 'DL3023', level: 'error', message: '`COPY --from` cannot reference its own `FROM` alias',
  check: over(
    customRule(
      () => ({ alias: null as string | null }),
      (stage, instruction) => {
        if (instruction.keyword === 'FROM') stage.alias = stageAlias(instruction);
        return instruction.keyword === 'COPY' && stage.alias !== null && flagValue(instruction, 'from') === stage.alias;
      },
    ),
  ),
};
