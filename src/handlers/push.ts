import { containerDefinitionMatcher } from '../files/globs.js';
import { POLICY_PATH } from '../policy/load.js';
import { REPO_CONFIG_PATH } from '../policy/repo-config.js';
import { isPolicyRepository } from '../github/client.js';

/** The parts of a `push` payload this handler reads. */
export interface PushPayload {
  ref: string;
  before: string;
  after: string;
  repository: { name: string; owner: { login: string }; default_branch: string };
  commits: { added?: string[]; modified?: string[]; removed?: string[] }[];
}

export type PushEffect =
  | { kind: 'fan-out'; before: string; after: string }
  | { kind: 'inventory'; repo: string; paths: string[] }
  | { kind: 'none' };

/**
 * What a push asks for (SPEC §7): on the policy repository's default branch, a change to the
 * policy file starts a fan-out (old and new policy compared); on any default branch, a change to
 * container definitions refreshes that repository in the inventory. Other pushes: nothing.
 */
export function pushEffect(payload: PushPayload, globs?: readonly string[], policyRepo?: string): PushEffect {
  const { repository } = payload;
  if (payload.ref !== `refs/heads/${repository.default_branch}`) return { kind: 'none' };
  const touched = new Set(payload.commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]));
  if (isPolicyRepository(repository.owner.login, repository.name, policyRepo) && touched.has(POLICY_PATH)) {
    return { kind: 'fan-out', before: payload.before, after: payload.after };
  }
  const isDefinition = containerDefinitionMatcher(globs);
  // The repository's own config may change which files are container definitions.
  const paths = [...touched].filter((path) => isDefinition(path) || path === REPO_CONFIG_PATH).sort();
  return paths.length > 0 ? { kind: 'inventory', repo: `${repository.owner.login}/${repository.name}`, paths } : { kind: 'none' };
}
