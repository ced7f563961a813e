import type { Dockerfile, Instruction } from '../types.js';

/** Value of an instruction flag (`--from=x` gives `x`, a bare `--link` gives `''`); null when absent. */
export function flagValue(instruction: Instruction, name: string): string | null {
  for (const flag of instruction.flags) if (flag.name === name) return flag.value ?? '';
  return null;
}

/**
 * The paths of a COPY or ADD as language-docker reads them (sources, then the destination): the
 * exec form's strings, or the words after the flags split at blanks, quotes and backslashes kept
 * (`build\app.tar`, `"my file"` stays two words).
 */
export function copyPaths(instruction: Instruction): readonly string[] {
  if (instruction.json) return instruction.json;
  const words = instruction.argsText.split(/\s+/);
  let first = 0;
  while (first < words.length && (words[first] === '' || words[first]!.startsWith('--'))) first++;
  return words.slice(first).filter((word) => word !== '');
}

/**
 * The triggers of every `ONBUILD`, in order, each reported on its ONBUILD's line. hadolint's
 * `rule <> onbuild rule` runs a rule a second time, with fresh state, over these alone.
 */
export function onbuildTriggers(dockerfile: Dockerfile): readonly Instruction[] {
  const triggers: Instruction[] = [];
  for (const instruction of dockerfile.instructions) {
    if (instruction.keyword === 'ONBUILD' && instruction.trigger) triggers.push(instruction.trigger);
  }
  return triggers;
}
