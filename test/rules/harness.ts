import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import { lintDockerfile } from '../../src/lint/lint.js';
import { defaultSettings, type LintSettings } from '../../src/lint/settings.js';
import type { PolicyContext } from '../../src/policy/context.js';
import type { Rule } from '../../src/rules/rule.js';

/** One row of a rule's table: a Dockerfile and the lines the rule must report (empty: none). */
export interface RuleCase {
  name: string;
  dockerfile: string;
  lines: number[];
  /** When set, every finding's message must contain this text. */
  message?: string;
  settings?: Partial<LintSettings>;
  policy?: PolicyContext;
}

/**
 * Lint with this rule alone, pragmas applied, the rule switched on even when it is off by default
 * (as hadolint's own specs run it), and compare the reported lines.
 */
export function lintWith(rule: Rule, dockerfile: string, extra: Partial<LintSettings> = {}, policy?: PolicyContext) {
  const settings: LintSettings = { ...defaultSettings(), ...extra };
  if (rule.level === 'off' && !(rule.code in settings.levels)) {
    settings.levels = { ...settings.levels, [rule.code]: 'info' };
  }
  return lintDockerfile(parseDockerfile('Dockerfile', dockerfile), { rules: [rule], settings, policy: policy ?? null })
    .filter((f) => f.code === rule.code);
}

export function describeRule(rule: Rule, cases: RuleCase[]): void {
  describe(`${rule.code}`, () => {
    it('has a code, a level and a one-line message', () => {
      expect(rule.code).toMatch(rule.buildkit ? /^[A-Z][A-Za-z]+$/ : /^(DL|PL)\d{4}$/);
      expect(['error', 'warning', 'info', 'style', 'off']).toContain(rule.level);
      expect(rule.message.length).toBeGreaterThan(0);
      expect(rule.message).not.toContain('\n');
    });
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const findings = lintWith(rule, c.dockerfile, c.settings, c.policy);
      expect(findings.map((f) => f.line)).toEqual(c.lines);
      if (c.message !== undefined) for (const f of findings) expect(f.message).toContain(c.message);
    });
  });
}
