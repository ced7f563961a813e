import { z } from 'zod';
import { DEFAULT_KIND_GLOBS, fileClassifier, type FileKind, type KindSettings } from '../manifests/kinds.js';
import { levelRank, type Level, type LevelSetting } from '../findings.js';
import { formatPath, issuesToErrors, type PolicyError } from './errors.js';
import { keysAt } from './keys.js';
import { parseCheckOptions } from '../lint/check-directive.js';
import { levelSetting, ruleKey } from './schema.js';
import { locateKey, parseYaml } from './yaml.js';

/**
 * `.github/plimsoll.yml` (SPEC §4): developer-owned, read from the default branch. It may change
 * which files are container definitions (and which are compose files, manifests, workflows and dev
 * containers, SPEC §11), skip paths, and set DL rule levels. It may not weaken a
 * PL rule nor add exceptions: such entries are dropped and reported, never silently ignored.
 */

export const REPO_CONFIG_PATH = '.github/plimsoll.yml';

const kindSetting = (kind: string, globs: readonly string[]) =>
  z
    .strictObject({
      globs: z
        .array(z.string().min(1))
        .min(1)
        .optional()
        .describe(`Globs of ${kind}; replaces the defaults (${globs.map((g) => `\`${g}\``).join(', ')}).`),
      enabled: z.boolean().optional().describe(`false: ${kind} are not read at all. Default: true.`),
    })
    .optional()
    .describe(`Which files are ${kind}.`);

export const repoConfigSchema = z
  .strictObject({
    version: z.literal(1).optional().describe('Format version of this file: 1.'),
    globs: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Globs of container definitions; replaces the defaults (`**/Dockerfile`, `**/Dockerfile.*`, …).'),
    ignore: z.array(z.string().min(1)).optional().describe('Globs of paths never linted (`vendor/**`).'),
    kinds: z
      .strictObject({
        compose: kindSetting('compose files', DEFAULT_KIND_GLOBS.compose),
        kubernetes: kindSetting('Kubernetes manifest candidates (a YAML file is a manifest when a document has apiVersion and kind)', DEFAULT_KIND_GLOBS.kubernetes),
        workflow: kindSetting('GitHub Actions workflows and actions', DEFAULT_KIND_GLOBS.workflow),
        devcontainer: kindSetting('dev container definitions', DEFAULT_KIND_GLOBS.devcontainer),
      })
      .optional()
      .describe('The other files that name images (SPEC §11), per kind: change their globs, or switch a kind off.'),
    rules: z
      .record(ruleKey, levelSetting)
      .optional()
      .describe(
        'Rule levels: error | warning | info | style | off, for DL rules and BuildKit checks (FromAsCasing, …); `hadolint` or `buildkit` sets a whole family (a rule named on its own wins). PL rules may only be raised.',
      ),
    'build-args': z
      .strictObject({
        BUILDKIT_DOCKERFILE_CHECK: z
          .string()
          .superRefine((value, context) => {
            const parsed = parseCheckOptions(value);
            if (!parsed.ok) context.addIssue({ code: 'custom', message: `failed to parse build-arg:BUILDKIT_DOCKERFILE_CHECK: ${parsed.error}` });
          })
          .optional()
          .describe(
            "BuildKit's checks for every Dockerfile of the repository, as `docker build --build-arg BUILDKIT_DOCKERFILE_CHECK=…` sets them: `skip=A,B|all;error=true;experimental=C|all`. Replaces each file's `# check=` directive, as in BuildKit.",
          ),
      })
      .optional()
      .describe('Build arguments the builds of this repository pass; Plimsoll reads BUILDKIT_DOCKERFILE_CHECK.'),
  })
  .describe('Plimsoll repository config (.github/plimsoll.yml).');

export interface RepoConfig {
  /** Globs of container definitions; null keeps the defaults of SPEC §1. */
  globs: string[] | null;
  ignore: string[];
  rules: Record<string, LevelSetting>;
  /** `build-args: { BUILDKIT_DOCKERFILE_CHECK }`: BuildKit's checks for every file (LintSettings.buildkitCheck); null when not set. */
  buildkitCheck?: string | null;
  /** Per kind of the files of SPEC §11: other globs, or switched off; absent kinds keep the defaults. */
  kinds?: KindSettings;
}

export type RepoConfigResult =
  | { ok: true; config: RepoConfig; rejected: PolicyError[] }
  | { ok: false; errors: PolicyError[] };

/** Default levels of the PL rules (SPEC §2): a repository may not go below them. */
export const PL_DEFAULT_LEVELS: Readonly<Record<string, Level>> = {
  PL1001: 'error', PL1002: 'error', PL1003: 'warning', PL1004: 'warning', PL1005: 'error', PL1006: 'error', PL1007: 'error', PL1008: 'error', PL1009: 'warning',
  PL2001: 'warning', PL2002: 'error', PL2003: 'error', PL2004: 'warning', PL2005: 'warning', PL2006: 'error', PL2007: 'warning',
  PL2008: 'error', PL2009: 'warning',
};

/** Keys that belong to the ops policy: named specifically, so the developer learns where they go. */
const POLICY_ONLY_KEYS = [
  'exceptions', 'images', 'banned', 'trusted-registries', 'ops', 'bumps',
  'inline-ignore', 'require-digest', 'own-images', 'upstream', 'deploy',
];

