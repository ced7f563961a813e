import { expandVariables } from '../dockerfile/expand.js';
import { variablesAt } from '../dockerfile/facts/scope.js';
import type { Dockerfile, Instruction, Stage } from '../dockerfile/types.js';
import type { Rule } from './rule.js';

/**
 * PL2001: the image a build ships is its final stage; if that stage ends as root (no USER at all,
 * or a last USER of root / 0 / ContainerAdministrator), every process in the container runs as
 * root. A stage built FROM an earlier stage inherits that stage's USER.
 */
export const PL2001: Rule = {
  code: 'PL2001', level: 'warning', message: 'The final stage runs as root: set USER to a non-root user',
  check(dockerfile) {
    const final = dockerfile.stages[dockerfile.stages.length - 1];
    if (!final) return []; // a fragment without FROM builds no image
    const user = effectiveUser(dockerfile, final, 0);
    if (user.kind === 'set') {
      const root = rootName(user.value);
      return root === null ? [] : [{ line: user.instruction.line, message: rootMessage(user.instruction, root) }];
    }
    if (user.kind === 'unknown' || runsAsNonRootByDefault(user.base)) return [];
    const message = isWindows(user.base)
      ? 'The final stage runs as ContainerAdministrator: no USER is set; add `USER ContainerUser`'
      : 'The final stage runs as root: no USER is set; add `USER <non-root user>`';
    return [{ line: final.from.line, message }];
  },
};

type User =
  | { kind: 'set'; value: string; instruction: Instruction }
  | { kind: 'none'; base: Stage }
  | { kind: 'unknown' };

/** The last USER in force at the end of a stage, following FROM <earlier stage> chains. */
function effectiveUser(dockerfile: Dockerfile, stage: Stage, depth: number): User {
  const users = stage.instructions.filter((i) => i.keyword === 'USER');
  const last = users[users.length - 1];
  if (last) {
    const value = expandUser(dockerfile, last);
    return value === null ? { kind: 'unknown' } : { kind: 'set', value, instruction: last };
  }
  const parent = stage.image.kind === 'stage' ? dockerfile.stages[stage.image.stageRef!] : undefined;
  if (parent && parent.index < stage.index && depth < dockerfile.stages.length) {
    return effectiveUser(dockerfile, parent, depth + 1);
  }
  return { kind: 'none', base: stage };
}

/**
 * The USER's value with the ARG defaults and ENV values in scope substituted; null when a variable
 * has no known value (`USER $APP_USER` from a build argument): then nothing can be said.
 */
function expandUser(dockerfile: Dockerfile, user: Instruction): string | null {
  const raw = user.words[0]?.value ?? '';
  const value = expandVariables(raw.replace(/^["']|["']$/g, ''), variablesAt(dockerfile, user)).value;
  return value === null || (value === '' && raw.includes('$')) ? null : value;
}

/** `root` / `0` / `root:…` / `0:…` / Windows' `ContainerAdministrator`: the root-equivalent name, else null. */
function rootName(value: string): string | null {
  const name = value.split(':')[0]!.trim();
  if (name === 'root' || /^0+$/.test(name)) return name;
  if (/^(ContainerAdministrator|NT AUTHORITY\\SYSTEM)$/i.test(name)) return name;
  return null;
}

function rootMessage(user: Instruction, root: string): string {
  const shown = user.argsText.trim();
  return root.toLowerCase() === 'containeradministrator' || root.toUpperCase().startsWith('NT AUTHORITY')
    ? `The final stage runs as an administrator (\`USER ${shown}\`): use ContainerUser or another unprivileged account`
    : `The final stage runs as root (\`USER ${shown}\`): switch to a non-root user before the stage ends`;
}

/**
 * Base images that document a non-root default user: tags or names saying so (`distroless:nonroot`,
 * `nginx-unprivileged`, `…-rootless`) and Windows Nano Server (ContainerUser by default).
 */
function runsAsNonRootByDefault(stage: Stage): boolean {
  const image = stage.image;
  if (image.kind !== 'image' || !image.ref) return false;
  const text = `${image.ref.repository}:${image.ref.tag ?? ''}`.toLowerCase();
  return /non-?root|rootless|unprivileged|nanoserver/.test(text);
}

/** Windows Server Core and friends start as ContainerAdministrator. */
function isWindows(stage: Stage): boolean {
  const ref = stage.image.ref;
  return ref !== null && /windows|servercore|ltsc20\d\d/.test(`${ref.repository}:${ref.tag ?? ''}`.toLowerCase());
}
