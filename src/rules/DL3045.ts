import type { Rule, RuleHit } from './rule.js';
import { dropQuotes, fromAlias, fromImageName, rawWords } from './lib/batch-c.js';

/**
 * hadolint DL3045: a relative COPY destination depends on a WORKDIR the base image may change.
 * WORKDIR counts for its stage and for stages built FROM it.
 */
export const DL3045: Rule = {
  code: 'DL3045',
  level: 'warning',
  message: '`COPY` to a relative destination without `WORKDIR` set.',
  check(dockerfile) {
    const hits: RuleHit[] = [];
    let started = false;
    let current: string | null = null;
    const workdirSet = new Map<string | null, boolean>();
    for (const instruction of dockerfile.instructions) {
      if (instruction.keyword === 'FROM') {
        const image = fromImageName(instruction);
        const stage = fromAlias(instruction) ?? image;
        if (started) workdirSet.set(stage, workdirSet.get(image) ?? false);
        started = true;
        current = stage;
      } else if (instruction.keyword === 'WORKDIR') {
        workdirSet.set(current, true);
        started = true;
      } else if (instruction.keyword === 'COPY') {
        if (started && workdirSet.get(current) === true) continue;
        const words = instruction.json ?? rawWords(instruction);
        const dest = dropQuotes(words[words.length - 1] ?? '');
        if (!isAbsoluteOrVariable(dest)) hits.push({ line: instruction.line });
      }
    }
    return hits;
  },
};

/** `/x`, `c:\x`, `c:/x`, or `$VAR` (whose value is unknown). */
function isAbsoluteOrVariable(dest: string): boolean {
  const afterDrive = dest.slice(1);
  return dest.startsWith('/') || afterDrive.startsWith(':\\') || afterDrive.startsWith(':/') || dest.startsWith('$');
}
