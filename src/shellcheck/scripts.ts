import type { Dockerfile, Instruction } from '../dockerfile/types.js';
import { parsePragma } from '../lint/pragmas.js';

/**
 * The scripts hadolint hands to ShellCheck, built as hadolint's `Rule/Shellcheck.hs` and
 * `Shell.hs` build them (read on hadolint master), so SC findings match hadolint's:
 * - every shell-form RUN (exec form is not a script), and every shell-form `ONBUILD RUN`;
 * - the script is the RUN's arguments as hadolint's parser (language-docker) reads them: flags
 *   `--mount`/`--network`/`--security` dropped, line continuations joined into one line (a
 *   continuation followed by indentation becomes one space, comment and blank lines inside it
 *   vanish); a RUN that starts with a heredoc runs its body, a command fed by a heredoc
 *   (`RUN python3 <<EOF`) is the command alone;
 * - ShellCheck reads `#!<first word of the shell>`, then `export NAME=1` for every ARG and ENV
 *   name in scope (and the proxy variables Docker predefines), then the script;
 * - the shell is `/bin/sh -c` until a `SHELL` instruction or a `# hadolint shell=` pragma changes
 *   it; a FROM starts over with the default, unless it builds on an earlier stage by name
 *   (`FROM base`), whose shell and variables it inherits. A pragma before any FROM/ARG/ENV/SHELL
 *   sets the default of every stage;
 * - ONBUILD triggers are checked on their own, as hadolint's `onbuild` combinator does: only other
 *   ONBUILD ARG/ENV/SHELL triggers feed their scope;
 * - no check when the shell names pwsh, powershell or cmd, or when the script starts with a `#!`
 *   line other than sh, bash or ksh.
 */

/** One script to check, with what is needed to place ShellCheck's findings in the Dockerfile. */
export interface ShellCheckScript {
  /** First line of the RUN (or ONBUILD) instruction: where hadolint reports every SC finding. */
  line: number;
  /** The shell given to ShellCheck on the `#!` line. */
  shell: string;
  /** Names exported before the script, sorted (ARG/ENV in scope and Docker's proxy variables). */
  variables: string[];
  /** The script itself, as hadolint reads it. */
  text: string;
  /**
   * Where pieces of `text` sit in the Dockerfile: triples of (offset in `text`, line, column),
   * by offset; each piece runs on until the next. Lines and columns are 1-based.
   */
  places: number[];
}

const DEFAULT_SHELL = '/bin/sh -c';
/** Variables Docker predefines for every build (hadolint's defaultShellOpts). */
const DEFAULT_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];
const NON_POSIX_SHELLS = ['pwsh', 'powershell', 'cmd'];
const SUPPORTED_SHEBANGS = ['#!/bin/sh', '#!/bin/bash', '#!/bin/ksh', '#!/usr/bin/env sh', '#!/usr/bin/env bash', '#!/usr/bin/env ksh'];
/** The RUN flags hadolint's parser knows; any other flag stays in the script, as there. */
const RUN_FLAG = /^--(?:mount|network|security)=\S*/;

interface Options {
  shell: string;
  variables: ReadonlySet<string>;
}

const defaultOptions = (): Options => ({ shell: DEFAULT_SHELL, variables: new Set(DEFAULT_VARIABLES) });

/** hadolint's `Acc`: the options in force, the default for new stages, and each stage's options. */
interface Scope {
  current: Options;
  defaults: Options;
  stage: number;
  stageOptions: Map<number, Options>;
  /** Stage index -> its `AS` name, for `FROM <earlier stage>`. */
  names: Map<number, string>;
}

/** Every script of the file ShellCheck should see, in source order. */
export function shellcheckScripts(dockerfile: Dockerfile): ShellCheckScript[] {
  const lines = sourceLines(dockerfile.text);
  const scripts: ShellCheckScript[] = [];
  const events = [
    ...dockerfile.instructions.map((instruction) => ({ line: instruction.line, instruction, comment: null as string | null })),
    ...dockerfile.comments.map((comment) => ({ line: comment.line, instruction: null, comment: comment.text })),
  ].sort((a, b) => a.line - b.line);

  // The main pass sees instructions and pragmas; the ONBUILD pass sees only the triggers.
  let scope: Scope | null = null;
  let onbuild: Scope | null = null;
  for (const event of events) {
    if (event.comment !== null) {
      const pragma = parsePragma(event.comment);
      if (pragma?.kind === 'shell') scope = withShell(scope, pragma.shell, true);
      continue;
    }
    const instruction = event.instruction!;
    if (instruction.keyword === 'ONBUILD') {
      if (instruction.trigger) onbuild = step(onbuild, instruction.trigger, instruction.line, lines, dockerfile.escape, scripts);
      continue;
    }
    scope = step(scope, instruction, instruction.line, lines, dockerfile.escape, scripts);
  }
  return scripts;
}

