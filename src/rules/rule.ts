import type { Level } from '../findings.js';
import type { Dockerfile } from '../dockerfile/types.js';
import type { LintSettings } from '../lint/settings.js';
import type { PolicyContext } from '../policy/context.js';

/** Where a rule fires. Line is 1-based; column defaults to 1 (as hadolint reports). */
export interface RuleHit {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Overrides the rule's default message when the finding needs specifics. */
  message?: string;
}

/** What a rule may read besides the Dockerfile: settings only, never I/O. */
export interface RuleContext {
  settings: LintSettings;
  /** The ops policy, when one applies (PL1xxx rules read it); null otherwise. */
  policy: PolicyContext | null;
}

/**
 * One lint rule (hadolint's one-module-per-rule). `level` is the default; `'off'` means the rule
 * runs only when a config gives it a level (hadolint's `ignore` severity, e.g. DL1001, DL3057).
 */
export interface Rule {
  code: string;
  level: Level | 'off';
  /** One line: what is wrong, imperative where possible (hadolint's message). */
  message: string;
  check(dockerfile: Dockerfile, context: RuleContext): RuleHit[];
}

/** Documentation page of a rule, linked from every output; ShellCheck's codes link to ShellCheck's wiki. */
export function docsUrl(code: string): string {
  if (/^SC\d+$/.test(code)) return `https://www.shellcheck.net/wiki/${code}`;
  return `https://github.com/plimsoll-app/plimsoll/blob/main/docs/rules/${code}.md`;
}
