import { imageName, stageAlias } from '../dockerfile/facts/images.js';
import type { Instruction } from '../dockerfile/types.js';
import { over, type Rule, type RuleHit } from './rule.js';

/**
 * hadolint DL3057 (off unless a config gives it a level): a stage that ends up without HEALTHCHECK,
 * reported on its FROM. A stage built FROM a stage with a HEALTHCHECK inherits it, and a HEALTHCHECK
 * also clears the stages the current one is built upon (they are part of its result).
 */
export const DL3057: Rule = {
  code: 'DL3057', level: 'off', message: '`HEALTHCHECK` instruction missing.',
  check: over(stagesWithoutHealthcheck),
};

interface Stage {
  /** Image name the stage is built FROM. */
  base: string;
  /** Alias, else image name. */
  name: string;
  line: number;
}

function stagesWithoutHealthcheck(instructions: readonly Instruction[]): RuleHit[] {
  let current: Stage | null = null;
  const good = new Set<Stage>();
  const bad = new Set<Stage>();
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const base = imageName(instruction);
      const stage: Stage = { base, name: stageAlias(instruction) ?? base, line: instruction.line };
      if (current !== null && [...good].some((g) => g.name === base)) good.add(stage);
      else bad.add(stage);
      current = stage;
    } else if (instruction.keyword === 'HEALTHCHECK' && current !== null) {
      for (const stage of [current, ...ancestors(current, bad)]) {
        good.add(stage);
        bad.delete(stage);
      }
    }
  }
  return [...bad].map((s) => ({ line: s.line }));
}

/** Reported stages the given one is built upon, transitively. */
function ancestors(stage: Stage, bad: ReadonlySet<Stage>): Stage[] {
  const parents = [...bad].filter((s) => s.name === stage.base);
  const rest = new Set([...bad].filter((s) => !parents.includes(s)));
  return [...parents, ...parents.flatMap((p) => ancestors(p, rest))];
}
