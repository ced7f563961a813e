import { commentsAbove, directiveOf, topDirectives } from './facts/comments.js';
import type { Dockerfile } from './types.js';

/*
 * BuildKit's `# check=` directive (frontend/dockerfile/linter): which of BuildKit's checks run, and
 * whether they fail the build, read as BuildKit reads it. The engine applies it
 * (../lint/buildkit-checks.ts); PL2008/PL2009 and the repository config's build argument check it.
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
