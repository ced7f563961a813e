import type { Level, LevelSetting } from '../findings.js';

/**
 * Everything that tunes linting, merged from `.hadolint.yaml`, the repository config, the policy
 * and the command line. Pure data.
 */
export interface LintSettings {
  /** Codes to drop (hadolint `ignored`). */
  ignored: string[];
  /** Per-code level; `off`/`ignore` drops the code (hadolint `override`, policy `rules:`). */
  levels: Record<string, LevelSetting>;
  /** Registries DL3026 accepts; empty = rule does nothing (hadolint `trustedRegistries`). */
  trustedRegistries: string[];
  /** Label name -> type for DL3049–DL3058 (`text|url|semver|hash|rfc3339|spdx|email`). */
  labelSchema: Record<string, string>;
  /** DL3050: labels outside labelSchema are reported. */
  strictLabels: boolean;
  /** Ignore pragmas switched off (hadolint `disable-ignore-pragma`). */
  disableIgnorePragma: boolean;
  /**
   * PL codes an inline pragma may waive; null: every code (no policy applies). With a policy, a PL
   * code outside this list stays, marked `ignoredInline` (SPEC §8, the policy's `inline-ignore`).
   */
  inlineIgnorablePL: readonly string[] | null;
  /** Exit status threshold; `none` never fails. */
  failureThreshold: Level | 'none';
  /**
   * `BUILDKIT_DOCKERFILE_CHECK` given as a build argument (repository config `build-args:`, CLI
   * `--build-arg`): replaces every file's `# check=` directive, as in BuildKit; null when not given.
   */
  buildkitCheck: string | null;
}

export function defaultSettings(): LintSettings {
  return {
    ignored: [],
    levels: {},
    trustedRegistries: [],
    labelSchema: {},
    strictLabels: false,
    disableIgnorePragma: false,
    inlineIgnorablePL: null,
    failureThreshold: 'error',
    buildkitCheck: null,
  };
}
