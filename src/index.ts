import type { ApplicationFunctionOptions, Probot } from 'probot';
import { admissionHandler, type AdmissionOptions } from './handlers/admission.js';
import { onIssueComment } from './handlers/issue-comment.js';
import { onPullRequest } from './handlers/pull-request.js';
import { onRerun } from './handlers/rerun.js';
import type { FanOutOptions } from './handlers/fanout.js';
import { registerPolicyRepository } from './handlers/policy-repo.js';
import type { AppOptions } from './handlers/review.js';
import { invalidateRepoConfig } from './github/repo-config.js';
import { appIdentity } from './github/app-identity.js';

/** The Probot app: wires events to handlers, nothing else. `options` are for tests. */
export function plimsoll(options: AppOptions & { fanOut?: FanOutOptions; admission?: AdmissionOptions } = {}) {
  return (app: Probot, server?: Partial<ApplicationFunctionOptions>): void => {
    const identity = options.identity ?? appIdentity(app);
    app.on(
      ['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review'],
      onPullRequest(options, identity),
    );
    app.on(['issue_comment.created', 'issue_comment.edited', 'issue_comment.deleted'], onIssueComment(options, identity));
    app.on(['check_run.rerequested', 'check_suite.rerequested'], onRerun(options, identity));

    // A push to a default branch may change the repository's own config: drop the cached copy.
    app.on('push', async (context) => {
      const { repository, ref } = context.payload;
      if (ref === `refs/heads/${repository.default_branch}`) {
        invalidateRepoConfig({ owner: repository.owner?.login ?? '', repo: repository.name });
      }
    });
    // The policy repository: checks of policy commits and pull requests, the fan-out, `/plimsoll recheck`.
    registerPolicyRepository(app, { ...options, identity });
    // Kubernetes' validating admission webhook on the app's own server (Probot's `addHandler`).
    server?.addHandler?.(admissionHandler(app, { ...(options.fanOut?.registry ? { registry: options.fanOut.registry } : {}), ...options.admission }));
  };
}

// The app as `probot run` serves it: upstream watch schedules are read from every installation at start.
export default plimsoll({ fanOut: { upstream: { discoverOnStart: true } } });
