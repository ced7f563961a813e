import type { Logger } from 'probot';
import type { Octokit, RepoRef } from '../github/client.js';
import { withRetry } from '../github/retry.js';
import type { Runtime } from '../runtime.js';
import type { FanOutService } from './fanout.js';
import { checkPolicyCommit } from './policy-commit.js';
import { checkPolicyPullRequest, type PolicyPull } from './policy-pull-request.js';

/**
 * The checks of the policy repository (SPEC §3, §7) that are not the fan-out: the check and
 * preview of a pull request that changes the policy, and "Re-run" on a policy check. The event
 * handlers (pull-request.ts, rerun.ts) route here.
 */
export interface PolicyRepository {
  /** Checks a pull request of the policy repository, one at a time per pull request; false when it does not change the policy (then it is reviewed like any other). */
  checkPull(octokit: Octokit, pull: PolicyPull, log: Logger): Promise<boolean>;
  /** "Re-run" on the check of a commit the policy changed on the default branch. */
  rerunCommit(octokit: Octokit, run: { installationId: number; repo: RepoRef; headSha: string; defaultBranch: string }, log: Logger): Promise<void>;
}

export function policyRepository(runtime: Runtime, fanOut: FanOutService): PolicyRepository {
  const checkPull = (octokit: Octokit, pull: PolicyPull, log: Logger): Promise<boolean> =>
    runtime.background
      .run(`pull:${pull.repo.owner}/${pull.repo.repo}#${pull.number}`.toLowerCase(), () =>
        checkPolicyPullRequest(octokit, pull, {
          source: runtime.policies,
          identity: runtime.identity,
          inventory: fanOut.inventoryFor,
          now: () => runtime.now(),
          limits: runtime.writeLimits,
          log,
          retry: runtime.retry,
          ...(runtime.policyRepo ? { policyRepo: runtime.policyRepo } : {}),
        }),
      )
      .then((result) => result === 'checked')
      .catch((error: unknown) => {
        log.error({ err: error }, 'policy pull request check failed');
        return true;
      });

  return {
    checkPull,
    rerunCommit: async (octokit, run, log) => {
      try {
        const { data } = await withRetry(() => octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', { ...run.repo, ref: run.headSha }), runtime.retry);
        const push = { installationId: run.installationId, org: run.repo.owner, defaultBranch: run.defaultBranch, before: data.parents[0]?.sha ?? '0'.repeat(40), after: run.headSha, rerun: true };
        await checkPolicyCommit(octokit, push, { source: runtime.policies, identity: runtime.identity, log, retry: runtime.retry, ...(runtime.policyRepo ? { policyRepo: runtime.policyRepo } : {}) });
      } catch (error) {
        log.error({ err: error }, 'policy commit check failed');
      }
    },
  };
}
