import type { Context } from 'probot';
import { PullRequestClient } from '../github/pulls.js';
import { isPolicyRepository } from '../config/location.js';
import { CHECK_NAME } from '../review/render.js';
import type { Runtime } from '../runtime.js';
import type { PolicyRepository } from './policy-repo.js';
import { inBackground, reviewPullRequest, type ReviewEnv } from './review.js';

type RerunEvent = Context<'check_run.rerequested' | 'check_suite.rerequested'>;

/**
 * "Re-run" on this app's `plimsoll` check (or its suite): on the policy repository, the policy
 * check again; elsewhere, the review of every open pull request of that commit.
 */
export function onRerun(runtime: Runtime, policyRepository: PolicyRepository) {
  return async (context: RerunEvent): Promise<void> => {
    const payload = context.payload;
    const run = 'check_run' in payload ? payload.check_run : null;
    if (run && run.name !== CHECK_NAME) return;
    const headSha = run ? run.head_sha : (payload as Context<'check_suite.rerequested'>['payload']).check_suite.head_sha;
    const numbers = (run ? run.pull_requests : (payload as Context<'check_suite.rerequested'>['payload']).check_suite.pull_requests).map((p) => p.number);
    const appId = run ? run.app?.id : (payload as Context<'check_suite.rerequested'>['payload']).check_suite.app?.id;
    const repo = context.repo();
    const installationId = payload.installation?.id ?? 0;
    const log = context.log.child({ delivery: context.id, event: `${context.name}.rerequested` });
    inBackground(runtime, log, 'Re-running the review', async () => {
      // Another app's check that happens to be named `plimsoll` is not ours to re-run.
      if (appId !== undefined && appId !== (await runtime.identity()).id) return;
      const inPolicyRepository = isPolicyRepository(repo.owner, repo.repo, runtime.policyRepo);
      // The check of a policy commit on the default branch, which belongs to no pull request.
      if (run && inPolicyRepository && numbers.length === 0) {
        await policyRepository.rerunCommit(context.octokit, { installationId, repo, headSha, defaultBranch: payload.repository.default_branch }, log);
        return;
      }
      const env: ReviewEnv = { octokit: context.octokit, client: new PullRequestClient(context.octokit, repo, runtime.retry), installationId, log, runtime };
      // The payload's list may be stale; the review reads each pull request and skips a moved head.
      for (const number of numbers) {
        const policyChecked = inPolicyRepository && (await policyRepository.checkPull(context.octokit, { installationId, repo, number, headSha, action: 'rerequested' }, log));
        if (!policyChecked) await reviewPullRequest(env, number, { headSha });
      }
    });
  };
}
