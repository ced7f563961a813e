import { describe, expect, it } from 'vitest';
import { decideMerge, isAppCommit, mergeMethodFor, planMergeStep, type MergeVerdict } from '../../src/automerge/decide.js';
import type { CommitFacts, MergeInput, PullFacts, RequiredChecks } from '../../src/automerge/facts.js';
import { APP, BOT, CI, HEAD, OTHER, ours, pull, run } from './pull-facts.js';

const REQUIRE_CI: RequiredChecks = { protected: true, checks: [{ context: 'ci', appId: CI }] };
const REQUIRE_ANY_CI: RequiredChecks = { protected: true, checks: [{ context: 'ci', appId: null }] };

function decide(change: Partial<PullFacts> = {}, required: RequiredChecks | null = REQUIRE_CI, eligible = true): MergeVerdict {
  const input: MergeInput = { pull: pull(change), kind: { move: 'patch', banned: false }, eligible, required, identity: { appId: APP, botLogin: BOT } };
  return decideMerge(input);
}

const merge: MergeVerdict = { verdict: 'merge', sha: HEAD };

describe('decideMerge: refusals', () => {
  it.each<[string, Partial<PullFacts>, MergeVerdict]>([
    ['closed', { state: 'closed' }, { verdict: 'blocked', reason: { kind: 'closed' } }],
    ['merged', { state: 'merged' }, { verdict: 'blocked', reason: { kind: 'closed' } }],
    ['labelled plimsoll:hold', { labels: ['plimsoll', 'plimsoll:hold'] }, { verdict: 'blocked', reason: { kind: 'hold' } }],
    [
      'a person pushed a commit',
      { commits: [ours, { sha: 'b', authorEmail: '7+dev-dana@users.noreply.github.com', committerEmail: '7+dev-dana@users.noreply.github.com', signedByGitHub: false }] },
      { verdict: 'blocked', reason: { kind: 'person-pushed', who: ['dev-dana'] } },
    ],
    [
      'a person edited a file on GitHub (signed by GitHub, but authored by them)',
      { commits: [ours, { sha: 'b', authorEmail: '7+dev-dana@users.noreply.github.com', committerEmail: 'noreply@github.com', signedByGitHub: true }] },
      { verdict: 'blocked', reason: { kind: 'person-pushed', who: ['dev-dana'] } },
    ],
    [
      "a commit forging the app's author, unsigned",
      { commits: [{ ...ours, signedByGitHub: false }] },
      { verdict: 'blocked', reason: { kind: 'person-pushed', who: [BOT] } },
    ],
    [
      "another app's commit",
      { commits: [ours, { sha: 'c', authorEmail: '9+pre-commit-ci[bot]@users.noreply.github.com', committerEmail: 'noreply@github.com', signedByGitHub: true }] },
      { verdict: 'blocked', reason: { kind: 'person-pushed', who: ['pre-commit-ci[bot]'] } },
    ],
    ['a force push by a person, even back to the app\'s commit', { forcePushes: ['plimsoll', 'dev-dana'] }, { verdict: 'blocked', reason: { kind: 'person-pushed', who: ['dev-dana'] } }],
    ['more commits than were read', { commitsTruncated: true }, { verdict: 'blocked', reason: { kind: 'person-pushed', who: ['more commits than Plimsoll writes'] } }],
    [
      'changes requested',
      { reviews: [{ author: 'olga', state: 'APPROVED' }, { author: 'ines', state: 'CHANGES_REQUESTED' }] },
      { verdict: 'blocked', reason: { kind: 'changes-requested', by: ['ines'] } },
    ],
    ['turned into a draft', { draft: true }, { verdict: 'blocked', reason: { kind: 'draft' } }],
    ['conflicting with its base', { mergeState: 'dirty' }, { verdict: 'blocked', reason: { kind: 'conflict' } }],
    ['a required check failed', { checkRuns: [run('ci', CI, 'failure')] }, { verdict: 'blocked', reason: { kind: 'checks-failed', checks: [{ name: 'ci', conclusion: 'failure' }] } }],
    ['a required check timed out', { checkRuns: [run('ci', CI, 'timed_out')] }, { verdict: 'blocked', reason: { kind: 'checks-failed', checks: [{ name: 'ci', conclusion: 'timed_out' }] } }],
    ['a required check still runs', { checkRuns: [run('ci', CI, null)] }, { verdict: 'wait', on: ['ci'] }],
    ['a required check is queued', { checkRuns: [run('ci', CI, null, 'queued')] }, { verdict: 'wait', on: ['ci'] }],
    [
      "another app's check of the required name: not it; the bound app has not run yet",
      { checkRuns: [run('ci', OTHER, 'success')] },
      { verdict: 'wait', on: ['ci (from the GitHub App with id 15368)'] },
    ],
    [
      "another app's check of the required name, and the bound app finished without it: missing",
      { checkRuns: [run('ci', OTHER, 'success'), run('lint', CI, 'success')] },
      { verdict: 'blocked', reason: { kind: 'checks-missing', checks: [{ name: 'ci', appId: CI }] } },
    ],
    [
      'the bound app still works (a job that starts when another ends)',
      { checkRuns: [run('lint', CI, 'success'), run('test', CI, null)] },
      { verdict: 'wait', on: ['ci (from the GitHub App with id 15368)'] },
    ],
    [
      'a status of the required name from anyone: not the bound app',
      { checkRuns: [run('lint', OTHER, 'success')], statuses: [{ context: 'ci', state: 'success' }] },
      { verdict: 'wait', on: ['ci (from the GitHub App with id 15368)'] },
    ],
    ['nothing reported yet', { checkRuns: [] }, { verdict: 'wait', on: ['ci (from the GitHub App with id 15368)'] }],
    ['only the app itself reported', { checkRuns: [run('plimsoll', APP, 'success')] }, { verdict: 'wait', on: ['ci (from the GitHub App with id 15368)'] }],
  ])('%s', (_name, change, expected) => {
    expect(decide(change)).toEqual(expected);
  });

  it('not a kind the policy lists: left to people', () => {
    expect(decide({}, REQUIRE_CI, false)).toEqual({ verdict: 'blocked', reason: { kind: 'not-eligible' } });
  });

  it('the first refusal wins: hold before checks', () => {
    expect(decide({ labels: ['plimsoll:hold'], checkRuns: [run('ci', CI, 'failure')] })).toEqual({ verdict: 'blocked', reason: { kind: 'hold' } });
  });
});

