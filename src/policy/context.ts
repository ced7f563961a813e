import type { ResolvedDigests } from './digests.js';
import type { Policy } from './types.js';

/**
 * What PL rules need besides the Dockerfile: the policy, the repository being linted (`owner/name`,
 * for standing exceptions; null when unknown, as on the command line without `--repo`), and the
 * time (for exception expiry; passed in so evaluation stays pure and testable).
 */
export interface PolicyContext {
  policy: Policy;
  repo: string | null;
  now: Date;
  /** Registry digests by `name:tag`, fetched before linting where a registry is configured (PL1008). */
  resolvedDigests?: ResolvedDigests;
}
