/**
 * ShellCheck codes hadolint never reports (its `Shell.hs` exclusions): 2187, ash scripts are
 * checked as dash; 1090 and 1091, a sourced file needs a `# shellcheck source=` directive, which
 * a Dockerfile cannot carry.
 */
export const EXCLUDED_CODES = [2187, 1090, 1091] as const;
