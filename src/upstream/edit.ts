import { isAlias, isMap, isPair, isScalar, isSeq, parse, parseDocument, Scalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { normaliseImageName } from '../dockerfile/reference.js';
import { formatPolicyError } from '../config/errors.js';
import { loadPolicy } from '../config/load.js';
import { compareVersions } from '../versioning/compare.js';
import { parseVersion } from '../versioning/tag.js';

/**
 * The policy file edited as text (SPEC §9): new versions go into each entry's `versions` list in
 * the list's own style (flow `[a, b]` or block `- a`, the quoting of its neighbours, beside the
 * version they follow, keeping the list's order), digests into its `digests` map likewise; every
 * other byte (comments, blank lines, key order) stays. The result must load as a valid policy.
 */
export interface ImageChange {
  /** Normalised image name. */
  image: string;
  addVersions: Array<{ version: string; after: string }>;
  /** Tag → digest: new pins, and new digests for tags that moved. */
  setDigests: Array<{ tag: string; digest: string }>;
}

export type EditResult = { ok: true; text: string } | { ok: false; problem: string };

interface Splice {
  start: number;
  end: number;
  text: string;
  /** Among splices at one offset, lower goes first. */
  order: number;
}

export function editPolicyText(text: string, changes: readonly ImageChange[]): EditResult {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const source = text.slice(bom.length);
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const document = parseDocument(source, { keepSourceTokens: true });
  if (document.errors.length > 0) return { ok: false, problem: `the policy is not valid YAML: ${document.errors[0]!.message.split('\n')[0]}` };
  const images = document.get('images', true) as Node | undefined;
  if (!isSeq(images)) return { ok: false, problem: 'the policy has no `images:` list' };

  const splices: Splice[] = [];
  for (const change of changes) {
    const entry = images.items.find((item) => isMap(item) && normaliseImageName(String((item.get('name', true) as Scalar | undefined)?.value ?? '')) === change.image);
    if (!isMap(entry)) return { ok: false, problem: `no entry for ${change.image} under images:` };
    let order = 0;
    if (change.addVersions.length > 0) {
      const versions = entry.get('versions', true) as Node | undefined;
      if (!isSeq(versions) || versions.items.length === 0 || isAlias(versions)) return { ok: false, problem: `the versions of ${change.image} are not a list written in place` };
      for (const add of change.addVersions) {
        const spliced = versionSplice(source, versions, add, eol, order++);
        if (typeof spliced === 'string') return { ok: false, problem: `${change.image}: ${spliced}` };
        splices.push(spliced);
      }
    }
    if (change.setDigests.length > 0) {
      const digests = entry.get('digests', true) as Node | undefined;
      if (!isMap(digests) || digests.items.length === 0) return { ok: false, problem: `${change.image} pins no digests to add to` };
      for (const set of change.setDigests) {
        const spliced = digestSplice(source, digests, set, eol, order++);
        if (typeof spliced === 'string') return { ok: false, problem: `${change.image}: ${spliced}` };
        splices.push(spliced);
      }
    }
  }

  let out = source;
  for (const splice of [...splices].sort((a, b) => b.start - a.start || b.order - a.order)) {
    out = out.slice(0, splice.start) + splice.text + out.slice(splice.end);
  }
  const result = bom + out;
  const loaded = loadPolicy(result);
  if (!loaded.ok) return { ok: false, problem: `the edited policy would not be valid: ${loaded.errors.map(formatPolicyError).join('; ')}` };
  return { ok: true, text: result };
}

function versionSplice(source: string, list: YAMLSeq, add: { version: string; after: string }, eol: string, order: number): Splice | string {
  const items = list.items.filter((item): item is Scalar => isScalar(item));
  if (items.length !== list.items.length) return 'versions holds something other than plain values';
  const texts = items.map((item) => String(item.source ?? item.value));
  const anchorIndex = texts.indexOf(add.after);
  const direction = orderOf(texts);
  const beside = anchorIndex >= 0 && direction !== 'mixed' ? anchorIndex : items.length - 1;
  const before = anchorIndex >= 0 && direction === 'descending';
  const neighbour = items[beside]!;
  const value = render(add.version, neighbour.type);
  const [start, valueEnd] = neighbour.range!;
  if (list.flow) {
    return before ? { start, end: start, text: `${value}, `, order } : { start: valueEnd, end: valueEnd, text: `, ${value}`, order };
  }
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const prefix = source.slice(lineStart, start);
  if (!/^[ \t]*-[ \t]+$/.test(prefix)) return 'the versions list is laid out in a way Plimsoll does not edit';
  const line = `${prefix}${value}${eol}`;
  return before ? { start: lineStart, end: lineStart, text: line, order } : afterLine(source, valueEnd, line, eol, order);
}

function digestSplice(source: string, map: YAMLMap, set: { tag: string; digest: string }, eol: string, order: number): Splice | string {
  const pairs = map.items.filter((pair): pair is Pair<Scalar, Scalar> => isPair(pair) && isScalar(pair.key) && isScalar(pair.value));
  if (pairs.length !== map.items.length) return 'digests holds something other than tag: digest pairs';
  const existing = pairs.find((pair) => String(pair.key.source ?? pair.key.value) === set.tag);
  if (existing) {
    const [start, end] = existing.value!.range!;
    return { start, end, text: render(set.digest, existing.value!.type), order };
  }
  const last = pairs.at(-1)!;
  const entry = `${render(set.tag, last.key.type)}: ${render(set.digest, last.value!.type)}`;
  const valueEnd = last.value!.range![1];
  if (map.flow) return { start: valueEnd, end: valueEnd, text: `, ${entry}`, order };
  const keyStart = last.key.range![0];
  const lineStart = source.lastIndexOf('\n', keyStart - 1) + 1;
  const indent = source.slice(lineStart, keyStart);
  if (!/^[ \t]*$/.test(indent)) return 'the digests map is laid out in a way Plimsoll does not edit';
  return afterLine(source, valueEnd, `${indent}${entry}${eol}`, eol, order);
}

/** Insert a whole line after the line holding `offset` (its comment included). */
function afterLine(source: string, offset: number, line: string, eol: string, order: number): Splice {
  const newline = source.indexOf('\n', offset);
  if (newline === -1) return { start: source.length, end: source.length, text: `${eol}${line.slice(0, -eol.length)}`, order };
  return { start: newline + 1, end: newline + 1, text: line, order };
}

function orderOf(texts: readonly string[]): 'descending' | 'ascending' | 'mixed' {
  const versions = texts.map((t) => parseVersion(t));
  if (versions.some((v) => v === null) || versions.length < 2) return versions.length < 2 ? 'descending' : 'mixed';
  const steps = versions.slice(1).map((v, i) => compareVersions(versions[i]!, v!));
  if (steps.every((s) => s >= 0)) return 'descending';
  if (steps.every((s) => s <= 0)) return 'ascending';
  return 'mixed';
}

/** A value in its neighbour's quoting; plain text YAML would read as something else gets quoted. */
function render(value: string, type: Scalar['type']): string {
  if (type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (type === Scalar.QUOTE_SINGLE) return `'${value.replaceAll("'", "''")}'`;
  let read: unknown;
  try {
    read = parse(value);
  } catch {
    read = undefined;
  }
  const plainIsSame = typeof read === 'string' ? read === value : typeof read === 'number' && String(read) === value;
  return plainIsSame ? value : JSON.stringify(value);
}
