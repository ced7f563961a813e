import type { ApplicationFunctionOptions, Probot } from 'probot';
import { admissionHandler, type AdmissionOptions } from './handlers/admission.js';
import { automergeService, onMergeSignal, type AutomergeService } from './handlers/automerge.js';
import { fanOutService, type FanOutOptions } from './handlers/fanout.js';
import { onInstallation } from './handlers/installation.js';
import { onIssueComment } from './handlers/issue-comment.js';
import { onPullRequest } from './handlers/pull-request.js';
import { onPush } from './handlers/push.js';
import { policyRepository } from './handlers/policy-repo.js';
import { onRerun } from './handlers/rerun.js';
import type { AppOptions } from './handlers/review.js';
import { webhookSecretProblem } from './github/webhook-errors.js';
import { metricsHandler, readinessHandler } from './http/health.js';
import { createRuntime, type RuntimeOptions } from './runtime.js';

/**
 * Options of `plimsoll()`: the runtime's overrides (src/runtime.ts), the fan-out's and the admission
 * webhook's. `fanOut` also takes, as before, the runtime overrides it used to own (`redisUrl`,
 * `clock`, `throttle`, `store`, `queue`, `retry`, …).
 */
export interface PlimsollOptions extends AppOptions {
  fanOut?: FanOutOptions & LegacyFanOutOptions;
  admission?: AdmissionOptions;
}

/** What `fanOut` carried before the runtime owned it. */
interface LegacyFanOutOptions extends Omit<RuntimeOptions, 'retry' | 'jobRetry'> {
  /** The job queue's retries. */
  retry?: RuntimeOptions['jobRetry'];
  /** Retries of single GitHub requests. */
  requestRetry?: RuntimeOptions['retry'];
}

/** The Probot app: builds the runtime once, then one handler per event. */
export function plimsoll(options: PlimsollOptions = {}) {
  return (app: Probot, server?: Partial<ApplicationFunctionOptions>): void => {
    const runtime = createRuntime(app, runtimeOptions(options));
    // Merge on green follows the fan-out: each bump pull request a job leaves open is looked at
    // (jobs run after this function returns, when `automerge` exists).
    const fanOut = fanOutService(app, runtime, options.fanOut, {
      bumpPullRequest: (installationId, pull) => {
        const [owner = '', repo = ''] = pull.repo.split('/');
        automerge.look(installationId, { owner, repo }, { number: pull.number }, app.log);
      },
    });
    const automerge: AutomergeService = automergeService(app, runtime, fanOut);
    const policyRepo = policyRepository(runtime, fanOut);
    // Every installation Octokit a webhook hands out reports GitHub's rate limit to the metrics.
    const observed =
      <C extends { octokit: unknown; payload: unknown }>(handler: (context: C) => Promise<void>) =>
      (context: C): Promise<void> => {
        const installation = (context.payload as { installation?: { id?: number } }).installation?.id;
        if (installation !== undefined) runtime.observe(context.octokit as Parameters<typeof runtime.observe>[0], installation);
        return handler(context);
      };

    app.webhooks.onError((error) => {
      const problem = webhookSecretProblem(error);
      if (problem) app.log.error(problem);
    });
    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review'], observed(onPullRequest(runtime, policyRepo, automerge)));
    app.on(['issue_comment.created', 'issue_comment.edited', 'issue_comment.deleted'], observed(onIssueComment(runtime, fanOut)));
    app.on(['check_run.rerequested', 'check_suite.rerequested'], observed(onRerun(runtime, policyRepo)));
    app.on('push', observed(onPush(runtime, fanOut)));
    app.on(
      ['installation.created', 'installation.new_permissions_accepted', 'installation.unsuspend', 'installation_repositories.added', 'installation_repositories.removed'],
      observed(onInstallation(fanOut)),
    );
    app.on(
      [
        'check_run.completed',
        'check_suite.completed',
        'status',
        'pull_request_review.submitted',
        'pull_request_review.dismissed',
        'pull_request.labeled',
        'pull_request.unlabeled',
        'pull_request.converted_to_draft',
        'pull_request.closed',
      ],
      observed(onMergeSignal(automerge)),
    );
    // Kubernetes' validating admission webhook on the app's own server (Probot's `addHandler`);
    // an app loaded without a server (`probot.load` in tests) has none to serve it on.
    try {
      server?.addHandler?.(admissionHandler(app, runtime, options.admission));
      server?.addHandler?.(readinessHandler(runtime));
      server?.addHandler?.(metricsHandler(runtime));
    } catch (error) {
      if (!/no server instance/i.test((error as Error).message)) throw error;
    }
  };
}

function runtimeOptions(options: PlimsollOptions): RuntimeOptions {
  const { upstream: _upstream, retry: jobRetry, requestRetry, ...fanOut } = options.fanOut ?? {};
  const { fanOut: _fanOut, admission: _admission, signingKey: _signingKey, ...top } = options;
  const retry = top.retry ?? requestRetry;
  return { ...fanOut, ...top, ...(jobRetry ? { jobRetry } : {}), ...(retry ? { retry } : {}) };
}

// The app as `probot run` serves it: upstream watch schedules are read from every installation at start.
export default plimsoll({ fanOut: { upstream: { discoverOnStart: true } } });
