import type { CheckRunFacts, CommitFacts, PullFacts } from '../../src/automerge/facts.js';

/** A green bump pull request as merge on green sees it, for the decision's tables (decide, rulesets). */

export const APP = 1;
export const CI = 15368;
export const OTHER = 999;
export const BOT = 'plimsoll[bot]';
export const HEAD = 'a'.repeat(40);

export const ours: CommitFacts = { sha: HEAD, authorEmail: `41+${BOT}@users.noreply.github.com`, committerEmail: 'noreply@github.com', signedByGitHub: true };
export const run = (name: string, appId: number, conclusion: string | null, status = conclusion === null ? 'in_progress' : 'completed'): CheckRunFacts => ({ name, appId, status, conclusion });

/** The suites the check runs imply: one per app, completed when all its runs are. */
export function suitesOf(runs: readonly CheckRunFacts[]): PullFacts['suites'] {
  const apps = [...new Set(runs.map((r) => r.appId))];
  return apps.map((appId) => ({ appId, completed: runs.filter((r) => r.appId === appId).every((r) => r.status === 'completed') }));
}

export function pull(change: Partial<PullFacts> = {}): PullFacts {
  const checkRuns = change.checkRuns ?? [run('ci', CI, 'success'), run('plimsoll', APP, 'success')];
  return {
    id: 'PR_1',
    number: 1,
    url: 'https://github.com/acme/api/pull/1',
    state: 'open',
    draft: false,
    author: 'plimsoll',
    crossRepository: false,
    body: '',
    headRef: 'plimsoll/node',
    baseRef: 'main',
    headSha: HEAD,
    mergeState: 'blocked',
    autoMerge: null,
    labels: ['plimsoll'],
    reviews: [],
    commits: [ours],
    commitsTruncated: false,
    forcePushes: [],
    checkRuns,
    suites: suitesOf(checkRuns),
    statuses: [],
    repository: { autoMergeAllowed: false, methods: ['merge', 'squash', 'rebase'] },
    ...change,
  };
}
