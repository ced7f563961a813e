import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { LEVELS, type Level } from '../findings.js';
import { FORMAT_NAMES, type FormatName } from '../format/index.js';
import type { LintSettings } from '../rules/settings.js';
import { parseYamlStream } from '../yaml/parse.js';
import { emptyHadolintOptions, LABEL_TYPES, THRESHOLDS, toPartialSettings, type HadolintOptions } from './hadolint-config.js';
import { MAX_DEPTH } from './yaml-file.js';

/** `.hadolint.yaml` read as hadolint reads it (Configuration.hs), by Plimsoll's one YAML loader. */

export type HadolintConfigResult =
  | { ok: true; settings: Partial<LintSettings>; options: HadolintOptions; warnings: string[] }
  | { ok: false; error: string };

/** Keys hadolint reads that have no meaning for Plimsoll; accepted silently. */
const QUIET_KEYS = new Set(['verbose']);

class ConfigError extends Error {}

/** Parse `.hadolint.yaml` text. Errors name the file, line and column. */
export function loadHadolintConfig(text: string, path: string): HadolintConfigResult {
  const stream = parseYamlStream(text, { maxNesting: MAX_DEPTH });
  const where = (offset: number | undefined): string => {
    if (offset === undefined) return path;
    const { line, column } = stream.lines.position(offset);
    return `${path}:${line}:${column}`;
  };
  const [problem] = stream.problems;
  if (problem) return { ok: false, error: `${where(problem.offset)}: invalid YAML: ${problem.message.replace(/^not valid YAML: /, '')}` };
  const [first, second] = stream.documents;
  if (second) return { ok: false, error: `${where(second.document.range[0])}: invalid YAML: the file holds more than one YAML document` };
  // hadolint rejects an empty file ("empty YAML stream"); say so plainly.
  const document = first?.document;
  if (!document || document.contents === null || (isScalar(document.contents) && document.contents.value === null)) {
    return { ok: false, error: `${path}: the config file is empty (write at least one key, e.g. "ignored: []")` };
  }
  // yaml's own warnings (an unknown tag) are reported with the file's name.
  const warnings = document.warnings.map((warning) => `${where(warning.pos[0])}: ${warning.message.split('\n')[0]}`);
  try {
    const options = readOptions(document.contents, { where, warnings, path });
    return { ok: true, settings: toPartialSettings(options), options, warnings };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, error: error.message };
    throw error;
  }
}

interface ReadContext {
  where(offset: number | undefined): string;
  warnings: string[];
  path: string;
}

