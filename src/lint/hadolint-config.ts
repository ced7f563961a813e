import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Node } from 'yaml';
import { LEVELS, type Level } from '../findings.js';
import { FORMAT_NAMES, type FormatName } from '../format/index.js';
import { defaultSettings, type LintSettings } from './settings.js';

/** yaml is loaded only when a config file is read: most runs have none, and start faster without it. */
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

/**
 * hadolint's configuration: `.hadolint.yaml`, `HADOLINT_*` environment variables and hadolint's
 * command-line flags, read and merged as hadolint does (Configuration.hs, Environment.hs,
 * app/Main.hs). Pure: the caller reads files and the environment.
 *
 * One difference, by design: `.hadolint.yaml` and `HADOLINT_*` tune DL rules only. PL codes in
 * them are dropped with a warning, because PL rules belong to the ops policy (SPEC §8).
 */

/** One source's options. Unset scalars stay undefined so a later source can win. */
export interface HadolintOptions {
  ignored: string[];
  override: Record<Level, string[]>;
  trustedRegistries: string[];
  labelSchema: Record<string, string>;
  strictLabels?: boolean;
  disableIgnorePragma?: boolean;
  failureThreshold?: Level | 'none';
  noFail?: boolean;
  noColor?: boolean;
  /** An output format Plimsoll supports. */
  format?: FormatName;
}

export type HadolintConfigResult =
  | { ok: true; settings: Partial<LintSettings>; options: HadolintOptions; warnings: string[] }
  | { ok: false; error: string };

export const LABEL_TYPES = ['text', 'url', 'semver', 'hash', 'rfc3339', 'spdx', 'email'] as const;
const THRESHOLDS = ['error', 'warning', 'info', 'style', 'ignore', 'none'] as const;
/** Keys hadolint reads that have no meaning for Plimsoll; accepted silently. */
const QUIET_KEYS = new Set(['verbose']);

export function emptyHadolintOptions(): HadolintOptions {
  return { ignored: [], override: { error: [], warning: [], info: [], style: [] }, trustedRegistries: [], labelSchema: {} };
}

class ConfigError extends Error {}

/** Parse `.hadolint.yaml` text. Errors name the file, line and column. */
export function loadHadolintConfig(text: string, path: string): HadolintConfigResult {
  const lineCounter = new (yaml().LineCounter)();
  // logLevel 'error': yaml's own warnings (an unknown tag) would go to process warnings; they are
  // reported below with the file's name instead.
  const document = yaml().parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const where = (offset: number | undefined): string => {
    if (offset === undefined) return path;
    const { line, col } = lineCounter.linePos(offset);
    return `${path}:${line}:${col}`;
  };
  const firstError = document.errors[0];
  if (firstError) {
    const message = firstError.code === 'MULTIPLE_DOCS'
      ? 'the file holds more than one YAML document'
      : firstError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return { ok: false, error: `${where(firstError.pos[0])}: invalid YAML: ${message}` };
  }
  // hadolint rejects an empty file ("empty YAML stream"); say so plainly.
  if (document.contents === null || (yaml().isScalar(document.contents) && document.contents.value === null)) {
    return { ok: false, error: `${path}: the config file is empty (write at least one key, e.g. "ignored: []")` };
  }
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
  return node === null || (yaml().isScalar(node) && node.value === null);
}

