import { createRequire } from 'node:module';
import type { Node, Parser } from 'web-tree-sitter';
import { shellParserOnDemand } from './shell-on-demand.js';
import { readSimpleScript } from './shell-simple.js';
import type { Assignment, ParsedShell, Redirect, ShellCommand } from './types.js';

/**
 * Shell scripts of RUN instructions, parsed by tree-sitter-bash (the grammar GitHub and editors use)
 * through web-tree-sitter. Its WASM ships inside the npm package; parsing is synchronous once the
 * module has loaded. Chosen after measuring (see README "Choosing the shell parser"): mvdan-sh parses
 * at ~2,500 scripts/s but reading its GopherJS AST costs 5x the parse; sh-syntax is async WASM;
 * tree-sitter parses and walks a typical RUN in ~0.1 ms and keeps going past syntax errors, so
 * PowerShell or broken quoting still yields the commands it can see.
 *
 * tree-sitter loads on demand: starting its WASM runtime and grammar costs about as much as the
 * rest of a cold one-file lint, and the fast reader (shell-simple.ts) reads ~91% of scripts. The
 * long-lived app and any other importer get it at import; the command line (which sets the flag
 * of src/cli/shell-on-demand.ts first) lints through withShellParser, which loads it only when a
 * script needs it.
 */

let parser: Parser | null = null;
let loading: Promise<void> | null = null;
/** withShellParser calls running now: inside one, a script tree-sitter must read is recorded, not an error. */
let tracking = 0;
let missed = false;

/** Loads tree-sitter and the bash grammar, once. */
export function ensureShellParser(): Promise<void> {
  loading ??= (async () => {
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const bash = await Language.load(createRequire(import.meta.url).resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
    const loaded = new Parser();
    loaded.setLanguage(bash);
    parser = loaded;
  })();
  return loading;
}

/**
 * Runs `read`, synchronous work that may parse scripts (building a Dockerfile model, linting it).
 * While tree-sitter is not loaded, a script only it can read gets a stand-in and is recorded; then
 * tree-sitter loads and `read` runs again with `again` true. A stand-in may sit in caches of what
 * the first run built, so the second run builds the model anew.
 */
export async function withShellParser<T>(read: (again: boolean) => T): Promise<T> {
  if (parser) return read(false);
  tracking++;
  missed = false;
  let value: T;
  try {
    value = read(false);
  } catch (error) {
    if (!missed) throw error;
  } finally {
    tracking--;
  }
  if (!missed) return value!;
  await ensureShellParser();
  return read(true);
}

// Loaded at import unless the command line asked for on-demand loading (./shell-on-demand.ts):
// the app, tests and embedders calling lintText or parseDockerfile directly always have it.
if (!shellParserOnDemand()) await ensureShellParser();

/** Longest script tree-sitter is given (its parse is not linear on pathological input). */
export const MAX_TREE_SITTER_SCRIPT = 256 * 1024;
/** Longest script read at all (shell-simple.ts is linear; a 5 MB RUN is data, not a script). */
export const MAX_SCRIPT = 4 * 1024 * 1024;

/**
 * Parse a POSIX/bash script. Never throws. Most scripts are simple enough for shell-simple.ts,
 * which reads them the way the tree-sitter walk below does, much faster; the rest go to tree-sitter,
 * up to its size limit. A script read by neither is `unread` (PL2007 says so).
 */
export function parseShell(text: string): ParsedShell {
  if (text.length <= MAX_TREE_SITTER_SCRIPT) return readSimpleScript(text) ?? readWithTreeSitter(text);
  const simple = text.length <= MAX_SCRIPT ? readSimpleScript(text) : null;
  if (simple) return simple;
  const limit = text.length <= MAX_SCRIPT ? MAX_TREE_SITTER_SCRIPT : MAX_SCRIPT;
  return unparsed(text, `script of ${text.length} characters not read: over the shell parser's limit of ${limit}`, true);
}

/** The tree-sitter reading of any script (parseShell uses it for what shell-simple.ts does not read). */
export function readWithTreeSitter(text: string): ParsedShell {
  if (!parser) {
    if (tracking === 0) throw new Error('the shell parser is not loaded: lint through withShellParser, or await ensureShellParser() first');
    missed = true;
    return unparsed(text, 'shell parser not loaded yet');
  }
  const tree = parser.parse(text);
  if (!tree) return unparsed(text, 'shell parser gave no result');
  try {
    const collector = new Collector();
    collector.visit(tree.rootNode);
    const error = tree.rootNode.hasError ? describeError(tree.rootNode) : null;
    const { commands, pipelines, redirects, assignments } = collector;
    return { text, commands, pipelines, redirects, assignments, error, unread: false };
  } finally {
    tree.delete();
  }
}

function unparsed(text: string, error: string, unread = false): ParsedShell {
  return { text, commands: [], pipelines: [], redirects: [], assignments: [], error, unread };
}

function describeError(root: Node): string {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isError || node.isMissing) {
      const where = `line ${node.startPosition.row + 1}, column ${node.startPosition.column + 1}`;
      return node.isMissing ? `missing "${node.type}" at ${where}` : `shell syntax error at ${where}`;
    }
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child?.hasError || child?.isMissing) stack.push(child);
    }
  }
  return 'shell syntax error';
}

