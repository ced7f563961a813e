import { ProbotOctokit } from 'probot';
import type { Simulator } from './server.js';

/** An installation Octokit on the simulator, as Probot builds one, with its own retries and throttling off. */
export function simOctokit(sim: Simulator, token = 'ghs_direct'): ProbotOctokit {
  return new ProbotOctokit({
    auth: { token },
    baseUrl: sim.baseUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}
