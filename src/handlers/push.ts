import { basename } from 'node:path/posix';
import type { Context } from 'probot';
import { POLICY_PATH } from '../policy/load.js';
import { isPolicyRepository } from '../policy/location.js';
import { classifierFor, defaultRepoConfig, REPO_CONFIG_PATH } from '../policy/repo-config.js';
import type { Runtime } from '../runtime.js';
import type { FanOutService } from './fanout.js';

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
 * container definitions, or to the files of other kinds that name images (SPEC §11: compose files
 * and the `.env` beside them, YAML that may be a manifest, workflows, dev containers), refreshes
 * that repository in the inventory. Other pushes: nothing. Pure.
 */
export function pushEffect(payload: PushPayload, globs?: readonly string[], policyRepo?: string): PushEffect {
  const { repository } = payload;
  if (payload.ref !== `refs/heads/${repository.default_branch}`) return { kind: 'none' };
  const touched = new Set(payload.commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]));
  if (isPolicyRepository(repository.owner.login, repository.name, policyRepo) && touched.has(POLICY_PATH)) {
    return { kind: 'fan-out', before: payload.before, after: payload.after };
  }
  const classify = classifierFor(globs ? { ...defaultRepoConfig(), globs: [...globs] } : undefined);
  // The repository's own config may change which files are read.
  const paths = [...touched].filter((path) => classify(path) !== null || basename(path) === '.env' || path === REPO_CONFIG_PATH).sort();
  return paths.length > 0 ? { kind: 'inventory', repo: `${repository.owner.login}/${repository.name}`, paths } : { kind: 'none' };
}

/**
 * `push`: a push to a default branch drops that repository's cached config; a policy change gets
 * its commit's check and the fan-out; container definitions pushed refresh the inventory.
 */
export function onPush(runtime: Runtime, fanOut: FanOutService) {
  return async (context: Context<'push'>): Promise<void> => {
    const payload = context.payload as unknown as PushPayload;
    const { repository } = context.payload;
    const owner = payload.repository.owner.login;
    if (payload.ref === `refs/heads/${repository.default_branch}`) runtime.repoConfigs.invalidate({ owner, repo: repository.name });
    const effect = pushEffect(payload, undefined, runtime.policyRepo);
    const installationId = context.payload.installation?.id ?? 0;
    const log = context.log.child({ delivery: context.id, event: 'push', repo: repository.full_name });
    if (effect.kind === 'fan-out') {
      fanOut.policyPushed(context.octokit, { installationId, org: owner, defaultBranch: repository.default_branch, before: effect.before, after: effect.after }, log);
    } else if (effect.kind === 'inventory') {
      // GitHub sends `pushed_at` as seconds in a push payload, as a date elsewhere: stored as the REST API writes it.
      const pushedAt = typeof repository.pushed_at === 'number' ? new Date(repository.pushed_at * 1000).toISOString().replace('.000Z', 'Z') : (repository.pushed_at ?? null);
      fanOut.definitionsPushed(context.octokit, installationId, { owner, name: repository.name, fullName: repository.full_name, defaultBranch: repository.default_branch, pushedAt }, log);
    }
  };
}
