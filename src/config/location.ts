import { POLICY_PATH } from './load.js';

/** Where an organization's policy lives (SPEC §3): `.github/plimsoll-policy.yml` in its `.github` repository, or `PLIMSOLL_POLICY_REPO`. Pure. */
export interface PolicyLocation {
  owner: string;
  repo: string;
  path: string;
}

export function policyLocation(org: string, policyRepo: string | undefined = process.env.PLIMSOLL_POLICY_REPO): PolicyLocation {
  const named = policyRepo?.trim();
  // `PLIMSOLL_POLICY_REPO` may be `name` or `org/name`; the organization is always the installation's.
  const repo = named ? (named.split('/').pop() ?? '.github') : '.github';
  return { owner: org, repo, path: POLICY_PATH };
}

export function isPolicyRepository(owner: string, repo: string, policyRepo?: string): boolean {
  return policyLocation(owner, policyRepo).repo.toLowerCase() === repo.toLowerCase();
}