function step(scope: Scope | null, instruction: Instruction, line: number, lines: string[], escape: string, scripts: ShellCheckScript[]): Scope | null {
  switch (instruction.keyword) {
    case 'FROM':
      return newStage(scope, instruction);
    case 'ARG':
    case 'ENV':
      return withVariables(scope, instruction.pairs.map((pair) => pair.key));
    case 'SHELL':
      return withShell(scope, instruction.json ? instruction.json.join(' ') : instruction.argsText, false);
    case 'RUN': {
      if (instruction.json) return scope;
      const options = scope?.current ?? defaultOptions();
      if (NON_POSIX_SHELLS.some((name) => options.shell.includes(name))) return scope;
      const script = runScript(instruction, lines, escape);
      if (script === null || hasUnsupportedShebang(script.text)) return scope;
      scripts.push({
        line,
        shell: options.shell.split(/\s+/).find((word) => word !== '') ?? '',
        variables: [...options.variables].sort(),
        text: script.text,
        places: script.places,
      });
      return scope;
    }
    default:
      return scope;
  }
}

function newStage(scope: Scope | null, from: Instruction): Scope {
  const alias = from.words[1]?.value.toLowerCase() === 'as' ? (from.words[2]?.value ?? null) : null;
  if (scope === null) {
    const options = defaultOptions();
    return { current: options, defaults: options, stage: 0, stageOptions: new Map([[0, options]]), names: new Map(alias ? [[0, alias]] : []) };
  }
  const image = imageName(from.words[0]?.value ?? '');
  const earlier = [...scope.names].filter(([, name]) => name === image).map(([index]) => index).sort((a, b) => a - b)[0];
  const options = earlier === undefined ? scope.defaults : (scope.stageOptions.get(earlier) ?? scope.defaults);
  const stage = scope.stage + 1;
  const names = new Map(scope.names);
  if (alias) names.set(stage, alias);
  return { ...scope, current: options, stage, stageOptions: new Map(scope.stageOptions).set(stage, options), names };
}

/** The image name of a FROM word, as hadolint compares it with stage names: tag and digest dropped. */
function imageName(word: string): string {
  const withoutDigest = word.split('@')[0]!;
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}

function withVariables(scope: Scope | null, names: string[]): Scope {
  if (scope === null) {
    const options = { shell: DEFAULT_SHELL, variables: new Set([...DEFAULT_VARIABLES, ...names]) };
    return { current: options, defaults: defaultOptions(), stage: 0, stageOptions: new Map([[0, options]]), names: new Map() };
  }
  return update(scope, { shell: scope.current.shell, variables: new Set([...scope.current.variables, ...names]) });
}

function withShell(scope: Scope | null, shell: string, pragma: boolean): Scope {
  if (scope === null) {
    const options = { shell, variables: new Set(DEFAULT_VARIABLES) };
    // A pragma before anything else sets the default of every stage; a SHELL only the first.
    return { current: options, defaults: pragma ? options : defaultOptions(), stage: 0, stageOptions: new Map([[0, options]]), names: new Map() };
  }
  return update(scope, { shell, variables: scope.current.variables });
}

/** The options of the current stage change (hadolint's `Map.update` on the stage's entry). */
function update(scope: Scope, options: Options): Scope {
  return { ...scope, current: options, stageOptions: new Map(scope.stageOptions).set(scope.stage, options) };
}

function hasUnsupportedShebang(script: string): boolean {
  return script.startsWith('#!') && !SUPPORTED_SHEBANGS.some((prefix) => script.startsWith(prefix));
}

