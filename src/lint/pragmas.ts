import type { Finding } from '../findings.js';
import type { Dockerfile } from '../dockerfile/types.js';
import { parsePragma, type Pragma } from '../dockerfile/pragmas.js';
import type { LintSettings } from '../rules/settings.js';

/*
 * hadolint's ignore pragmas applied to findings (Process.shouldKeep); their grammar is
 * ../dockerfile/pragmas.ts.
 */

interface IgnoreTables {
  /** Instruction start line -> codes ignored there (pragma on the line above). */
  byLine: Map<number, Set<string>>;
  /** Codes ignored in the whole file. */
  global: Set<string>;
  /** Stage-pragma keys in ascending order: the entry with the largest key < line applies. */
  stageKeys: number[];
  stageRules: Map<number, Set<string>>;
}

/** The ignore tables of a file, or null when it has no ignore pragma. */
function buildIgnoreTables(dockerfile: Dockerfile): IgnoreTables | null {
  const byLine = new Map<number, Set<string>>();
  const global = new Set<string>();
  const stageRules = new Map<number, Set<string>>();

  // hadolint folds comments and FROMs in source order: a FROM opens an empty stage entry unless a
  // stage pragma directly above it already claimed its line.
  const events: Array<{ line: number; pragma: Pragma | null }> = [
    ...dockerfile.comments.map((comment) => ({ line: comment.line, pragma: parsePragma(comment.text) })),
    ...dockerfile.stages.map((stage) => ({ line: stage.from.line, pragma: null })),
  ].sort((a, b) => a.line - b.line);

  let anyIgnore = false;
  for (const { line, pragma } of events) {
    if (pragma !== null && pragma.kind !== 'shell') anyIgnore = true;
    if (pragma === null) {
      if (!stageRules.has(line)) stageRules.set(line, new Set());
    } else if (pragma.kind === 'ignore') {
      byLine.set(line + 1, new Set(pragma.rules));
    } else if (pragma.kind === 'global') {
      for (const rule of pragma.rules) global.add(rule);
    } else if (pragma.kind === 'stage') {
      stageRules.set(line + 1, new Set(pragma.rules));
    }
  }
  if (!anyIgnore) return null;
  const stageKeys = [...stageRules.keys()].sort((a, b) => a - b);
  return { byLine, global, stageKeys, stageRules };
}

/** Start line of the instruction that covers each line, so a finding reported inside a
 *  multi-line instruction is still covered by the pragma above the instruction. */
function instructionStartLines(dockerfile: Dockerfile): Map<number, number> {
  const starts = new Map<number, number>();
  for (const instruction of dockerfile.instructions) {
    for (let line = instruction.span.line; line <= instruction.span.endLine; line++) {
      starts.set(line, instruction.line);
    }
  }
  return starts;
}

function stageIgnores(tables: IgnoreTables, line: number): Set<string> | undefined {
  let key: number | undefined;
  for (const candidate of tables.stageKeys) {
    if (candidate >= line) break;
    key = candidate;
  }
  return key === undefined ? undefined : tables.stageRules.get(key);
}

/** Appended to the message of a finding an inline pragma may not waive. */
export const IGNORED_INLINE_NOTE = 'ignored inline, needs ops approval';

/**
 * Drop findings silenced by ignore pragmas (hadolint's Process.shouldKeep). Runs after the rules
 * and the level overrides; `disableIgnorePragma` keeps everything. Governance is not the
 * developer's to waive: where a policy applies, a PL code the policy's `inline-ignore` does not
 * name stays, marked as ignored inline, and counts like any other finding.
 */
export function applyPragmas(findings: Finding[], dockerfile: Dockerfile, settings: LintSettings): Finding[] {
  if (settings.disableIgnorePragma || dockerfile.comments.length === 0) return findings;
  const tables = buildIgnoreTables(dockerfile);
  if (tables === null) return findings;
  const starts = instructionStartLines(dockerfile);
  const waivable = (code: string) => settings.inlineIgnorablePL === null || !code.startsWith('PL') || settings.inlineIgnorablePL.includes(code);

  const kept: Finding[] = [];
  for (const finding of findings) {
    const line = starts.get(finding.line) ?? finding.line;
    const ignored = tables.global.has(finding.code) || tables.byLine.get(line)?.has(finding.code) === true || stageIgnores(tables, line)?.has(finding.code) === true;
    if (!ignored) kept.push(finding);
    else if (!waivable(finding.code)) kept.push({ ...finding, message: `${finding.message} (${IGNORED_INLINE_NOTE})`, ignoredInline: true });
  }
  return kept;
}
