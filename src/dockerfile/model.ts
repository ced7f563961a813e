import {
  DockerfileParser,
  type Instruction as AstInstruction,
  type Property,
} from 'dockerfile-ast';
import type { Range as AstRange } from 'vscode-languageserver-types';
import { expandVariables, hasVariables, type ArgValues } from './expand.js';
import { parseImageReference } from './reference.js';
import './ast-arguments.js';
import { parseShell } from './shell.js';
import type {
  ArgSource,
  Comment,
  Dockerfile,
  Flag,
  Heredoc,
  ImageUse,
  Instruction,
  KeyValue,
  ParsedShell,
  ParseProblem,
  Span,
  Stage,
  Word,
} from './types.js';

/**
 * Text -> Dockerfile model. dockerfile-ast splits instructions and gives positions; this module
 * adds what Docker does on top: directives, comment handling inside continuations, ARG scoping and
 * substitution in FROM, stage references, image references, exec form, heredoc bodies, shells.
 */

export const KNOWN_INSTRUCTIONS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/** ARGs BuildKit defines in the global scope; unknown at lint time but declared. */
const PLATFORM_ARGS = [
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
];

const DIRECTIVE_LINE = /^#[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const SHELL_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

class Positions {
  private readonly lineStarts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }
  offset(line0: number, character: number): number {
    const start = this.lineStarts[line0] ?? this.text.length;
    return Math.min(start + character, this.text.length);
  }
  span(range: AstRange): Span {
    return {
      line: range.start.line + 1,
      column: range.start.character + 1,
      endLine: range.end.line + 1,
      endColumn: range.end.character + 1,
      start: this.offset(range.start.line, range.start.character),
      end: this.offset(range.end.line, range.end.character),
    };
  }
  textOf(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
  lineText(line0: number): string {
    const start = this.lineStarts[line0];
    if (start === undefined) return '';
    const next = this.lineStarts[line0 + 1];
    return this.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '');
  }
  get lineCount(): number {
    return this.lineStarts.length;
  }
}

function readDirectives(lines: (i: number) => string, count: number): Record<string, string> {
  const directives: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const match = DIRECTIVE_LINE.exec(lines(i));
    if (!match) break;
    const name = match[1]!.toLowerCase();
    if (!KNOWN_DIRECTIVES.has(name) || name in directives) break;
    directives[name] = match[2]!;
  }
  return directives;
}