describe('decideMerge: green', () => {
  it.each<[string, Partial<PullFacts>, RequiredChecks | null, MergeVerdict]>([
    ['the required check passed (the bound app reported it)', {}, REQUIRE_CI, merge],
    ['neutral and skipped pass', { checkRuns: [run('ci', CI, 'neutral'), run('docs', OTHER, 'skipped')] }, REQUIRE_CI, merge],
    ['a failing check nobody requires does not block', { checkRuns: [run('ci', CI, 'success'), run('flaky', OTHER, 'failure')] }, REQUIRE_CI, merge],
    ['an unbound required check, reported as a status', { checkRuns: [], statuses: [{ context: 'ci', state: 'success' }] }, REQUIRE_ANY_CI, merge],
    [
      'an unbound required check: every report of that name must pass',
      { checkRuns: [run('ci', CI, 'success'), run('ci', OTHER, 'failure')] },
      REQUIRE_ANY_CI,
      { verdict: 'blocked', reason: { kind: 'checks-failed', checks: [{ name: 'ci', conclusion: 'failure' }] } },
    ],
    ['a status still pending', { checkRuns: [], statuses: [{ context: 'ci', state: 'pending' }] }, REQUIRE_ANY_CI, { verdict: 'wait', on: ['ci'] }],
    ['an unbound check nobody reported while checks run', { checkRuns: [run('lint', OTHER, null)] }, REQUIRE_ANY_CI, { verdict: 'wait', on: ['ci'] }],
    [
      'an unbound check nobody reported once every suite finished',
      { checkRuns: [run('lint', OTHER, 'success')] },
      REQUIRE_ANY_CI,
      { verdict: 'blocked', reason: { kind: 'checks-missing', checks: [{ name: 'ci', appId: null }] } },
    ],
    ['an unbound check nobody reported while a status is pending', { checkRuns: [run('lint', OTHER, 'success')], statuses: [{ context: 'deploy', state: 'pending' }] }, REQUIRE_ANY_CI, { verdict: 'wait', on: ['ci'] }],
    ['a status in error', { checkRuns: [], statuses: [{ context: 'ci', state: 'error' }] }, REQUIRE_ANY_CI, { verdict: 'blocked', reason: { kind: 'checks-failed', checks: [{ name: 'ci', conclusion: 'error' }] } }],
    ['green but behind a base the protection wants merged in', { mergeState: 'behind' }, REQUIRE_CI, { verdict: 'update', sha: HEAD }],
  ])('%s', (_name, change, required, expected) => {
    expect(decide(change, required)).toEqual(expected);
  });
});

