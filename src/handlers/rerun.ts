import type { Context } from 'probot';
import { PullRequestClient } from '../github/pulls.js';
import { CHECK_NAME } from '../review/render.js';
import { inBackground, reviewPullRequest, type AppOptions, type ReviewEnv } from './review.js';

type RerunEvent = Context<'check_run.rerequested' | 'check_suite.rerequested'>;

/** "Re-run" on this app's `plimsoll` check (or its suite): review every open pull request of that commit again. */
export function onRerun(options: AppOptions, identity: ReviewEnv['identity']) {
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
    const appId = 'check_run' in payload ? payload.check_run.app?.id : payload.check_suite.app?.id;
    const repo = context.repo();
    const client = new PullRequestClient(context.octokit, repo, options.retry);
    const log = context.log.child({ delivery: context.id, event: `${context.name}.rerequested` });
    inBackground(options, log, 'Re-running the review', async () => {
      // Another app's check that happens to be named `plimsoll` is not ours to re-run.
      if (appId !== undefined && appId !== (await identity()).id) return;
      const env: ReviewEnv = { octokit: context.octokit, client, installationId: payload.installation?.id ?? 0, log, options, identity };
      // The payload's list may be stale; the review reads each pull request and skips a moved head.
      for (const number of numbers) await reviewPullRequest(env, number, { headSha });
    });
  };
}
