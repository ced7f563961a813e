import { stageAlias } from '../dockerfile/facts/images.js';
import type { Instruction } from '../dockerfile/types.js';
import { customRule, over, type Rule } from './rule.js';

/** hadolint DL3024: two stages with one name make `--from` and `FROM <stage>` ambiguous. */
export const DL3024: Rule = {
  code: 'DL3024', level: 'error', message: 'FROM aliases (stage names) must be unique',
  check: over(customRule(() => new Set<string>(), repeatsAlias)),
};

/** A FROM whose alias an earlier FROM has; the names seen so far are kept in `seen`. */
function repeatsAlias(seen: Set<string>, from: Instruction): boolean {
  const alias = from.keyword === 'FROM' ? stageAlias(from) : null;
  if (alias === null) return false;
  const repeated = seen.has(alias);
  seen.add(alias);
  return repeated;
}