const EXCEPTIONS_REFUSED =
  'exceptions: a repository config cannot add exceptions; ask ops to add one to the policy, or to approve the finding on the pull request (/plimsoll approve); ignored';

export function defaultRepoConfig(): RepoConfig {
  return { globs: null, ignore: [], rules: {} };
}

/** Plimsoll's own files: YAML, but never a manifest of any kind. */
const PLIMSOLL_FILES: ReadonlySet<string> = new Set([REPO_CONFIG_PATH, '.github/plimsoll-policy.yml']);

/**
 * What each path of a repository is under its config (SPEC §1, §4, §11): a container definition,
 * a file of another kind that names images, or nothing Plimsoll reads. Build once per repository.
 */
export function classifierFor(config: RepoConfig = defaultRepoConfig()): (path: string) => FileKind | null {
  const classify = fileClassifier({ globs: config.globs, ignore: config.ignore, ...(config.kinds ? { kinds: config.kinds } : {}) });
  return (path) => (PLIMSOLL_FILES.has(path) ? null : classify(path));
}

/**
 * Parse and validate a repository config. `ok: false` (bad YAML, unknown keys, wrong types) means
 * none of it applies; `rejected` lists entries refused on purpose (PL rules lowered or switched off,
 * exceptions, policy keys) while the rest applies.
 */
export function loadRepoConfig(text: string, path: string = REPO_CONFIG_PATH): RepoConfigResult {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const parsed = parseYaml(source, path);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const file = parsed.file;
  if (file.value === null) return { ok: true, config: defaultRepoConfig(), rejected: [] };
  if (typeof file.value !== 'object' || Array.isArray(file.value)) {
    return { ok: false, errors: [{ file: path, line: 1, column: 1, message: 'the config must be a mapping of keys (globs, ignore, kinds, rules, build-args)' }] };
  }

  const rejected: PolicyError[] = [];
  const value = { ...(file.value as Record<string, unknown>) };
  const at = (keyPath: Array<string | number>, message: string): PolicyError => ({ file: path, ...locateKey(file, keyPath), message });
  for (const key of POLICY_ONLY_KEYS) {
    if (!(key in value)) continue;
    delete value[key];
    rejected.push(at([key], key === 'exceptions' ? EXCEPTIONS_REFUSED : `${key}: this key belongs to the ops policy (.github/plimsoll-policy.yml); a repository config cannot set it; ignored`));
  }
  const rules = value.rules;
  if (rules !== null && typeof rules === 'object' && !Array.isArray(rules)) {
    const kept: Record<string, unknown> = {};
    for (const [code, level] of Object.entries(rules)) {
      const refusal = plRefusal(code, level);
      if (refusal === null) kept[code] = level;
      else rejected.push(at(['rules', code], `${formatPath(['rules', code])}: ${refusal}; ignored`));
    }
    value.rules = kept;
  }

  const result = repoConfigSchema.safeParse(value);
  if (!result.success) {
    const errors = issuesToErrors(file, result.error.issues, (p) => keysAt(repoConfigSchema, p));
    return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  }
  const config: RepoConfig = { globs: result.data.globs ?? null, ignore: result.data.ignore ?? [], rules: { ...(result.data.rules ?? {}) } };
  if (result.data.kinds) config.kinds = { ...result.data.kinds };
  const check = result.data['build-args']?.BUILDKIT_DOCKERFILE_CHECK;
  if (check !== undefined) config.buildkitCheck = check;
  return { ok: true, config, rejected: rejected.sort((a, b) => a.line - b.line) };
}

/** Why a repository may not set this PL level, or null when it may (DL codes, raising a PL rule). */
function plRefusal(code: string, level: unknown): string | null {
  if (!code.startsWith('PL')) return null;
  const defaultLevel = PL_DEFAULT_LEVELS[code];
  if (defaultLevel === undefined) return `${code} is not a Plimsoll rule`;
  if (level === 'off' || level === 'ignore') return `${code} is set by the ops policy and cannot be switched off in a repository`;
  if (typeof level === 'string' && isLevel(level) && levelRank(level) < levelRank(defaultLevel)) {
    return `${code} is set by the ops policy and cannot be lowered below ${defaultLevel} in a repository`;
  }
  return null;
}

function isLevel(value: string): value is Level {
  return value === 'error' || value === 'warning' || value === 'info' || value === 'style';
}

/**
 * Levels in force for one repository: policy levels, then the repository's for DL codes (theirs to
 * tune); for PL codes the repository can only raise what the policy (or the default) sets.
 */
export function mergeRuleLevels(policyRules: Record<string, LevelSetting>, repoRules: Record<string, LevelSetting>): Record<string, LevelSetting> {
  const merged: Record<string, LevelSetting> = { ...policyRules };
  for (const [code, level] of Object.entries(repoRules)) {
    if (!code.startsWith('PL')) {
      merged[code] = level;
      continue;
    }
    const current = merged[code] ?? PL_DEFAULT_LEVELS[code];
    if (current === undefined || level === 'off' || level === 'ignore') continue;
    if (current === 'off' || current === 'ignore' || levelRank(level) > levelRank(current)) merged[code] = level;
  }
  return merged;
}
