import type { Instruction } from '../dockerfile/types.js';
import type { Level } from '../findings.js';
import { over, type Fold, type Rule, type RuleHit } from './rule.js';

/** Label types of hadolint's `label-schema` (`text` and `""` mean free text). */
export type LabelType = 'text' | 'url' | 'semver' | 'hash' | 'rfc3339' | 'spdx' | 'email';

/**
 * A rule that checks the value of every label of one schema type (DL3052–DL3058): one finding per
 * LABEL instruction that sets such a label to a value failing `isValid`, for each label of that
 * type (hadolint builds one rule per label). ONBUILD LABEL is not looked at, as in hadolint.
 */
export function labelFormatRule(
  code: string,
  level: Level,
  type: LabelType,
  isValid: (value: string) => boolean,
  says: string,
): Rule {
  return { code, level, message: `Label \`<label>\` ${says}`, check: over(badLabels(type, isValid, says)) };
}

function badLabels(type: LabelType, isValid: (value: string) => boolean, says: string): Fold {
  return (instructions, _dockerfile, { settings }) => {
    const schema = settings.labelSchema;
    const labels = Object.keys(schema).filter((label) => schema[label] === type);
    return labelHits(instructions, labels, isValid, (label) => `Label \`${label}\` ${says}`);
  };
}

/** One hit per LABEL instruction setting one of `labels` to a value failing `isValid`, label by label. */
export function labelHits(
  instructions: readonly Instruction[],
  labels: readonly string[],
  isValid: (value: string) => boolean,
  message: (label: string) => string,
): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const label of labels) {
    for (const instruction of instructions) {
      if (instruction.keyword !== 'LABEL') continue;
      if (instruction.pairs.some((p) => p.key === label && !isValid(p.value ?? ''))) {
        hits.push({ line: instruction.line, message: message(label) });
      }
    }
  }
  return hits;
}
