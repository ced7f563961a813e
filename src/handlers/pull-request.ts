import type { Context } from 'probot';
import { isPolicyRepository } from '../config/location.js';
import { PullRequestClient } from '../github/pulls.js';
import type { Runtime } from '../runtime.js';
import type { AutomergeService } from './automerge.js';
import type { PolicyRepository } from './policy-repo.js';
import { reviewPullRequest } from './review.js';

type PullRequestEvent = Context<'pull_request.opened' | 'pull_request.synchronize' | 'pull_request.reopened' | 'pull_request.ready_for_review'>;

/**
 * `pull_request` opened, synchronize, reopened, ready_for_review: a pull request of the policy
 * repository that changes the policy gets the policy check; every other one, the review of its head
 * commit. Both run in the background: the webhook is answered first. The event names the head it
 * was about and when GitHub says it arrived: a late event for an older head changes nothing.
 */
export function onPullRequest(runtime: Runtime, policyRepository: PolicyRepository, automerge?: AutomergeService) {
  return async (context: PullRequestEvent): Promise<void> => {
    const receivedAt = Date.now();
    const pr = context.payload.pull_request;
    const repo = context.repo();
    const installationId = context.payload.installation?.id ?? 0;
    const log = context.log.child({ delivery: context.id, event: `${context.name}.${context.payload.action}` });
    // A push to a bump pull request's branch (or its reopening) may stop, or allow, merging it on green.
    if (automerge && context.payload.action !== 'opened' && typeof pr.head.ref === 'string' && pr.head.ref.startsWith('plimsoll/')) automerge.look(installationId, repo, { number: pr.number }, log);
    const review = () =>
      void reviewPullRequest(
        { octokit: context.octokit, client: new PullRequestClient(context.octokit, repo, runtime.retry), installationId, log, runtime },
        pr.number,
        { headSha: pr.head.sha, pushedAt: context.payload.action === 'opened' ? pr.created_at : pr.updated_at, receivedAt },
      );
    if (!isPolicyRepository(repo.owner, repo.repo, runtime.policyRepo)) return review();
    const policyLog = log.child({ repo: `${repo.owner}/${repo.repo}`, pr: pr.number });
    void policyRepository.checkPull(context.octokit, { installationId, repo, number: pr.number, headSha: pr.head.sha, action: context.payload.action }, policyLog).then((checked) => {
      if (!checked) review();
    });
  };
}