describe('decideMerge without required checks (unprotected, or the protection unreadable)', () => {
  it.each<[string, Partial<PullFacts>, RequiredChecks | null, MergeVerdict]>([
    ['every check passed, one from another app', {}, { protected: false, checks: [] }, merge],
    ['protection unreadable: the same rule', {}, null, merge],
    ['protected with no required check: the same rule', {}, { protected: true, checks: [] }, merge],
    ['any failing check blocks', { checkRuns: [run('ci', CI, 'success'), run('lint', OTHER, 'action_required')] }, null, { verdict: 'blocked', reason: { kind: 'checks-failed', checks: [{ name: 'lint', conclusion: 'action_required' }] } }],
    ['any pending check waits', { checkRuns: [run('ci', CI, 'success'), run('lint', OTHER, null)] }, null, { verdict: 'wait', on: ['lint'] }],
    ['only the app\'s own check: nothing tested it yet', { checkRuns: [run('plimsoll', APP, 'success')] }, null, { verdict: 'wait', on: [] }],
    ['no check at all', { checkRuns: [] }, null, { verdict: 'wait', on: [] }],
    ['a passing status counts as a test', { checkRuns: [], statuses: [{ context: 'jenkins', state: 'success' }] }, null, merge],
  ])('%s', (_name, change, required, expected) => {
    expect(decide(change, required)).toEqual(expected);
  });
});

describe('isAppCommit', () => {
  it.each<[string, CommitFacts, boolean]>([
    ['createCommitOnBranch by the app', ours, true],
    ['a bot login without the id prefix', { ...ours, authorEmail: `${BOT}@users.noreply.github.com` }, true],
    ['not signed by GitHub', { ...ours, signedByGitHub: false }, false],
    ['committed by someone else', { ...ours, committerEmail: 'dana@example.com' }, false],
    ['another bot', { ...ours, authorEmail: '5+renovate[bot]@users.noreply.github.com' }, false],
    ['a lookalike login', { ...ours, authorEmail: '41+plimsoll-bot@users.noreply.github.com' }, false],
    ['no author', { ...ours, authorEmail: null }, false],
  ])('%s: %s', (_name, commit, expected) => {
    expect(isAppCommit(commit, BOT)).toBe(expected);
  });
});

