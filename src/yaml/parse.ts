import { Composer, isAlias, isMap, isScalar, isSeq, Lexer, Parser, type Alias, type CST, type Document, type Node, type Scalar } from 'yaml';
import { LineIndex } from '../files/lines.js';

/**
 * YAML read safely from any repository, with the place of every node: the one YAML loader of
 * Plimsoll (manifests, compose files and workflows; the policy, the repository config and
 * `.hadolint.yaml`). The `yaml` library parses; this module adds what hostile input needs:
 * - nesting is capped while the parser runs (a deeply nested file would overflow the stack);
 * - aliases are never expanded: an alias is looked up once in an index of its document's anchors,
 *   so a billion-laughs file costs what its text costs;
 * - duplicate keys are found in linear time (the library's own check is quadratic) and make the
 *   document unreadable, as Compose and kubectl refuse them;
 * - every value keeps its place in the text, so a bump edits only the characters it must.
 */

/** Deeper than any real manifest; far below what overflows the parser's stack. */
export const MAX_NESTING = 256;

export interface YamlOptions {
  /** Collections nested deeper than this stop the read (a config asks for less than a manifest). */
  maxNesting?: number;
}

export interface YamlDocument {
  document: Document.Parsed;
  /** Where each alias of the document points (the last anchor of that name before it). */
  aliases: Map<Alias, Node>;
}

export interface YamlProblem {
  offset: number;
  message: string;
}

export interface YamlStream {
  /** Documents that parsed cleanly, in order. */
  documents: YamlDocument[];
  /** Problems of the documents left out (or of the whole stream), in order. */
  problems: YamlProblem[];
  lines: LineIndex;
}

/** Parse every document of a YAML stream. Never throws; a document with an error is left out. */
export function parseYamlStream(text: string, options: YamlOptions = {}): YamlStream {
  const maxNesting = options.maxNesting ?? MAX_NESTING;
  const lines = new LineIndex(text);
  const parser = new Parser();
  let tooDeep: number | null = null;
  // Tokens stream into the composer document by document (as parseAllDocuments does); a document
  // is composed once complete, so one nested too deep is stopped before it is composed.
  function* tokens(): Generator<CST.Token> {
    let offset = 0;
    for (const lexeme of new Lexer().lex(text)) {
      yield* parser.next(lexeme);
      offset += lexeme.length;
      if (parser.stack.length > maxNesting) {
        tooDeep = offset;
        return;
      }
    }
    yield* parser.end();
  }

  const documents: YamlDocument[] = [];
  const problems: YamlProblem[] = [];
  for (const document of new Composer({ uniqueKeys: false, logLevel: 'silent' }).compose(tokens())) {
    if (tooDeep !== null) break;
    const error = document.errors[0];
    if (error) {
      problems.push({ offset: error.pos[0], message: `not valid YAML: ${firstLine(error.message)}` });
      continue;
    }
    const indexed = indexDocument(document.contents as Node | null);
    if (indexed.duplicate) {
      problems.push(indexed.duplicate);
      continue;
    }
    documents.push({ document, aliases: indexed.aliases });
  }
  if (tooDeep !== null) {
    return { documents: [], problems: [{ offset: tooDeep, message: `it nests more than ${maxNesting} levels deep, deeper than any real file; not read` }], lines };
  }
  return { documents, problems, lines };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * One walk of the document as written (aliases not followed): each alias mapped to its anchor, and
 * the first duplicate key. Nesting is already capped, so recursion is bounded.
 */
function indexDocument(contents: Node | null): { aliases: Map<Alias, Node>; duplicate: YamlProblem | null } {
  const aliases = new Map<Alias, Node>();
  const anchors = new Map<string, Node>();
  let duplicate: YamlProblem | null = null;
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) aliases.set(node, target);
      return;
    }
    const anchored = node as Node;
    if (!isAlias(anchored) && anchored.anchor) anchors.set(anchored.anchor, anchored);
    if (isMap(node)) {
      const keys = new Set<string>();
      for (const pair of node.items) {
        const name = keyName(pair.key);
        if (name !== null && name !== '<<') {
          if (keys.has(name) && duplicate === null) {
            duplicate = { offset: (pair.key as Node).range?.[0] ?? 0, message: `not valid YAML: the key "${name}" is written twice in one mapping` };
          }
          keys.add(name);
        }
        walk(pair.key);
        walk(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    }
  };
  walk(contents);
  return { aliases, duplicate };
}

/** A mapping key as text; null for a key that is not a scalar. */
export function keyName(key: unknown): string | null {
  if (!isScalar(key)) return null;
  const { value, source } = key as Scalar & { source?: string };
  if (typeof value === 'string') return value;
  return typeof source === 'string' ? source : String(value);
}