/** The file's lines, CRLF read as LF (hadolint's parser does the same). */
function sourceLines(text: string): string[] {
  return text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

interface Placed {
  text: string;
  places: number[];
}

/** A growing text that remembers where each piece came from. */
class PlacedText {
  text = '';
  readonly places: number[] = [];
  append(piece: string, line: number, column: number): void {
    if (piece === '') return;
    this.places.push(this.text.length, line, column);
    this.text += piece;
  }
}

/** The RUN's script as hadolint reads it; null when there is none. */
function runScript(run: Instruction, lines: string[], escape: string): Placed | null {
  const firstLine = run.span.line;
  const keywordColumn = (lines[firstLine - 1] ?? '').toUpperCase().indexOf('RUN', run.span.column - 1);
  if (keywordColumn < 0) return null;
  const heredoc = run.heredocs[0];
  const lastLine = heredoc ? heredoc.bodyLine - 1 : run.span.endLine;
  const joined = joinContinuations(lines, firstLine, keywordColumn + 3, lastLine, escape);
  const args = dropFlags(joined);

  if (heredoc) {
    const marker = new RegExp(`<<-?(["']?)${escapeRegExp(heredoc.delimiter)}\\1`).exec(args.text);
    if (marker !== null && marker.index === 0) {
      // `RUN <<EOF`: the script is whatever follows the marker, then the body.
      const script = slice(args, marker[0].length, args.text.length);
      const out = new PlacedText();
      appendPlaced(out, script);
      out.append('\n', lastLine, 1);
      heredoc.body.split('\n').forEach((bodyLine, i, all) => out.append(i < all.length - 1 ? `${bodyLine}\n` : bodyLine, heredoc.bodyLine + i, 1));
      return trim(out);
    }
    if (marker !== null) return trim(slice(args, 0, marker.index));
  }
  return args.text === '' ? null : args;
}

/**
 * language-docker's `untilEol`: an escape at the end of a line joins the next line; comment and
 * blank lines after it are skipped; the next line's indentation becomes one space.
 */
function joinContinuations(lines: string[], firstLine: number, firstColumn0: number, lastLine: number, escape: string): Placed {
  const out = new PlacedText();
  let column0 = firstColumn0;
  for (let line = firstLine; line <= lastLine; line++) {
    const text = lines[line - 1] ?? '';
    if (line > firstLine) {
      if (text.trim() === '' || /^[ \t]*#/.test(text)) continue;
      const indent = /^[ \t]*/.exec(text)![0].length;
      if (indent > 0) out.append(' ', line, 1);
      column0 = indent;
    }
    const rest = text.slice(column0);
    const trimmed = rest.replace(/[ \t]+$/, '');
    if (line < lastLine && trimmed.endsWith(escape)) out.append(rest.slice(0, trimmed.length - 1), line, column0 + 1);
    else {
      out.append(rest, line, column0 + 1);
      break;
    }
  }
  return trim(out, 'start');
}

function dropFlags(args: Placed): Placed {
  let at = 0;
  for (;;) {
    const flag = RUN_FLAG.exec(args.text.slice(at));
    if (!flag) break;
    at += flag[0].length;
    const blanks = /^\s+/.exec(args.text.slice(at));
    if (!blanks) break;
    at += blanks[0].length;
  }
  return slice(args, at, args.text.length);
}

/** `text.slice(start, end)`, keeping the places. */
function slice(placed: Placed, start: number, end: number): Placed {
  const places: number[] = [];
  for (let i = 0; i < placed.places.length; i += 3) {
    const pieceStart = placed.places[i]!;
    const pieceEnd = i + 3 < placed.places.length ? placed.places[i + 3]! : placed.text.length;
    if (pieceEnd <= start || pieceStart >= end) continue;
    const from = Math.max(pieceStart, start);
    places.push(from - start, placed.places[i + 1]!, placed.places[i + 2]! + (from - pieceStart));
  }
  return { text: placed.text.slice(start, end), places };
}

function appendPlaced(out: PlacedText, piece: Placed): void {
  for (let i = 0; i < piece.places.length; i += 3) {
    const end = i + 3 < piece.places.length ? piece.places[i + 3]! : piece.text.length;
    out.append(piece.text.slice(piece.places[i]!, end), piece.places[i + 1]!, piece.places[i + 2]!);
  }
}

function trim(placed: Placed, which: 'both' | 'start' = 'both'): Placed {
  const start = placed.text.length - placed.text.trimStart().length;
  const end = which === 'both' ? placed.text.trimEnd().length : placed.text.length;
  return slice(placed, start, Math.max(start, end));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where a position of the script (0-based offset) sits in the Dockerfile. */
export function placeOf(script: Pick<ShellCheckScript, 'places'>, offset: number): { line: number; column: number } | null {
  const { places } = script;
  if (places.length === 0) return null;
  // Binary search for the last piece starting at or before the offset.
  let low = 0;
  let high = places.length / 3 - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (places[middle * 3]! <= offset) low = middle;
    else high = middle - 1;
  }
  const index = low * 3;
  return { line: places[index + 1]!, column: places[index + 2]! + Math.max(0, offset - places[index]!) };
}
