import type { Dockerfile, Instruction } from './types.js';

/**
 * Where an instruction's meaning comes from, line by line: its own lines, and for every image it
 * names, each global ARG declaration its reference depends on (the model's record of its
 * expansion: ARG defaults that use other ARGs included). A pull request that edits only
 * `ARG BASE=…` changes what `FROM ${BASE}` pulls, so the finding on that FROM counts as changed
 * (SPEC §5), and an approval of it covers it only as it resolved then. Pure.
 */
export function linesFeeding(dockerfile: Dockerfile, instruction: Instruction): number[] {
  const lines = new Set<number>();
  for (let line = instruction.span.line; line <= instruction.span.endLine; line++) lines.add(line);
  const args = new Set(dockerfile.images.filter((use) => use.line === instruction.line).flatMap((use) => use.provenance?.args ?? use.argNames));
  for (const arg of dockerfile.globalArgs) {
    if (!arg.pairs.some((pair) => args.has(pair.key))) continue;
    for (let line = arg.span.line; line <= arg.span.endLine; line++) lines.add(line);
  }
  return [...lines].sort((a, b) => a - b);
}

/** What an image-naming instruction resolves to (`node:20.11.1-alpine`), for binding approvals to it. */
export function resolvedImages(dockerfile: Dockerfile, instruction: Instruction): string[] {
  return dockerfile.images.filter((use) => use.line === instruction.line).map((use) => use.expanded ?? `${use.raw} (unresolved)`);
}
