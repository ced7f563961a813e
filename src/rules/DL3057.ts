import type { Rule, RuleHit } from './rule.js';
import { fromAlias, fromImageName } from './lib/batch-c.js';

/**
 * hadolint DL3057 (off unless a config gives it a level): a stage that ends up without HEALTHCHECK,
 * reported on its FROM. A stage built FROM a stage with a HEALTHCHECK inherits it, and a HEALTHCHECK
 * also clears the stages the current one is built upon (they are part of its result).
 */
export const DL3057: Rule = {
  code: 'DL3057',
  level: 'off',
  message: '`HEALTHCHECK` instruction missing.',
  check(dockerfile) {
    let current: Stage | null = null;
    const good = new Set<Stage>();
    const bad = new Set<Stage>();
    for (const instruction of dockerfile.instructions) {
      if (instruction.keyword === 'FROM') {
        const base = fromImageName(instruction);
        const stage: Stage = { base, name: fromAlias(instruction) ?? base, line: instruction.line };
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
    return [...bad].map((s): RuleHit => ({ line: s.line }));
  },
};

interface Stage {
  /** Image name the stage is built FROM. */
  base: string;
  /** Alias, else image name. */
  name: string;
  line: number;
}

/** Reported stages the given one is built upon, transitively. */
function ancestors(stage: Stage, bad: ReadonlySet<Stage>): Stage[] {
  const parents = [...bad].filter((s) => s.name === stage.base);
  const rest = new Set([...bad].filter((s) => !parents.includes(s)));
  return [...parents, ...parents.flatMap((p) => ancestors(p, rest))];
}