class Collector {
  readonly commands: ShellCommand[] = [];
  readonly pipelines: ShellCommand[][] = [];
  readonly redirects: Redirect[] = [];
  readonly assignments: Assignment[] = [];

  visit(node: Node): void {
    switch (node.type) {
      case 'variable_assignment':
        this.assignments.push(assignment(node));
        this.visitChildren(node);
        return;
      case 'file_redirect':
        this.redirect(node);
        this.visitChildren(node);
        return;
      case 'command':
        this.command(node);
        return;
      case 'declaration_command':
      case 'unset_command':
        this.declaration(node);
        return;
      case 'pipeline':
        this.pipeline(node);
        return;
      case 'heredoc_body':
      case 'comment':
        return;
      default:
        this.visitChildren(node);
    }
  }

  private visitChildren(node: Node): void {
    for (const child of node.namedChildren) if (child) this.visit(child);
  }

  private redirect(node: Node): void {
    const destination = node.childForFieldName('destination');
    const operator = node.children.find((c) => c !== null && !c.isNamed)?.text ?? '';
    if (destination) this.redirects.push({ operator, target: wordValue(destination) });
  }

  private command(node: Node): void {
    const assigns: Assignment[] = [];
    const words: string[] = [];
    const nested: Node[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'variable_assignment') {
        assigns.push(assignment(child));
        const value = child.childForFieldName('value');
        if (value) nested.push(value);
      } else if (child.type === 'command_name') {
        words.push(wordValue(child.firstNamedChild ?? child));
        nested.push(child);
      } else if (child.type === 'file_redirect' || child.type === 'herestring_redirect' || child.type === 'heredoc_redirect') {
        nested.push(child);
      } else {
        words.push(wordValue(child));
        nested.push(child);
      }
    }
    if (words.length > 0) this.commands.push({ name: words[0]!, args: words.slice(1), assigns });
    // Commands inside `$(...)` and `<(...)` come after the command that holds them.
    for (const child of nested) this.visitSubstitutions(child);
  }

  private declaration(node: Node): void {
    const name = node.child(0)?.text ?? '';
    const args = node.namedChildren.filter((c): c is Node => c !== null).map((c) => wordValue(c));
    this.commands.push({ name, args, assigns: [] });
    for (const child of node.namedChildren) if (child) this.visitSubstitutions(child);
  }

  private pipeline(node: Node): void {
    const stages = this.pipelineStages(node);
    if (stages.length > 1) this.pipelines.push(stages);
  }

  /** tree-sitter nests `a | b | c` as `a | (b | c)`: flatten into one pipeline. */
  private pipelineStages(node: Node): ShellCommand[] {
    const stages: ShellCommand[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'pipeline') {
        stages.push(...this.pipelineStages(child));
        continue;
      }
      if (child.type === 'list') {
        // tree-sitter-bash reads `a | b && c` as `a | (b && c)`; bash binds `|` tighter, so only
        // the list's first part continues this pipeline and the rest are commands of their own.
        const [head, ...rest] = child.namedChildren.filter((c): c is Node => c !== null);
        if (head) stages.push(...this.pipelineStages({ namedChildren: [head] } as unknown as Node));
        for (const other of rest) this.visit(other);
        continue;
      }
      const before = this.commands.length;
      this.visit(child);
      // A compound stage (`(a; b) | c`) stands for its first command.
      const first = this.commands[before];
      if (first) stages.push(first);
    }
    return stages;
  }

  private visitSubstitutions(node: Node): void {
    if (node.type === 'command_substitution' || node.type === 'process_substitution') {
      this.visitChildren(node);
      return;
    }
    if (node.type === 'file_redirect') this.redirect(node);
    for (const child of node.namedChildren) if (child) this.visitSubstitutions(child);
  }
}

function assignment(node: Node): Assignment {
  const value = node.childForFieldName('value');
  return { name: node.childForFieldName('name')?.text ?? '', value: value ? wordValue(value) : '' };
}

/** A word as the shell passes it: quotes removed; expansions keep their source text. */
function wordValue(node: Node): string {
  switch (node.type) {
    case 'word':
    case 'number':
      return node.text.includes('\\') ? node.text.replace(/\\(.)/gs, '$1') : node.text;
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string':
      return doubleQuoted(node);
    case 'concatenation':
      return node.namedChildren.map((c) => (c ? wordValue(c) : '')).join('');
    default:
      return node.text;
  }
}

/** Content of "…": escapes of `"`, `\`, `$` and backtick removed, expansions kept as written. */
function doubleQuoted(node: Node): string {
  const inner = node.text.slice(1, node.text.endsWith('"') && node.text.length > 1 ? -1 : undefined);
  return inner.replace(/\\(["\\$`])/g, '$1');
}
