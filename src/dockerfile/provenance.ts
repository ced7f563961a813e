import type { Dockerfile, Instruction } from './types.js';

/**
 * Where an instruction's meaning comes from, line by line: its own lines, and for every image it
 * names, each global ARG declaration its reference expands (ARG defaults that use other ARGs
 * included). A pull request that edits only `ARG BASE=…` changes what `FROM ${BASE}` pulls, so the
 * finding on that FROM counts as changed (SPEC §5), and an approval of it covers it only as it
 * resolved then. Pure.
 */
export function linesFeeding(dockerfile: Dockerfile, instruction: Instruction): number[] {
  const lines = new Set<number>();
  for (let line = instruction.span.line; line <= instruction.span.endLine; line++) lines.add(line);
  const names = dockerfile.images.filter((use) => use.line === instruction.line).flatMap((use) => use.argNames);
  for (const arg of globalArgsFeeding(dockerfile, names)) {
    for (let line = arg.span.line; line <= arg.span.endLine; line++) lines.add(line);
  }
  return [...lines].sort((a, b) => a - b);
}

/** The global ARG instructions that declare `names`, and those their defaults refer to, transitively. */
function globalArgsFeeding(dockerfile: Dockerfile, names: readonly string[]): Instruction[] {
  const found = new Set<Instruction>();
  const pending = [...names];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const arg of dockerfile.globalArgs) {
      for (const pair of arg.pairs) {
        if (pair.key !== name) continue;
        found.add(arg);
        for (const used of (pair.rawValue ?? '').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) pending.push(used[1]!);
      }
    }
  }
  return [...found];
}

/** What an image-naming instruction resolves to (`node:20.11.1-alpine`), for binding approvals to it. */
export function resolvedImages(dockerfile: Dockerfile, instruction: Instruction): string[] {
  return dockerfile.images.filter((use) => use.line === instruction.line).map((use) => use.expanded ?? `${use.raw} (unresolved)`);
}
