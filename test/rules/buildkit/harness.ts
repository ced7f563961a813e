import { describe, expect, it } from 'vitest';
import type { BaseImageConfig, BuildFacts } from '../../../src/dockerfile/build-facts.js';
import type { Level } from '../../../src/findings.js';
import { lintText } from '../../../src/lint/lint.js';
import { defaultSettings, type LintSettings } from '../../../src/lint/settings.js';
import { allRules } from '../../../src/rules/index.js';
import type { Rule } from '../../../src/rules/rule.js';

/**
 * One row of a BuildKit check's table: a Dockerfile and the findings BuildKit gives for it, as
 * `[line, message]` (BuildKit's `Line` and `Detail`), sorted as BuildKit's test sorts them (line,
 * then message). `from` names the Go test of frontend/dockerfile/dockerfile_check_test.go the row
 * was taken from, or says why the row is ours.
 */
export interface BuildKitCase {
  name: string;
  from: string;
  dockerfile: string;
  expect: Array<[number, string]>;
  /** The level every expected finding has (default warning; `error=true` makes it error). */
  level?: Level;
  /** BuildKit's `build-arg:BUILDKIT_DOCKERFILE_CHECK`. */
  buildArg?: string;
  /** `.dockerignore` patterns beside the Dockerfile. */
  dockerignore?: string[];
  /** Base image configs by image key (`docker.io/library/node:20`). */
  images?: Record<string, BaseImageConfig>;
  platform?: string;
  /** Run every BuildKit check, not only the one under test (for the directive's effects). */
  allChecks?: true;
}

const buildkitRules = allRules.filter((rule) => rule.buildkit);

export function lintBuildKit(rules: readonly Rule[], dockerfile: string, options: { buildArg?: string; build?: BuildFacts; settings?: Partial<LintSettings> } = {}) {
  const settings: LintSettings = { ...defaultSettings(), ...options.settings, buildkitCheck: options.buildArg ?? null };
  return lintText('Dockerfile', dockerfile, { rules, settings, ...(options.build ? { build: options.build } : {}) }).findings;
}

export function describeBuildKit(rule: Rule, cases: BuildKitCase[]): void {
  describe(rule.code, () => {
    it("has BuildKit's name, level warning and BuildKit's description as its message", () => {
      expect(rule.code).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(rule.level).toBe('warning');
      expect(rule.buildkit).toBeDefined();
      expect(rule.message).not.toContain('\n');
    });
    it.each(cases.map((c) => [`${c.name} (${c.from})`, c] as const))('%s', (_name, c) => {
      const build: BuildFacts = {};
      if (c.dockerignore) build.dockerignore = c.dockerignore;
      if (c.images) build.images = new Map(Object.entries(c.images));
      if (c.platform) build.platform = c.platform;
      const findings = lintBuildKit(c.allChecks ? buildkitRules : [rule], c.dockerfile, { ...(c.buildArg !== undefined ? { buildArg: c.buildArg } : {}), build })
        .filter((f) => c.allChecks || f.code === rule.code);
      const got = findings.map((f) => [f.line, f.message] as [number, string]).sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
      const want = [...c.expect].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
      expect(got).toEqual(want);
      for (const f of findings) expect(f.level).toBe(c.level ?? 'warning');
    });
  });
}
