import type { Context } from 'probot';
import { PullRequestClient } from '../github/pulls.js';
import { reviewPullRequest, type AppOptions, type ReviewEnv } from './review.js';

type PullRequestEvent = Context<'pull_request.opened' | 'pull_request.synchronize' | 'pull_request.reopened' | 'pull_request.ready_for_review'>;

/**
 * `pull_request` opened, synchronize, reopened, ready_for_review: review the head commit, in the
 * background; the webhook is answered before the review ends. The event names the head it was
 * about and when GitHub says it arrived: a late event for an older head changes nothing.
 */
export function onPullRequest(options: AppOptions, identity: ReviewEnv['identity']) {
  return async (context: PullRequestEvent): Promise<void> => {
    const pr = context.payload.pull_request;
    const repo = context.repo();
    const pushedAt = context.payload.action === 'opened' ? pr.created_at : pr.updated_at;
    void reviewPullRequest(
      {
        octokit: context.octokit,
        client: new PullRequestClient(context.octokit, repo, options.retry),
        installationId: context.payload.installation?.id ?? 0,
        log: context.log.child({ delivery: context.id, event: `${context.name}.${context.payload.action}` }),
        options,
        identity,
      },
      pr.number,
      { headSha: pr.head.sha, pushedAt },
    );
  };
}
