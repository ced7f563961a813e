import { goPinned, packageInstalls } from '../dockerfile/facts/packages.js';
import { presentCommands } from '../dockerfile/facts/scripts.js';
import type { Instruction } from '../dockerfile/types.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/**
 * hadolint DL3062: `go install`, `go get` and `go run` of a module without `@<version>` (or with
 * `@latest`/`@none`) fetch whatever is newest. Local paths are fine. When a RUN has a `go run`,
 * only its packages are judged (as in hadolint).
 */
export const DL3062: Rule = {
  code: 'DL3062', level: 'warning', message: 'Pin versions in go. Instead of `go install <package>` use `go install <package>@<version>`',
  check: withOnbuild(simpleRule((run) => !goPackages(run).every(goPinned))),
};

function goPackages(run: Instruction): string[] {
  const installs = packageInstalls(presentCommands(run), 'go');
  const runs = installs.filter((i) => i.verb === 'run').flatMap((i) => i.packages);
  return runs.length > 0 ? runs : installs.filter((i) => i.verb !== 'run').flatMap((i) => i.packages);
}
