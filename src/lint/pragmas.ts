import type { Finding } from '../findings.js';
import type { Dockerfile } from '../dockerfile/types.js';
import type { LintSettings } from './settings.js';

/**
 * hadolint's inline pragmas (`# hadolint ignore=DL3008`, `global ignore=`, `stage ignore=`,
 * `shell=`), read exactly as hadolint's Pragma.hs grammar reads them, with two extensions:
 * `plimsoll` may stand for `hadolint`, and rule names may be PL codes or BuildKit's check names.
 * Comment text is what follows `#` (leading blanks kept).
 */
export type Pragma =
  | { kind: 'ignore' | 'global' | 'stage'; rules: string[] }
  | { kind: 'shell'; shell: string };

const PRAGMA_WORDS = ['hadolint', 'plimsoll'];
/**
 * hadolint allows only `D L S C 0-9` in a rule name; `P` is added for PL codes, and a name of
 * letters only that starts upper-case is one of BuildKit's (`FromAsCasing`). Any other run of
 * letters and digits fails the pragma, as hadolint fails on the first character it does not allow.
 */
const NAME_RUN = /[A-Za-z0-9]/;
const HADOLINT_NAME = /^[DLSCP0-9]+$/;
const BUILDKIT_NAME = /^[A-Z][A-Za-z]+$/;

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

function skipBlanks(text: string, at: number): number {
  while (isBlank(text[at])) at++;
  return at;
}

/** `spaces1`: at least one blank, or -1. */
function skipBlanks1(text: string, at: number): number {
  const end = skipBlanks(text, at);
  return end > at ? end : -1;
}

/** `spaces ( "#" rest-of-line )?`: a trailing comment swallows the rest of the line. */
function skipInlineComment(text: string, at: number): number {
  const end = skipBlanks(text, at);
  return text[end] === '#' ? text.length : end;
}

/** `"ignore" spaces "=" spaces ruleList`, which must reach the end of the text. */
function parseIgnoreList(text: string, at: number): string[] | null {
  if (!text.startsWith('ignore', at)) return null;
  at = skipBlanks(text, at + 'ignore'.length);
  if (text[at] !== '=') return null;
  at = skipBlanks(text, at + 1);

  const rules: string[] = [];
  for (;;) {
    let end = at;
    while (end < text.length && NAME_RUN.test(text[end]!)) end++;
    const name = text.slice(at, end);
    // A separator that consumed a comma but found no name fails the whole pragma (sepBy1).
    if (!HADOLINT_NAME.test(name) && !BUILDKIT_NAME.test(name)) return null;
    rules.push(name);
    at = skipInlineComment(text, end);
    const comma = skipBlanks(text, at);
    if (text[comma] !== ',') break;
    at = skipBlanks(text, comma + 1);
  }
  return at === text.length ? rules : null;
}

/** Parse one comment's text as a pragma; null when it is not one (then it has no effect). */
export function parsePragma(commentText: string): Pragma | null {
  // A CRLF file may hand us the `\r`; it is a line ending, not part of the pragma.
  const text = commentText.endsWith('\r') ? commentText.slice(0, -1) : commentText;
  let at = skipBlanks(text, 0);
  const word = PRAGMA_WORDS.find((candidate) => text.startsWith(candidate, at));
  if (word === undefined) return null;
  at = skipBlanks1(text, at + word.length);
  if (at < 0) return null;

  for (const kind of ['global', 'stage'] as const) {
    if (text.startsWith(kind, at)) {
      const next = skipBlanks1(text, at + kind.length);
      const rules = next < 0 ? null : parseIgnoreList(text, next);
      return rules === null ? null : { kind, rules };
    }
  }
  if (text.startsWith('shell', at)) return parseShellPragma(text, at + 'shell'.length);
  const rules = parseIgnoreList(text, at);
  return rules === null ? null : { kind: 'ignore', rules };
}

function parseShellPragma(text: string, at: number): Pragma | null {
  at = skipBlanks(text, at);
  if (text[at] !== '=') return null;
  at = skipBlanks(text, at + 1);
  let end = at;
  while (end < text.length && !isBlank(text[end])) end++;
  if (end === at) return null;
  const shell = text.slice(at, end);
  return skipInlineComment(text, end) === text.length ? { kind: 'shell', shell } : null;
}

/** The rules of an inline `ignore=` pragma (what DL1001 flags), or null. */
export function parseIgnorePragma(commentText: string): string[] | null {
  const pragma = parsePragma(commentText);
  return pragma?.kind === 'ignore' ? pragma.rules : null;
}

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