function readOptions(root: unknown, context: ReadContext): HadolintOptions {
  if (!yaml().isMap(root)) fail(context, root, 'the config must be a mapping of keys (e.g. "ignored:", "override:")');
  const options = emptyHadolintOptions();
  for (const pair of root.items) {
    const keyNode = pair.key;
    const key = yaml().isScalar(keyNode) ? String(keyNode.value) : '';
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
  if (!yaml().isSeq(node)) fail(context, node, `"${key}" must be a list of strings`);
  return node.items.map((item) => {
    if (!yaml().isScalar(item) || typeof item.value !== 'string') fail(context, item, `"${key}" must be a list of strings`);
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
  if (!yaml().isScalar(node) || typeof node.value !== 'boolean') fail(context, node, `"${key}" must be true or false`);
  return node.value;
}

function threshold(context: ReadContext, node: unknown): Level | 'none' {
  const value = yaml().isScalar(node) ? node.value : undefined;
  if (typeof value !== 'string' || !(THRESHOLDS as readonly string[]).includes(value)) {
    fail(context, node, `"failure-threshold" must be one of ${THRESHOLDS.join(', ')}`);
  }
  return value === 'ignore' || value === 'none' ? 'none' : (value as Level);
}

function format(context: ReadContext, node: unknown): FormatName {
  if (!yaml().isScalar(node) || typeof node.value !== 'string') fail(context, node, '"format" must be a string');
  return supportedFormat(context, node, node.value);
}

/** Every one of hadolint's format names is one of Plimsoll's. */
function supportedFormat(context: ReadContext, node: unknown, name: string): FormatName {
  if ((FORMAT_NAMES as readonly string[]).includes(name)) return name as FormatName;
  fail(context, node, `unknown format "${name}" (plimsoll supports ${FORMAT_NAMES.join(', ')})`);
}

function readOverride(context: ReadContext, node: unknown, options: HadolintOptions): void {
  if (!yaml().isMap(node)) fail(context, node, '"override" must map error, warning, info or style to lists of rule codes');
  for (const pair of node.items) {
    const level = yaml().isScalar(pair.key) ? String(pair.key.value) : '';
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
  if (!yaml().isMap(node)) fail(context, node, '"label-schema" must map label names to types');
  const schema: Record<string, string> = {};
  for (const pair of node.items) {
    const name = yaml().isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    const type = isNull(value) ? '' : yaml().isScalar(value) && typeof value.value === 'string' ? value.value : null;
    if (type === null || (type !== '' && !(LABEL_TYPES as readonly string[]).includes(type))) {
      fail(context, value ?? pair.key, `label "${name}" has an invalid type (use one of ${LABEL_TYPES.join(', ')})`);
    }
    schema[name] = type === '' ? 'text' : type;
  }
  return schema;
}

/** The LintSettings keys a source actually set. */
function toPartialSettings(options: HadolintOptions): Partial<LintSettings> {
  const settings: Partial<LintSettings> = {};
  if (options.ignored.length > 0) settings.ignored = [...options.ignored];
  const levels = overrideLevels(options.override);
  if (Object.keys(levels).length > 0) settings.levels = levels;
  if (options.trustedRegistries.length > 0) settings.trustedRegistries = [...options.trustedRegistries];
  if (Object.keys(options.labelSchema).length > 0) settings.labelSchema = { ...options.labelSchema };
  if (options.strictLabels !== undefined) settings.strictLabels = options.strictLabels;
  if (options.disableIgnorePragma !== undefined) settings.disableIgnorePragma = options.disableIgnorePragma;
  if (options.failureThreshold !== undefined) settings.failureThreshold = options.failureThreshold;
  return settings;
}

/** hadolint applies style, then info, warning, error: a code in several lists ends at the most severe. */
function overrideLevels(override: Record<Level, string[]>): Record<string, Level> {
  const levels: Record<string, Level> = {};
  for (const level of [...LEVELS].reverse()) for (const code of override[level]) levels[code] = level;
  return levels;
}

const TRUTHY = new Set(['1', 'y', 'on', 'true', 'yes']);

function commaList(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** hadolint's environment variables (Environment.hs). Invalid values are skipped with a warning. */
export function hadolintEnvironment(env: Record<string, string | undefined>): { options: HadolintOptions; warnings: string[] } {
  const options = emptyHadolintOptions();
  const warnings: string[] = [];
  const flag = (name: string): boolean | undefined =>
    env[name] === undefined ? undefined : TRUTHY.has(env[name]!.toLowerCase());
  const codes = (name: string): string[] =>
    commaList(env[name]).filter((code) => {
      if (!code.startsWith('PL')) return true;
      warnings.push(`${name}: ${code} ignored: PL rules are set by the ops policy, not by hadolint settings`);
      return false;
    });

  options.noFail = flag('HADOLINT_NOFAIL');
  options.strictLabels = flag('HADOLINT_STRICT_LABELS');
  options.disableIgnorePragma = flag('HADOLINT_DISABLE_IGNORE_PRAGMA');
  // NO_COLOR (no-color.org): present and not empty.
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') options.noColor = true;
  options.ignored = codes('HADOLINT_IGNORE');
  for (const level of LEVELS) options.override[level] = codes(`HADOLINT_OVERRIDE_${level.toUpperCase()}`);
  options.trustedRegistries = [...commaList(env.HADOLINT_TRUSTED_REGISTRIES), ...commaList(env.HADOLINT_ALLOWED_REGISTRIES)];

  for (const pair of commaList(env.HADOLINT_REQUIRE_LABELS)) {
    const colon = pair.indexOf(':');
    const name = colon === -1 ? pair : pair.slice(0, colon);
    const type = colon === -1 ? '' : pair.slice(colon + 1);
    // hadolint drops pairs with an invalid type silently; a warning costs nothing.
    if ((LABEL_TYPES as readonly string[]).includes(type)) options.labelSchema[name] = type;
    else warnings.push(`HADOLINT_REQUIRE_LABELS: "${pair}" ignored (use NAME:TYPE with TYPE one of ${LABEL_TYPES.join(', ')})`);
  }

  const thresholdValue = env.HADOLINT_FAILURE_THRESHOLD;
  if (thresholdValue !== undefined) {
    if ((THRESHOLDS as readonly string[]).includes(thresholdValue)) {
      options.failureThreshold = thresholdValue === 'ignore' || thresholdValue === 'none' ? 'none' : (thresholdValue as Level);
    } else {
      warnings.push(`HADOLINT_FAILURE_THRESHOLD: "${thresholdValue}" ignored (use one of ${THRESHOLDS.join(', ')})`);
    }
  }
  options.format = commaList(env.HADOLINT_FORMAT).find((name): name is FormatName =>
    (FORMAT_NAMES as readonly string[]).includes(name),
  );
  return { options, warnings: warnings };
}

/**
 * Merge sources in hadolint's order, lowest first (environment, config file, command line):
 * a scalar takes the last value that is set; lists and maps are unioned.
 */
export function mergeHadolintOptions(...sources: HadolintOptions[]): HadolintOptions {
  const merged = emptyHadolintOptions();
  const union = (a: string[], b: string[]): string[] => [...new Set([...a, ...b])];
  for (const source of sources) {
    merged.ignored = union(merged.ignored, source.ignored);
    for (const level of LEVELS) merged.override[level] = union(merged.override[level], source.override[level]);
    merged.trustedRegistries = union(merged.trustedRegistries, source.trustedRegistries);
    merged.labelSchema = { ...merged.labelSchema, ...source.labelSchema };
    merged.strictLabels = source.strictLabels ?? merged.strictLabels;
    merged.disableIgnorePragma = source.disableIgnorePragma ?? merged.disableIgnorePragma;
    merged.failureThreshold = source.failureThreshold ?? merged.failureThreshold;
    merged.noFail = source.noFail ?? merged.noFail;
    merged.noColor = source.noColor ?? merged.noColor;
    merged.format = source.format ?? merged.format;
  }
  return merged;
}

/** Full LintSettings from merged options, on top of `base` (Plimsoll's defaults). */
export function toLintSettings(options: HadolintOptions, base: LintSettings = defaultSettings()): LintSettings {
  const partial = toPartialSettings(options);
  return {
    ...base,
    ...partial,
    ignored: [...new Set([...base.ignored, ...(partial.ignored ?? [])])],
    levels: { ...base.levels, ...(partial.levels ?? {}) },
    trustedRegistries: [...new Set([...base.trustedRegistries, ...(partial.trustedRegistries ?? [])])],
    labelSchema: { ...base.labelSchema, ...(partial.labelSchema ?? {}) },
  };
}

export interface ConfigLookup {
  cwd: string;
  home: string;
  /** $XDG_CONFIG_HOME, or undefined for the default `~/.config`. */
  xdgConfigHome?: string;
}

/**
 * Where hadolint looks for a config when `--config` is not given (Configfile.findConfig), in
 * order; the first that exists wins and only that one is read.
 */
export function hadolintConfigCandidates({ cwd, home, xdgConfigHome }: ConfigLookup): string[] {
  const xdg = xdgConfigHome && xdgConfigHome !== '' ? xdgConfigHome : join(home, '.config');
  return [
    join(cwd, '.hadolint.yaml'),
    join(cwd, '.hadolint.yml'),
    join(xdg, 'hadolint.yaml'),
    join(xdg, 'hadolint.yml'),
    join(home, '.hadolint/hadolint.yaml'),
    join(home, '.hadolint/hadolint.yml'),
    join(home, '.hadolint/config.yaml'),
    join(home, '.hadolint/config.yml'),
    join(home, '.hadolint.yaml'),
    join(home, '.hadolint.yml'),
  ];
}