describe('planMergeStep: what to write', () => {
  const allow = (change: Partial<PullFacts['repository']> = {}) => ({ repository: { autoMergeAllowed: true, methods: ['squash', 'merge'] as PullFacts['repository']['methods'], ...change } });
  it.each<[string, MergeVerdict, Partial<PullFacts>, RequiredChecks | null, ReturnType<typeof planMergeStep>]>([
    ['green, no auto-merge: the app merges the head it saw, squash first', merge, {}, REQUIRE_CI, { step: 'merge', sha: HEAD, method: 'squash' }],
    ['green, only merge commits allowed', merge, { repository: { autoMergeAllowed: false, methods: ['merge'] } }, REQUIRE_CI, { step: 'merge', sha: HEAD, method: 'merge' }],
    ['green, only rebase allowed', merge, { repository: { autoMergeAllowed: false, methods: ['rebase'] } }, REQUIRE_CI, { step: 'merge', sha: HEAD, method: 'rebase' }],
    ['green with GitHub auto-merge on: GitHub merges', merge, { autoMerge: { method: 'squash', enabledBy: 'plimsoll' } }, REQUIRE_CI, { step: 'none' }],
    ['waiting, auto-merge allowed: enable it', { verdict: 'wait', on: ['ci'] }, allow(), REQUIRE_CI, { step: 'enable-auto-merge', sha: HEAD, method: 'squash' }],
    ['waiting, auto-merge allowed but already on', { verdict: 'wait', on: ['ci'] }, { ...allow(), autoMerge: { method: 'squash', enabledBy: 'plimsoll' } }, REQUIRE_CI, { step: 'none' }],
    ['waiting, auto-merge not allowed: the app merges on the completing event', { verdict: 'wait', on: ['ci'] }, {}, REQUIRE_CI, { step: 'none' }],
    ['waiting on an unprotected branch: GitHub would refuse auto-merge', { verdict: 'wait', on: [] }, allow(), { protected: false, checks: [] }, { step: 'none' }],
    ['behind: bring the branch up to date', { verdict: 'update', sha: HEAD }, {}, REQUIRE_CI, { step: 'update-branch', sha: HEAD }],
    ['a person pushed: turn off the auto-merge the app enabled', { verdict: 'blocked', reason: { kind: 'person-pushed', who: ['dana'] } }, { autoMerge: { method: 'squash', enabledBy: 'plimsoll' } }, REQUIRE_CI, { step: 'disable-auto-merge' }],
    ['on hold: the same', { verdict: 'blocked', reason: { kind: 'hold' } }, { autoMerge: { method: 'squash', enabledBy: 'plimsoll[bot]' } }, REQUIRE_CI, { step: 'disable-auto-merge' }],
    ['changes requested: the same', { verdict: 'blocked', reason: { kind: 'changes-requested', by: ['ines'] } }, { autoMerge: { method: 'squash', enabledBy: 'plimsoll' } }, REQUIRE_CI, { step: 'disable-auto-merge' }],
    ['a person enabled auto-merge: theirs to keep', { verdict: 'blocked', reason: { kind: 'hold' } }, { autoMerge: { method: 'merge', enabledBy: 'dana' } }, REQUIRE_CI, { step: 'none' }],
    ['a red check: GitHub keeps waiting for a re-run', { verdict: 'blocked', reason: { kind: 'checks-failed', checks: [{ name: 'ci', conclusion: 'failure' }] } }, { autoMerge: { method: 'squash', enabledBy: 'plimsoll' } }, REQUIRE_CI, { step: 'none' }],
  ])('%s', (_name, verdict, change, required, expected) => {
    expect(planMergeStep(verdict, pull(change), required, BOT)).toEqual(expected);
  });

  it('prefers squash, then merge, then rebase; none when nothing is allowed', () => {
    expect(mergeMethodFor(['rebase', 'merge', 'squash'])).toBe('squash');
    expect(mergeMethodFor(['rebase', 'merge'])).toBe('merge');
    expect(mergeMethodFor([])).toBeNull();
    expect(planMergeStep(merge, pull({ repository: { autoMergeAllowed: false, methods: [] } }), REQUIRE_CI, BOT)).toEqual({ step: 'none' });
  });
});
