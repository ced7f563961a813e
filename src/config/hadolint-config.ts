import { join } from 'node:path';
import { LEVELS, type Level } from '../findings.js';
import { FORMAT_NAMES, type FormatName } from '../format/index.js';
import { defaultSettings, type LintSettings } from '../rules/settings.js';

/**
 * hadolint's configuration: `.hadolint.yaml`, `HADOLINT_*` environment variables and hadolint's
 * command-line flags, read and merged as hadolint does (Configuration.hs, Environment.hs,
 * app/Main.hs). Pure: the caller reads files and the environment. The file itself is read by
 * hadolint-file.ts, imported only when there is one: most runs have none, and start faster without yaml.
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

export const LABEL_TYPES = ['text', 'url', 'semver', 'hash', 'rfc3339', 'spdx', 'email'] as const;
export const THRESHOLDS = ['error', 'warning', 'info', 'style', 'ignore', 'none'] as const;

export function emptyHadolintOptions(): HadolintOptions {
  return { ignored: [], override: { error: [], warning: [], info: [], style: [] }, trustedRegistries: [], labelSchema: {} };
}

/** The LintSettings keys a source actually set. */
export function toPartialSettings(options: HadolintOptions): Partial<LintSettings> {
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
