import { parse } from 'yaml';
import type { LevelSetting } from '../findings.js';
import { CONTAINER_DEFINITION_GLOBS } from '../files/globs.js';

/**
 * `.github/plimsoll.yml`, the developer-owned repository config (SPEC §4). Glue until src/policy
 * exports a parser: globs, paths to ignore and DL levels; PL rules and exceptions belong to the policy.
 */
export const REPO_CONFIG_PATH = '.github/plimsoll.yml';

export interface RepoConfig {
  globs: readonly string[];
  ignore: readonly string[];
  levels: Record<string, LevelSetting>;
}

export interface RepoConfigResult {
  config: RepoConfig;
  /** Problems, each a sentence with the file; the valid parts still apply. */
  problems: string[];
}

const LEVELS = new Set(['error', 'warning', 'info', 'style', 'off', 'ignore']);

export function defaultRepoConfig(): RepoConfig {
  return { globs: CONTAINER_DEFINITION_GLOBS, ignore: [], levels: {} };
}

export function parseRepoConfig(text: string | null): RepoConfigResult {
  const config = defaultRepoConfig();
  if (text === null || text.trim() === '') return { config, problems: [] };
  const problems: string[] = [];
  let doc: unknown;
  try {
    doc = parse(text, { schema: 'core' });
  } catch (error) {
    return { config, problems: [`${REPO_CONFIG_PATH}: not valid YAML (${(error as Error).message.split('\n')[0]}); defaults used`] };
  }
  if (doc === null || doc === undefined) return { config, problems };
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    return { config, problems: [`${REPO_CONFIG_PATH}: must be a mapping of keys (globs, ignore, rules); defaults used`] };
  }
  const raw = doc as Record<string, unknown>;
  const globs = stringList(raw.globs, 'globs', problems);
  if (globs && globs.length > 0) config.globs = globs;
  config.ignore = stringList(raw.ignore, 'ignore', problems) ?? [];
  if (raw.rules !== undefined) {
    if (typeof raw.rules !== 'object' || raw.rules === null || Array.isArray(raw.rules)) {
      problems.push(`${REPO_CONFIG_PATH}: rules must be a mapping of code to level`);
    } else {
      for (const [code, level] of Object.entries(raw.rules)) {
        if (/^PL\d{4}$/i.test(code)) problems.push(`${REPO_CONFIG_PATH}: rules.${code} ignored: PL rules are set by the ops policy only`);
        else if (!/^(DL|SC)\d{4}$/i.test(code)) problems.push(`${REPO_CONFIG_PATH}: rules.${code} is not a rule code`);
        else if (typeof level !== 'string' || !LEVELS.has(level)) problems.push(`${REPO_CONFIG_PATH}: rules.${code} must be one of ${[...LEVELS].join(', ')}`);
        else config.levels[code.toUpperCase()] = level as LevelSetting;
      }
    }
  }
  for (const key of Object.keys(raw)) {
    if (key === 'exceptions') problems.push(`${REPO_CONFIG_PATH}: exceptions ignored: they belong to the ops policy`);
    else if (!['globs', 'ignore', 'rules'].includes(key)) problems.push(`${REPO_CONFIG_PATH}: ${key} is not a known key (globs, ignore, rules)`);
  }
  return { config, problems };
}

function stringList(value: unknown, key: string, problems: string[]): string[] | null {
  if (value === undefined) return null;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    problems.push(`${REPO_CONFIG_PATH}: ${key} must be a list of glob patterns`);
    return null;
  }
  return value as string[];
}
