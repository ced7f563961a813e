import type { Context } from 'probot';
import { PullRequestClient } from '../github/pulls.js';
import { CHECK_NAME } from '../review/render.js';
import { inBackground, reviewPullRequest, type AppOptions } from './review.js';

type RerunEvent = Context<'check_run.rerequested' | 'check_suite.rerequested'>;

/** "Re-run" on the `plimsoll` check (or its suite): review every pull request of that commit again. */
export function onRerun(options: AppOptions) {
  return async (context: RerunEvent): Promise<void> => {
    const payload = context.payload;
    let headSha: string;
    let numbers: number[];
    if ('check_run' in payload) {
      if (payload.check_run.name !== CHECK_NAME) return;
      headSha = payload.check_run.head_sha;
      numbers = payload.check_run.pull_requests.map((p) => p.number);
    } else {
      headSha = payload.check_suite.head_sha;
      numbers = payload.check_suite.pull_requests.map((p) => p.number);
    }
    const repo = context.repo();
    const client = new PullRequestClient(context.octokit, repo, options.retry);
    const log = context.log.child({ delivery: context.id, event: `${context.name}.rerequested` });
    inBackground(options, log, 'Re-running the review', async () => {
      for (const number of numbers) {
        // The payload's list may be stale: read the pull request for its state, head, author and teams.
        const pr = await client.getPull(number);
        if (pr.state !== 'open' || pr.head.sha !== headSha) {
          log.info({ pr: number, decision: 'skipped', why: pr.state !== 'open' ? 'closed' : 'head moved on' }, 're-run skipped');
          continue;
        }
        await reviewPullRequest(
          { octokit: context.octokit, client, installationId: payload.installation?.id ?? 0, log, options },
          { number, headSha, author: pr.user.login, requestedTeams: (pr.requested_teams ?? []).flatMap((t) => ('slug' in t && t.slug ? [t.slug] : [])) },
        );
      }
    });
  };
}
