import { commentsAbove, directiveOf, topDirectives } from '../dockerfile/facts/comments.js';
import type { Dockerfile } from '../dockerfile/types.js';
import type { Rule, RuleHit } from '../rules/rule.js';
import type { LintSettings } from './settings.js';

/*
 * BuildKit's `# check=` directive (frontend/dockerfile/linter): which of BuildKit's checks run, and
 * whether they fail the build. Applied by the engine to BuildKit's checks, once, after each runs,
 * exactly as BuildKit's one `lint.Run` applies it; no rule knows about it.
 */

/** One reading of `skip=…;error=…;experimental=…` (BuildKit's `linter.Config`). */
export interface CheckConfig {
  skipAll: boolean;
  skip: ReadonlySet<string>;
  experimentalAll: boolean;
  experimental: ReadonlySet<string>;
  /** `error=true`: every BuildKit finding fails the build. */
  error: boolean;
}

export type CheckParse = { ok: true; config: CheckConfig } | { ok: false; error: string };

export const EMPTY_CHECK_CONFIG: CheckConfig = { skipAll: false, skip: new Set(), experimentalAll: false, experimental: new Set(), error: false };

/** Go's `strconv.ParseBool`. */
const BOOLEANS: Record<string, boolean> = { 1: true, t: true, T: true, TRUE: true, true: true, True: true, 0: false, f: false, F: false, FALSE: false, false: false, False: false };

/**
 * BuildKit's `linter.ParseLintOptions`, quirks included: at most three `;`-separated parts (a
 * fourth stays in the third's value), names split at `,` and trimmed, case-sensitive. The errors
 * are BuildKit's own words.
 */
export function parseCheckOptions(text: string): CheckParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, config: EMPTY_CHECK_CONFIG };
  const parts = splitN(trimmed, ';', 3);
  let skipAll = false;
  let experimentalAll = false;
  let error = false;
  let skip: string[] = [];
  let experimental: string[] = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq === -1) return { ok: false, error: `invalid check option "${part}"` };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    switch (key) {
      case 'skip':
        if (value === 'all') skipAll = true;
        else skip = value.split(',').map((name) => name.trim());
        break;
      case 'experimental':
        if (value === 'all') experimentalAll = true;
        else experimental = value.split(',').map((name) => name.trim());
        break;
      case 'error': {
        const parsed = BOOLEANS[value];
        if (parsed === undefined) return { ok: false, error: `failed to parse check option "${part}": strconv.ParseBool: parsing "${value}": invalid syntax` };
        error = parsed;
        break;
      }
      default:
        return { ok: false, error: `invalid check option "${key}"` };
    }
  }
  return { ok: true, config: { skipAll, skip: new Set(skip), experimentalAll, experimental: new Set(experimental), error } };
}

/** Go's `strings.SplitN`. */
function splitN(text: string, separator: string, n: number): string[] {
  const parts = text.split(separator);
  return parts.length <= n ? parts : [...parts.slice(0, n - 1), parts.slice(n - 1).join(separator)];
}

/** The file's `# check=` directive as BuildKit reads it (the value up to its first blank), with its line. */
export function checkDirective(dockerfile: Dockerfile): { value: string; line: number } | null {
  const directive = topDirectives(dockerfile.text).find((d) => d.name === 'check');
  return directive === undefined ? null : { value: directive.value.split(' ')[0]!, line: directive.line };
}

/**
 * The `# check=` comment above an instruction (`WithMergedConfigFromComments`): the first comment
 * holding a check directive decides; one that does not parse changes nothing.
 */
export function localCheck(dockerfile: Dockerfile, line: number): { value: string; parsed: CheckParse } | null {
  for (const comment of commentsAbove(dockerfile, line)) {
    const directive = directiveOf(comment);
    if (directive?.name !== 'check') continue;
    const value = directive.value.split(' ')[0]!;
    return { value, parsed: parseCheckOptions(value) };
  }
  return null;
}

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
