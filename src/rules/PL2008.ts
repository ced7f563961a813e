import { checkDirective, parseCheckOptions } from '../lint/check-directive.js';
import type { Rule } from './rule.js';

/**
 * PL2008: BuildKit refuses the file's `# check=` directive (`skip=A;error=yes`, `skipp=A`), so
 * `docker build` fails before its first step. The message is BuildKit's error. With the
 * `BUILDKIT_DOCKERFILE_CHECK` build argument given, BuildKit never reads the directive: no finding.
 */
export const PL2008: Rule = {
  code: 'PL2008', level: 'error', message: 'BuildKit refuses this # check= directive: the build fails',
  check(dockerfile, context) {
    if (context.settings.buildkitCheck !== null) return [];
    const directive = checkDirective(dockerfile);
    if (directive === null) return [];
    const parsed = parseCheckOptions(directive.value);
    if (parsed.ok) return [];
    return [{ line: directive.line, message: `BuildKit refuses this # check= directive, the build fails: failed to parse check options: ${parsed.error}` }];
  },
};
