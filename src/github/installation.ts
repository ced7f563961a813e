import type { InstallationGitHub } from '../fanout/ports.js';
import type { WriteThrottle } from '../queue/throttle.js';
import { createBumpGitHub } from './bump-write.js';
import type { Octokit, RepoRef } from './client.js';
import { discoverRepositories } from './inventory-discover.js';
import { upsertInventoryIssue } from './inventory-issue.js';

/** The fan-out's and the watch's port (../fanout/ports.ts) for one installation, over its Octokit. */
export function installationGitHub(octokit: Octokit, throttle: WriteThrottle, policyRepo: RepoRef): InstallationGitHub {
  return {
    discover: (previous) => discoverRepositories(octokit, previous ? { previous } : {}),
    upsertInventoryIssue: (body) => upsertInventoryIssue(octokit, policyRepo, body, throttle),
    bumps: createBumpGitHub(octokit, throttle),
    // `contents: write`; GitHub answers 204 and starts the workflows listening on the default branch.
    repositoryDispatch: async (where, eventType, clientPayload) => {
      await throttle.acquire();
      await octokit.request('POST /repos/{owner}/{repo}/dispatches', { ...where, event_type: eventType, client_payload: clientPayload });
    },
  };
}