function offsetOf(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

function fail(context: ReadContext, node: unknown, message: string): never {
  throw new ConfigError(`${context.where(offsetOf(node))}: ${message}`);
}

/** A YAML null (`key:` with nothing) counts as absent, as hadolint's `.:?` reads it. */
function isNull(node: unknown): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

function readOptions(root: unknown, context: ReadContext): HadolintOptions {
  if (!isMap(root)) fail(context, root, 'the config must be a mapping of keys (e.g. "ignored:", "override:")');
  const options = emptyHadolintOptions();
  for (const pair of root.items) {
    const keyNode = pair.key;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value;
    if (isNull(value)) continue;
    switch (key) {
      case 'ignored':
        options.ignored = dlCodes(stringList(context, value, key), context, value, key);
        break;
      case 'override':
        readOverride(context, value, options);
        break;
      case 'trustedRegistries':
      case 'trusted-registries':
        options.trustedRegistries = stringList(context, value, key);
        break;
      case 'label-schema':
        options.labelSchema = readLabelSchema(context, value);
        break;
      case 'strict-labels':
        options.strictLabels = boolean(context, value, key);
        break;
      case 'disable-ignore-pragma':
        options.disableIgnorePragma = boolean(context, value, key);
        break;
      case 'no-fail':
        options.noFail = boolean(context, value, key);
        break;
      case 'no-color':
        options.noColor = boolean(context, value, key);
        break;
      case 'failure-threshold':
        options.failureThreshold = threshold(context, value);
        break;
      case 'format':
        options.format = format(context, value);
        break;
      case 'formats':
        for (const name of stringList(context, value, key)) options.format ??= supportedFormat(context, value, name);
        break;
      default:
        if (!QUIET_KEYS.has(key)) context.warnings.push(`${context.where(offsetOf(keyNode))}: unknown key "${key}" ignored`);
    }
  }
  return options;
}

function stringList(context: ReadContext, node: unknown, key: string): string[] {
  if (!isSeq(node)) fail(context, node, `"${key}" must be a list of strings`);
  return node.items.map((item) => {
    if (!isScalar(item) || typeof item.value !== 'string') fail(context, item, `"${key}" must be a list of strings`);
    return item.value;
  });
}

/** PL rules are ops-owned: a hadolint config may not tune them. */
function dlCodes(codes: string[], context: ReadContext, node: unknown, key: string): string[] {
  const kept: string[] = [];
  for (const code of codes) {
    if (code.startsWith('PL')) {
      context.warnings.push(
        `${context.where(offsetOf(node))}: ${code} in "${key}" ignored: PL rules are set by the ops policy, not by a hadolint config`,
      );
    } else {
      kept.push(code);
    }
  }
  return kept;
}

function boolean(context: ReadContext, node: unknown, key: string): boolean {
  if (!isScalar(node) || typeof node.value !== 'boolean') fail(context, node, `"${key}" must be true or false`);
  return node.value;
}

function threshold(context: ReadContext, node: unknown): Level | 'none' {
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value !== 'string' || !(THRESHOLDS as readonly string[]).includes(value)) {
    fail(context, node, `"failure-threshold" must be one of ${THRESHOLDS.join(', ')}`);
  }
  return value === 'ignore' || value === 'none' ? 'none' : (value as Level);
}

function format(context: ReadContext, node: unknown): FormatName {
  if (!isScalar(node) || typeof node.value !== 'string') fail(context, node, '"format" must be a string');
  return supportedFormat(context, node, node.value);
}

/** Every one of hadolint's format names is one of Plimsoll's. */
function supportedFormat(context: ReadContext, node: unknown, name: string): FormatName {
  if ((FORMAT_NAMES as readonly string[]).includes(name)) return name as FormatName;
  fail(context, node, `unknown format "${name}" (plimsoll supports ${FORMAT_NAMES.join(', ')})`);
}

function readOverride(context: ReadContext, node: unknown, options: HadolintOptions): void {
  if (!isMap(node)) fail(context, node, '"override" must map error, warning, info or style to lists of rule codes');
  for (const pair of node.items) {
    const level = isScalar(pair.key) ? String(pair.key.value) : '';
    if (isNull(pair.value)) continue;
    if (!(LEVELS as readonly string[]).includes(level)) {
      context.warnings.push(`${context.where(offsetOf(pair.key))}: unknown override level "${level}" ignored (use error, warning, info or style)`);
      continue;
    }
    const key = `override.${level}`;
    options.override[level as Level] = dlCodes(stringList(context, pair.value, key), context, pair.value, key);
  }
}

function readLabelSchema(context: ReadContext, node: unknown): Record<string, string> {
  if (!isMap(node)) fail(context, node, '"label-schema" must map label names to types');
  const schema: Record<string, string> = {};
  for (const pair of node.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    const type = isNull(value) ? '' : isScalar(value) && typeof value.value === 'string' ? value.value : null;
    if (type === null || (type !== '' && !(LABEL_TYPES as readonly string[]).includes(type))) {
      fail(context, value ?? pair.key, `label "${name}" has an invalid type (use one of ${LABEL_TYPES.join(', ')})`);
    }
    schema[name] = type === '' ? 'text' : type;
  }
  return schema;
}
