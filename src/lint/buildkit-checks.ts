import { EMPTY_CHECK_CONFIG, checkDirective, localCheck, parseCheckOptions, type CheckConfig } from '../dockerfile/check-directive.js';
import type { Dockerfile } from '../dockerfile/types.js';
import type { Rule, RuleHit } from '../rules/rule.js';
import type { LintSettings } from '../rules/settings.js';

/*
 * BuildKit's `# check=` directive applied by the engine to BuildKit's checks, once, after each
 * runs, exactly as BuildKit's one `lint.Run` applies it; no rule knows about it.
 */

/** `WithMergedConfig`: a local comment adds skips and experimental rules, never `error`. */
function merge(base: CheckConfig, local: CheckConfig): CheckConfig {
  return {
    skipAll: base.skipAll || local.skipAll,
    skip: local.skip.size === 0 ? base.skip : new Set([...base.skip, ...local.skip]),
    experimentalAll: base.experimentalAll || local.experimentalAll,
    experimental: local.experimental.size === 0 ? base.experimental : new Set([...base.experimental, ...local.experimental]),
    error: base.error,
  };
}

function enables(config: CheckConfig, rule: Rule): boolean {
  // Experimental rules answer to `experimental=` only; `skip=` does not reach them (linter.Run).
  if (rule.buildkit?.experimental) return config.experimentalAll || config.experimental.has(rule.code);
  return !(config.skipAll || config.skip.has(rule.code));
}

/**
 * The checks in force for one file: the `BUILDKIT_DOCKERFILE_CHECK` build argument when one is
 * given (it replaces the file's directive, as in BuildKit), else the file's `# check=` directive;
 * then, per instruction, the `# check=` comment above it. A directive BuildKit refuses fails the
 * build (PL2008 says so) and checks nothing.
 */
export class BuildKitChecks {
  readonly base: CheckConfig;
  /** The directive does not parse: BuildKit fails the build before any check. */
  readonly refused: boolean;
  private readonly local = new Map<number, CheckConfig>();
  private readonly firstProblem: number;

  constructor(private readonly dockerfile: Dockerfile, settings: Pick<LintSettings, 'buildkitCheck'>) {
    const given = settings.buildkitCheck ?? checkDirective(dockerfile)?.value ?? '';
    const parsed = parseCheckOptions(given);
    this.refused = !parsed.ok;
    this.base = parsed.ok ? parsed.config : EMPTY_CHECK_CONFIG;
    this.firstProblem = Math.min(...dockerfile.problems.map((p) => p.line));
  }

  /** False when no hit of the rule can be kept: the rule need not run. */
  runs(rule: Rule): boolean {
    if (this.refused) return false;
    if (enables(this.base, rule)) return true;
    // A local comment only adds: it can turn an experimental rule on, never a skipped one back on.
    if (!rule.buildkit?.experimental || this.dockerfile.comments.length === 0) return false;
    return this.dockerfile.instructions.some((i) => enables(this.configAt(i.line), rule));
  }

  /** Whether a hit of a BuildKit rule is reported. */
  keeps(rule: Rule, hit: RuleHit): boolean {
    // BuildKit stops at the first line it cannot parse; checks made while parsing report above it.
    if (Number.isFinite(this.firstProblem) && !(rule.buildkit?.parsePhase && hit.line < this.firstProblem)) return false;
    return enables(hit.checkedAt === undefined ? this.base : this.configAt(hit.checkedAt), rule);
  }

  private configAt(line: number): CheckConfig {
    let config = this.local.get(line);
    if (config === undefined) {
      const local = this.dockerfile.comments.length === 0 ? null : localCheck(this.dockerfile, line);
      config = local?.parsed.ok ? merge(this.base, local.parsed.config) : this.base;
      this.local.set(line, config);
    }
    return config;
  }
}
