import { compareFindings, type Finding, type Level } from '../findings.js';
import { parseDockerfile } from '../dockerfile/model.js';
import type { Dockerfile } from '../dockerfile/types.js';
import type { PolicyContext } from '../policy/context.js';
import { allRules } from '../rules/index.js';
import { configuredLevel } from '../rules/families.js';
import type { Rule, RuleContext, RuleHit } from '../rules/rule.js';
import type { BuildFacts } from '../dockerfile/build-facts.js';
import { BuildKitChecks } from './buildkit-checks.js';
import { applyPragmas } from './pragmas.js';
import { defaultSettings, type LintSettings } from '../rules/settings.js';

export interface LintOptions {
  settings?: LintSettings;
  policy?: PolicyContext | null;
  /** Rules to run; all registered rules by default. */
  rules?: readonly Rule[];
  /** What the build would know besides the file (`.dockerignore`, base image configs), fetched beforehand. */
  build?: BuildFacts;
}

export interface LintResult {
  findings: Finding[];
  dockerfile: Dockerfile;
}

/** Code of the finding for a file that is not a valid Dockerfile (hadolint's). */
export const PARSE_ERROR_CODE = 'DL1000';

/** Parse and lint one file. Pure: the caller reads the file. Never throws on bad input. */
export function lintText(path: string, text: string, options: LintOptions = {}): LintResult {
  const dockerfile = parseDockerfile(path, text);
  return { findings: lintDockerfile(dockerfile, options), dockerfile };
}

/**
 * Run rules over a parsed file, then apply levels (config overrides, `off` drops) and finally the
 * ignore pragmas, so no rule knows about ignores (as in hadolint's Process.run).
 */
export function lintDockerfile(dockerfile: Dockerfile, options: LintOptions = {}): Finding[] {
  const policy = options.policy ?? null;
  const base = options.settings ?? defaultSettings();
  // With a policy, PL codes are the policy's: an ignore list or a pragma may not drop them.
  const settings: LintSettings = policy ? { ...base, inlineIgnorablePL: policy.policy.inlineIgnore } : base;
  const rules = options.rules ?? allRules;
  const context: RuleContext = { settings, policy };
  if (options.build) context.build = options.build;
  // BuildKit's `# check=` directive, read once per file and applied to BuildKit's checks only.
  let checks: BuildKitChecks | undefined;
  const findings: Finding[] = [];

  for (const problem of dockerfile.problems) {
    findings.push({
      code: PARSE_ERROR_CODE,
      level: 'error',
      file: dockerfile.path,
      line: problem.line,
      column: problem.column,
      message: problem.message,
    });
  }

  for (const { rule, level: configured } of rulesToRun(rules, settings, policy !== null)) {
    let level = configured;
    if (rule.buildkit) {
      checks ??= new BuildKitChecks(dockerfile, settings);
      if (!checks.runs(rule)) continue;
      if (checks.base.error) level = 'error';
    }
    for (const hit of rule.check(dockerfile, context)) {
      if (rule.buildkit && !checks!.keeps(rule, hit)) continue;
      findings.push(toFinding(dockerfile, rule.code, level, hit, rule.message));
    }
  }
  return applyPragmas(findings, dockerfile, settings).sort(compareFindings);
}

interface RuleRun {
  rule: Rule;
  level: Level;
}

/** Which rules run at which level, per rule list and settings object (the same for every file of a run). */
const runsBySettings = new WeakMap<LintSettings, WeakMap<readonly Rule[], { levels: LintSettings['levels']; ignored: LintSettings['ignored']; runs: RuleRun[] }>>();

/** The rules not ignored nor switched off, each with its level; worked out once per run, not per file. */
function rulesToRun(rules: readonly Rule[], settings: LintSettings, withPolicy: boolean): RuleRun[] {
  // With a policy the settings are made afresh for each file (above): nothing to keep.
  const byRules = withPolicy ? undefined : runsBySettings.get(settings);
  const kept = byRules?.get(rules);
  if (kept && kept.levels === settings.levels && kept.ignored === settings.ignored) return kept.runs;
  const ignored = new Set(withPolicy ? settings.ignored.filter((code) => !code.startsWith('PL')) : settings.ignored);
  const runs: RuleRun[] = [];
  for (const rule of rules) {
    if (ignored.has(rule.code)) continue;
    const level = effectiveLevel(rule, settings);
    if (level !== null) runs.push({ rule, level });
  }
  if (!withPolicy) {
    const entry = { levels: settings.levels, ignored: settings.ignored, runs };
    if (byRules) byRules.set(rules, entry);
    else runsBySettings.set(settings, new WeakMap([[rules, entry]]));
  }
  return runs;
}

/**
 * Findings that come from outside the rule list (ShellCheck's SC codes), put through the same
 * config: `ignored`, level overrides and the ignore pragmas, exactly as rule findings are.
 */
export function settleFindings(
  dockerfile: Dockerfile,
  hits: ReadonlyArray<RuleHit & { code: string; level: Level; message: string }>,
  settings: LintSettings = defaultSettings(),
): Finding[] {
  const ignored = new Set(settings.ignored);
  const findings: Finding[] = [];
  for (const hit of hits) {
    if (ignored.has(hit.code)) continue;
    const level = effectiveLevel(hit, settings);
    if (level !== null) findings.push(toFinding(dockerfile, hit.code, level, hit, hit.message));
  }
  return applyPragmas(findings, dockerfile, settings).sort(compareFindings);
}

function toFinding(dockerfile: Dockerfile, code: string, level: Level, hit: RuleHit, message: string): Finding {
  const finding: Finding = { code, level, file: dockerfile.path, line: hit.line, column: hit.column ?? 1, message: hit.message ?? message };
  if (hit.endLine !== undefined) finding.endLine = hit.endLine;
  if (hit.endColumn !== undefined) finding.endColumn = hit.endColumn;
  return finding;
}

/** The level a rule reports at, or null when it is switched off (its own level setting, else its family's). */
export function effectiveLevel(rule: Pick<Rule, 'code' | 'level'>, settings: LintSettings): Level | null {
  const level = configuredLevel(settings.levels, rule.code) ?? rule.level;
  return level === 'off' || level === 'ignore' ? null : level;
}
