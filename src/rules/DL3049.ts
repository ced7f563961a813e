import { imageName, stageAlias } from '../dockerfile/facts/images.js';
import { flagValue } from '../dockerfile/facts/instructions.js';
import type { Instruction } from '../dockerfile/types.js';
import { over, type Rule, type RuleHit } from './rule.js';

/**
 * hadolint DL3049: every label of `label-schema` must be set in each stage, reported on the stage's FROM.
 * A stage built FROM a stage that has the label inherits it; a stage whose files are only copied out
 * (`COPY --from=<alias>`) is not reported.
 */
export const DL3049: Rule = {
  code: 'DL3049', level: 'info', message: 'Label `<label>` is missing.',
  check: over((instructions, _dockerfile, { settings }) =>
    Object.keys(settings.labelSchema).flatMap((label) => missingLabel(instructions, label)),
  ),
};

interface StageId {
  line: number;
  alias: string | null;
  image: string;
}

function missingLabel(instructions: readonly Instruction[], label: string): RuleHit[] {
  let current: StageId | null = null;
  const good = new Set<StageId>();
  const bad = new Set<StageId>();
  const byAlias = (set: Set<StageId>, name: string) => [...set].filter((s) => s.alias !== null && s.alias === name);
  const silence = (name: string) => byAlias(bad, name).forEach((s) => bad.delete(s));

  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const stage: StageId = { line: instruction.line, alias: stageAlias(instruction), image: imageName(instruction) };
      if (current !== null && byAlias(good, stage.image).length > 0) good.add(stage);
      else bad.add(stage);
      current = stage;
    } else if (current === null) {
      continue; // nothing to track before the first FROM
    } else if (instruction.keyword === 'COPY') {
      const source = flagValue(instruction, 'from');
      if (source !== null) silence(source);
    } else if (instruction.keyword === 'LABEL' && instruction.pairs.some((p) => p.key === label)) {
      silence(current.alias ?? current.image);
      good.add(current);
      bad.delete(current);
    }
  }
  return [...bad].map((s) => ({ line: s.line, message: `Label \`${label}\` is missing.` }));
}