/** Arguments text of an instruction: continuations joined, inner comment lines dropped. */
function joinArguments(
  positions: Positions,
  firstLine0: number,
  firstColumn: number,
  lastLine0: number,
  escape: string,
): string {
  let out = '';
  for (let line0 = firstLine0; line0 <= lastLine0; line0++) {
    let text = positions.lineText(line0);
    if (line0 === firstLine0) text = text.slice(firstColumn);
    else if (/^\s*#/.test(text) || text.trim() === '') continue;
    const trimmed = text.replace(/[ \t]+$/, '');
    if (line0 < lastLine0 && trimmed.endsWith(escape)) out += trimmed.slice(0, -1);
    else {
      out += text;
      if (line0 < lastLine0) out += '\n';
    }
  }
  return out.trim();
}

function parseExecForm(args: string): string[] | null {
  if (!args.startsWith('[')) return null;
  try {
    const value: unknown = JSON.parse(args);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
  } catch {
    return null;
  }
}

interface Built {
  instruction: Instruction;
  ast: AstInstruction;
}

export function parseDockerfile(path: string, input: string): Dockerfile {
  const hadBom = input.charCodeAt(0) === 0xfeff;
  const text = hadBom ? input.slice(1) : input;
  const positions = new Positions(text);
  const directives = readDirectives((i) => positions.lineText(i), Math.min(positions.lineCount, 50));
  const escape = directives.escape === '`' ? '`' : '\\';
  const problems: ParseProblem[] = [];
  if (directives.escape !== undefined && directives.escape !== '`' && directives.escape !== '\\') {
    problems.push({ line: 1, column: 1, message: `invalid escape directive "${directives.escape}": must be \` or \\` });
  }

  const ast = DockerfileParser.parse(text);
  const built: Built[] = [];
  let stageIndex = -1;
  for (const node of ast.getInstructions()) {
    const instruction = buildInstruction(node, positions, escape, stageIndex, problems);
    if (instruction.keyword === 'FROM') instruction.stageIndex = ++stageIndex;
    built.push({ instruction, ast: node });
  }
  const instructions = built.map((b) => b.instruction);

  const covered = new Set<number>();
  for (const i of instructions) for (let l = i.span.line; l <= i.span.endLine; l++) covered.add(l);
  const comments: Comment[] = [];
  for (let line0 = 0; line0 < positions.lineCount; line0++) {
    if (covered.has(line0 + 1)) continue;
    const lineText = positions.lineText(line0);
    const match = /^[ \t]*#(.*)$/.exec(lineText);
    if (match) comments.push({ line: line0 + 1, text: match[1]! });
  }

  const firstFrom = instructions.findIndex((i) => i.keyword === 'FROM');
  const globalArgs = instructions.slice(0, firstFrom === -1 ? instructions.length : firstFrom)
    .filter((i) => i.keyword === 'ARG');
  const { stages, images } = buildStages(instructions, globalArgs, escape);
  const syntax = syntaxImage(positions, directives);
  if (syntax) images.unshift(syntax);

  return {
    path,
    text,
    hadBom,
    lineEnding: text.includes('\r\n') ? '\r\n' : '\n',
    escape,
    directives,
    instructions,
    comments,
    globalArgs,
    stages,
    images,
    problems,
  };
}

function buildInstruction(
  node: AstInstruction,
  positions: Positions,
  escape: string,
  stageIndex: number,
  problems: ParseProblem[],
): Instruction {
  const keywordText = node.getInstruction();
  const keyword = keywordText.toUpperCase();
  const span = positions.span(node.getRange());
  const keywordRange = node.getInstructionRange();
  // A heredoc needs `<<`; dockerfile-ast's search for one is costly, so look only where it can be.
  const heredocs = positions.textOf(span).includes('<<') ? readHeredocs(node, positions, problems) : [];
  const firstBodyLine = heredocs.length > 0 ? Math.min(...heredocs.map((h) => h.bodyLine)) : null;
  const lastArgLine0 = firstBodyLine !== null ? firstBodyLine - 2 : span.endLine - 1;
  const argsText = joinArguments(positions, keywordRange.start.line, keywordRange.end.character, lastArgLine0, escape);

  const rawFlags = (node as unknown as { getFlags?: () => Array<{ getName(): string; getValue(): string | null; getRange(): AstRange }> }).getFlags?.() ?? [];
  const flags: Flag[] = rawFlags.map((f) => ({ name: f.getName(), value: f.getValue(), span: positions.span(f.getRange()) }));
  const readWords = (): Word[] =>
    node
      .getArguments()
      .map((a) => ({ value: a.getValue(), span: positions.span(a.getRange()) }))
      .filter((w) => firstBodyLine === null || w.span.line < firstBodyLine);
  const argsForJson = flags.length > 0 ? stripFlags(argsText) : argsText;

  if (!KNOWN_INSTRUCTIONS.has(keyword)) {
    problems.push({ line: span.line, column: span.column, message: `unknown instruction: ${keywordText}` });
  } else if (argsText === '' && heredocs.length === 0) {
    problems.push({ line: span.line, column: span.column, message: `${keyword} requires at least one argument` });
  }

  const json = EXEC_FORM.has(keyword) ? parseExecForm(argsForJson) : null;
  const instruction = new ModelInstruction(keyword, keywordText, span, argsText, flags, json, heredocs, stageIndex, readWords);
  instruction.pairs = readPairs(node, keyword, () => instruction.words, positions);
  if (keyword === 'ONBUILD') {
    const trigger = (node as unknown as { getTriggerInstruction?: () => AstInstruction | null }).getTriggerInstruction?.();
    if (trigger) {
      instruction.trigger = buildInstruction(trigger, positions, escape, stageIndex, []);
      instruction.trigger.line = instruction.line; // hadolint reports a trigger on its ONBUILD's line
    }
  }
  return instruction;
}

const EXEC_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK', 'ADD', 'COPY', 'VOLUME']);

/**
 * An instruction of the model. Its words and its shell are read on first use (most rules never ask
 * a RUN for its words); both live in fields of one class so every instruction keeps one shape.
 */
class ModelInstruction implements Instruction {
  line: number;
  pairs: KeyValue[] = [];
  trigger: Instruction | null = null;
  #words: Word[] | undefined = undefined;
  #shell: ParsedShell | null | undefined = undefined;

  constructor(
    readonly keyword: string,
    readonly keywordText: string,
    readonly span: Span,
    readonly argsText: string,
    readonly flags: Flag[],
    readonly json: string[] | null,
    readonly heredocs: Heredoc[],
    public stageIndex: number,
    private readonly readWords: () => Word[],
  ) {
    this.line = span.line;
  }

  get words(): Word[] {
    return (this.#words ??= this.readWords());
  }

  shell(): ParsedShell | null {
    if (this.#shell === undefined) this.#shell = shellOf(this);
    return this.#shell;
  }
}

/** Remove leading `--flag[=value]` words from an arguments text. */
function stripFlags(args: string): string {
  return args.replace(/^(?:--\S+\s*)+/, '');
}

function readHeredocs(node: AstInstruction, positions: Positions, problems: ParseProblem[]): Heredoc[] {
  const getter = (node as unknown as { getHeredocs?: () => ReturnType<AstInstruction['getHeredocs']> }).getHeredocs;
  if (!getter) return [];
  const heredocs: Heredoc[] = [];
  for (const h of getter.call(node)) {
    const content = h.getContentRange();
    const delimiter = h.getDelimiterRange();
    const start = h.getStartRange();
    if (!delimiter) {
      problems.push({
        line: start.start.line + 1,
        column: start.start.character + 1,
        message: `unterminated heredoc: no line "${h.getName()}" closes it`,
      });
    }
    const bodyLine = content ? content.start.line + 1 : (delimiter ? delimiter.start.line + 1 : start.end.line + 2);
    const body = content ? textBetween(positions, content) : '';
    heredocs.push({ delimiter: h.getName(), body, bodyLine });
  }
  return heredocs;
}

function textBetween(positions: Positions, range: AstRange): string {
  const lines: string[] = [];
  for (let l = range.start.line; l <= range.end.line; l++) lines.push(positions.lineText(l));
  return lines.join('\n');
}

function readPairs(node: AstInstruction, keyword: string, words: () => Word[], positions: Positions): KeyValue[] {
  if (keyword === 'ENV' || keyword === 'LABEL') {
    const props = (node as unknown as { getProperties(): Property[] }).getProperties();
    return props.map((p) => {
      const valueRange = p.getValueRange();
      const valueSpan = valueRange ? positions.span(valueRange) : null;
      return {
        key: p.getName(),
        value: p.getValue() === null ? null : unquote(p.getValue()!),
        rawValue: valueSpan ? positions.textOf(valueSpan) : null,
        span: positions.span(p.getRange()),
        valueSpan,
      };
    });
  }
  if (keyword === 'ARG') {
    return words().map((w) => {
      const eq = w.value.indexOf('=');
      if (eq === -1) return { key: w.value, value: null, rawValue: null, span: w.span, valueSpan: null };
      const rawValue = w.value.slice(eq + 1);
      return {
        key: w.value.slice(0, eq),
        value: unquote(rawValue),
        rawValue,
        span: w.span,
        valueSpan: { ...w.span, column: w.span.column + eq + 1, start: w.span.start + eq + 1 },
      };
    });
  }
  return [];
}

/** Remove one level of shell-style quoting from a value. */
export function unquote(value: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < value.length) out += value[++i];
      else out += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\' && i + 1 < value.length) out += value[++i];
    else out += c;
  }
  return out;
}

/** The script a RUN / CMD / ENTRYPOINT shell form hands to /bin/sh -c. */
function shellOf(instruction: Instruction): ParsedShell | null {
  const target = instruction.keyword === 'ONBUILD' ? instruction.trigger : instruction;
  if (!target || !SHELL_FORM.has(target.keyword) || target.json) return null;
  let script = stripFlags(target.argsText);
  if (target.heredocs.length > 0) {
    // `RUN <<EOF` runs the body as the script; `RUN cmd <<EOF` feeds it to cmd.
    const command = script.replace(/<<-?\s*(["']?)[A-Za-z0-9_.-]+\1/g, '').trim();
    const shellCommand = /^(?:\/bin\/|\/usr\/bin\/)?(?:ba|da|a|z)?sh\b(?:\s+-\w+)*\s*$/.test(command);
    const bodies = target.heredocs.map((h) => h.body).join('\n');
    script = command === '' || shellCommand ? bodies : `${command}`;
  }
  return parseShell(script);
}

function buildStages(instructions: Instruction[], globalArgs: Instruction[], escape: string): {
  stages: Stage[];
  images: ImageUse[];
} {
  const globals = new Map<string, string | null>();
  const globalSource = new Map<string, ArgSource>();
  for (const name of PLATFORM_ARGS) globals.set(name, null);
  for (const arg of globalArgs) {
    for (const pair of arg.pairs) {
      // A later ARG with a default wins; a redeclaration without one keeps the earlier default.
      const value = pair.value === null ? null : expandVariables(pair.value, globals, escape).value;
      if (pair.value !== null || !globals.has(pair.key) || PLATFORM_ARGS.includes(pair.key)) globals.set(pair.key, value);
      globalSource.set(pair.key, { name: pair.key, line: arg.line, rawValue: pair.rawValue, valueSpan: pair.valueSpan });
    }
  }

  const stages: Stage[] = [];
  const images: ImageUse[] = [];
  let current: Stage | null = null;
  let stageArgs = new Map<string, string | null>();

  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const image = resolveFrom(instruction, stages, globals, globalSource, escape);
      const nameWord = instruction.words[1]?.value.toLowerCase() === 'as' ? instruction.words[2] : undefined;
      current = { index: stages.length, name: nameWord?.value ?? null, from: instruction, image, instructions: [instruction] };
      image.stageName = current.name;
      stages.push(current);
      images.push(image);
      stageArgs = new Map();
      continue;
    }
    if (!current) continue;
    current.instructions.push(instruction);
    if (instruction.keyword === 'ARG') {
      // Inside a stage, `ARG NAME` without default takes the global default (Docker scoping).
      for (const pair of instruction.pairs) {
        stageArgs.set(pair.key, pair.value ?? (globals.get(pair.key) ?? null));
      }
    }
    const scope = new Map([...stageArgs]);
    for (const flag of instruction.flags) {
      if (instruction.keyword === 'COPY' && flag.name === 'from' && flag.value) {
        const use = resolveReference(flag.value, 'copy-from', instruction, flag.span, current, stages, scope, escape);
        if (use) images.push(use);
      }
      if (instruction.keyword === 'RUN' && flag.name === 'mount' && flag.value) {
        const from = /(?:^|,)from=([^,]+)/.exec(flag.value)?.[1];
        if (from) {
          const use = resolveReference(from, 'mount-from', instruction, flag.span, current, stages, scope, escape);
          if (use) images.push(use);
        }
      }
    }
  }
  return { stages, images };
}

/** The `# syntax=` directive's image: BuildKit pulls the frontend it names and runs the build with it. */
function syntaxImage(positions: Positions, directives: Record<string, string>): ImageUse | null {
  const raw = directives.syntax;
  if (raw === undefined || raw === '') return null;
  for (let line0 = 0; line0 < positions.lineCount; line0++) {
    const match = DIRECTIVE_LINE.exec(positions.lineText(line0));
    if (!match) break; // directives end at the first other line
    if (match[1]!.toLowerCase() !== 'syntax') continue;
    const column0 = match[0].length - match[0].slice(match[0].indexOf('=') + 1).trimStart().length;
    const start = positions.offset(line0, column0);
    const span: Span = { line: line0 + 1, column: column0 + 1, endLine: line0 + 1, endColumn: column0 + 1 + raw.length, start, end: start + raw.length };
    const ref = parseImageReference(raw);
    return {
      source: 'syntax', stage: -1, stageName: null, line: span.line, column: span.column, raw, expanded: raw,
      kind: ref ? 'image' : 'unresolved', ref, platform: null, fromArg: null, argNames: [], stageRef: null, span,
    };
  }
  return null;
}

function findStage(name: string, stages: Stage[]): Stage | undefined {
  const lower = name.toLowerCase();
  if (/^\d+$/.test(name)) return stages[Number(name)];
  return stages.find((s) => s.name?.toLowerCase() === lower);
}

/** `base-${TARGETARCH}` names a stage when it can only expand to stage names. */
function matchesStagePattern(raw: string, stages: Stage[]): Stage | undefined {
  // A bare `${BASE}` could be anything: only a pattern with literal text names stages.
  if (raw.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '') === '') return undefined;
  const pattern = raw
    .split(/(\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*)/)
    .map((part, i) => (i % 2 === 1 ? '.+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${pattern}$`, 'i');
  return stages.find((s) => s.name !== null && regex.test(s.name));
}

function resolveFrom(
  from: Instruction,
  stages: Stage[],
  globals: ArgValues,
  globalSource: Map<string, ArgSource>,
  escape: string,
): ImageUse {
  const word = from.words[0];
  const raw = word?.value ?? '';
  const platform = from.flags.find((f) => f.name === 'platform')?.value ?? null;
  const expansion = expandVariables(raw, globals, escape);
  const argNames = expansion.names;
  const fromArg = argNames.map((n) => globalSource.get(n)).find((s) => s !== undefined) ?? null;
  const base = {
    source: 'from' as const,
    stage: stages.length,
    stageName: null,
    line: from.line,
    column: word?.span.column ?? from.span.column,
    raw,
    expanded: expansion.value,
    platform,
    fromArg,
    argNames,
    span: word?.span ?? from.span,
  };
  const expanded = expansion.value;
  if (expanded === null || expanded === '') {
    const stage = hasVariables(raw) ? matchesStagePattern(raw, stages) : undefined;
    if (stage) return { ...base, kind: 'stage', ref: null, stageRef: stage.index };
    return { ...base, kind: 'unresolved', ref: null, stageRef: null };
  }
  if (expanded.toLowerCase() === 'scratch') return { ...base, kind: 'scratch', ref: null, stageRef: null };
  const stage = stages.find((s) => s.name !== null && s.name.toLowerCase() === expanded.toLowerCase());
  if (stage) return { ...base, kind: 'stage', ref: null, stageRef: stage.index };
  const ref = parseImageReference(expanded);
  return { ...base, kind: ref ? 'image' : 'unresolved', ref, stageRef: null };
}

function resolveReference(
  value: string,
  source: 'copy-from' | 'mount-from',
  instruction: Instruction,
  span: Span,
  current: Stage,
  stages: Stage[],
  scope: ArgValues,
  escape: string,
): ImageUse | null {
  const expansion = expandVariables(value, scope, escape);
  const expanded = expansion.value;
  const base = {
    source,
    stage: current.index,
    stageName: current.name,
    line: instruction.line,
    column: span.column,
    raw: value,
    expanded,
    platform: null,
    fromArg: null,
    argNames: expansion.names,
    span,
  };
  if (expanded === null || expanded === '') {
    const stage = hasVariables(value) ? matchesStagePattern(value, stages) : undefined;
    if (stage) return { ...base, kind: 'stage', ref: null, stageRef: stage.index };
    return { ...base, kind: 'unresolved', ref: null, stageRef: null };
  }
  const stage = findStage(expanded, stages);
  if (stage) return { ...base, kind: 'stage', ref: null, stageRef: stage.index };
  if (expanded.toLowerCase() === 'scratch') return { ...base, kind: 'scratch', ref: null, stageRef: null };
  const ref = parseImageReference(expanded);
  return { ...base, kind: ref ? 'image' : 'unresolved', ref, stageRef: null };
}
