import { dirname, join, normalize } from 'node:path/posix';
import { createScanner, parseTree, printParseErrorCode, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import { extractCompose, type KindResult, type RelatedFiles } from './compose.js';
import { manifestImage } from './image-value.js';
import type { VariableUse } from './interpolate.js';
import { LineIndex } from '../files/lines.js';
import { concat, slice, unplaced, written, type Traced } from './traced.js';
import type { ManifestImage, ManifestProblem } from './types.js';

/**
 * Dev containers (the Dev Container specification): `devcontainer.json`, JSON with comments and
 * trailing commas. Its `image` is an image (Features are not); a `dockerComposeFile` (one path or a
 * list, relative to the devcontainer.json) is read as a compose file. `${localEnv:VAR:default}`
 * stands for its default; other variables (`${localEnv:VAR}`, `${containerEnv:…}`, …) are known only
 * when the container starts.
 */

/** Deeper than any real devcontainer.json; the JSON parser recurses once per level. */
const MAX_NESTING = 256;

interface DevContainerFile {
  root: Node | null;
  problem: ManifestProblem | null;
  lines: LineIndex;
  /** 1 when a BOM was removed before parsing: add it to every offset. */
  bom: number;
}

function parseDevContainer(path: string, text: string): DevContainerFile {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const source = text.slice(bom);
  const lines = new LineIndex(text);
  const problem = (offset: number, message: string): DevContainerFile => {
    const { line, column } = lines.position(offset + bom);
    return { root: null, problem: { file: path, line, column, message }, lines, bom };
  };
  const deepest = nesting(source);
  if (deepest.depth > MAX_NESTING) return problem(deepest.offset, `it nests more than ${MAX_NESTING} levels deep, deeper than any real file; not read`);
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true }) ?? null;
  const error = errors[0];
  if (error) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more ${errors.length === 2 ? 'problem' : 'problems'})` : '';
    return problem(error.offset, `not valid JSON with comments: ${describeError(printParseErrorCode(error.error))}${more}`);
  }
  if (root !== null && root.type !== 'object') return problem(root.offset, 'a devcontainer.json must be an object');
  return { root, problem: null, lines, bom };
}

function describeError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The deepest bracket nesting, read with the JSON scanner (strings and comments skipped). */
function nesting(text: string): { depth: number; offset: number } {
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      if (++depth > MAX_NESTING) return { depth, offset: scanner.getTokenOffset() };
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return { depth, offset: 0 };
}

/** The value of a top-level property; the last one when it is written twice (as JSON.parse reads it). */
function property(root: Node | null, name: string): Node | null {
  let found: Node | null = null;
  for (const child of root?.children ?? []) {
    if (child.type === 'property' && child.children?.[0]?.value === name) found = child.children[1] ?? null;
  }
  return found;
}

/** Paths of the compose files a devcontainer.json names, from the repository root. */
export function devContainerComposeFiles(path: string, text: string): string[] {
  const { root } = parseDevContainer(path, text);
  const value = property(root, 'dockerComposeFile');
  const names = value?.type === 'string' ? [value] : value?.type === 'array' ? (value.children ?? []) : [];
  return names
    .filter((node) => node.type === 'string' && typeof node.value === 'string' && node.value !== '')
    .map((node) => normalize(join(dirname(path), node.value as string)));
}

export function extractDevContainer(path: string, text: string, related: RelatedFiles): KindResult {
  const file = parseDevContainer(path, text);
  const images: ManifestImage[] = [];
  const problems: ManifestProblem[] = file.problem ? [file.problem] : [];
  const image = property(file.root, 'image');
  if (image?.type === 'string' && typeof image.value === 'string' && image.value !== '') {
    images.push(imageOf(path, text, file, image));
  }

  for (const composePath of devContainerComposeFiles(path, text)) {
    const compose = related.get(composePath);
    if (compose === undefined) {
      const where = property(file.root, 'dockerComposeFile')!;
      const { line, column } = file.lines.position(where.offset + file.bom);
      problems.push({ file: path, line, column, message: `dockerComposeFile ${composePath} is not in the repository` });
      continue;
    }
    const read = extractCompose(composePath, compose, related);
    images.push(...read.images);
    problems.push(...read.problems);
  }
  return { images, problems, skipped: null };
}

function imageOf(path: string, text: string, file: DevContainerFile, node: Node): ManifestImage {
  const value = node.value as string;
  const start = node.offset + file.bom;
  const inner = text.slice(start + 1, start + node.length - 1);
  const traced = inner === value ? written(value, path, start + 1) : unplaced(value);
  const resolved = resolveVariables(traced);
  return manifestImage({
    source: 'devcontainer',
    file: path,
    where: 'image',
    raw: value,
    span: file.lines.span(start, start + node.length),
    expanded: resolved.value,
    cause: resolved.cause,
    variables: resolved.variables,
    fromArg: resolved.variables[0]
      ? { name: resolved.variables[0].name, line: file.lines.position(start).line, rawValue: resolved.variables[0].value?.text ?? null, valueSpan: null }
      : null,
  });
}

/**
 * The dev container variables of a value: `${localEnv:NAME:default}` is its default (the
 * developer's environment is unknown here); anything else with no default names no image yet.
 */
function resolveVariables(input: Traced): { value: Traced | null; cause: string | null; variables: VariableUse[] } {
  const parts: Traced[] = [];
  const variables: VariableUse[] = [];
  const pattern = /\$\{([^}]*)\}/g;
  let last = 0;
  for (const match of input.text.matchAll(pattern)) {
    const [whole, body] = match as unknown as [string, string];
    const at = match.index;
    parts.push(slice(input, last, at));
    last = at + whole.length;
    const local = /^localEnv:([^:}]+)(?::(.*))?$/.exec(body);
    if (local && local[2] !== undefined) {
      const defaultStart = at + 2 + 'localEnv:'.length + local[1]!.length + 1;
      const value = slice(input, defaultStart, defaultStart + local[2].length);
      variables.push({ name: local[1]!, from: 'default', value });
      parts.push(value);
      continue;
    }
    const name = local?.[1] ?? body;
    variables.push({ name, from: 'unset', value: null });
    const cause = local
      ? `it reads the developer's environment (${whole}) — give it a default (\${localEnv:${name}:<image>}) or write the image`
      : `${whole} is known only when the dev container starts — write the image`;
    return { value: null, cause, variables };
  }
  parts.push(slice(input, last));
  return { value: concat(parts), cause: null, variables };
}
