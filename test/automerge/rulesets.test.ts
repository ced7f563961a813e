import { describe, expect, it } from 'vitest';
import { decideMerge, planMergeStep, type MergeVerdict } from '../../src/automerge/decide.js';
import { NO_RULES, type MergeInput, type PullFacts, type RequiredChecks } from '../../src/automerge/facts.js';
import { lookOf } from '../../src/automerge/refusal.js';
import { withRulesets, type BranchRule } from '../../src/automerge/rulesets.js';
import { APP, BOT, CI, HEAD, OTHER, pull as greenPull, run } from './pull-facts.js';

/** The shared green pull request, without its `plimsoll` label (rulesets do not read labels). */
const pull = (change: Partial<PullFacts> = {}): PullFacts => greenPull({ labels: [], ...change });

const UNPROTECTED: RequiredChecks = { protected: false, checks: [] };
const rule = (type: string, parameters?: BranchRule['parameters'], id = 7): BranchRule => ({ type, ...(parameters ? { parameters } : {}), ruleset_source_type: 'Repository', ruleset_source: 'acme/api', ruleset_id: id });
const checksRule = (checks: Array<{ context: string; integration_id?: number }>, strict = false) => rule('required_status_checks', { required_status_checks: checks, strict_required_status_checks_policy: strict });

function decide(change: Partial<PullFacts>, required: RequiredChecks | null, refused: MergeInput['refused'] = null): MergeVerdict {
  return decideMerge({ pull: pull(change), kind: { move: 'patch', banned: false }, eligible: true, required, identity: { appId: APP, botLogin: BOT }, refused });
}

describe('withRulesets: protection and rulesets joined', () => {
  it('requires the union of protection and every ruleset, integration_id pinning the app', () => {
    const protection: RequiredChecks = { protected: true, checks: [{ context: 'build', appId: null }] };
    const joined = withRulesets(protection, [checksRule([{ context: 'ci', integration_id: CI }, { context: 'build' }]), { ...checksRule([{ context: 'e2e' }], true), ruleset_source_type: 'Organization', ruleset_source: 'acme', ruleset_id: 9 }]);
    expect(joined.checks).toEqual([
      { context: 'build', appId: null },
      { context: 'ci', appId: CI },
      { context: 'e2e', appId: null },
    ]);
    expect(joined).toMatchObject({ protected: true, rulesetsRead: true, rules: { strict: true, sources: ['acme/api (ruleset 7)', 'acme (ruleset 9)'] } });
  });

  it('keeps a context required from any source and from one app both: both must pass', () => {
    const joined = withRulesets({ protected: true, checks: [{ context: 'ci', appId: null }] }, [checksRule([{ context: 'ci', integration_id: CI }])]);
    expect(joined.checks).toEqual([
      { context: 'ci', appId: null },
      { context: 'ci', appId: CI },
    ]);
  });

  it('reads the rules that stop or steer a merge; signatures, force pushes and deletion change nothing for it', () => {
    const joined = withRulesets(UNPROTECTED, [
      rule('pull_request', { required_approving_review_count: 0, allowed_merge_methods: ['merge', 'rebase'] }),
      rule('required_linear_history'),
      rule('required_signatures'),
      rule('non_fast_forward'),
      rule('deletion'),
    ]);
    expect(joined.protected).toBe(true);
    expect(joined.checks).toEqual([]);
    expect(joined.rules).toEqual({ ...NO_RULES, methods: ['rebase'], sources: ['acme/api (ruleset 7)'] });
    expect(withRulesets(UNPROTECTED, [rule('pull_request', { require_code_owner_review: true }), rule('pull_request', { required_approving_review_count: 2 }, 8)]).rules!.approvingReviews).toBe(2);
    expect(withRulesets(UNPROTECTED, [rule('merge_queue'), rule('update')]).rules).toMatchObject({ mergeQueue: true, updateRestricted: true });
  });

  it('rules/branches unreadable (404, 403): protection only, said so', () => {
    const protection: RequiredChecks = { protected: true, checks: [{ context: 'ci', appId: CI }] };
    expect(withRulesets(protection, null)).toEqual({ ...protection, rulesetsRead: false });
    expect(withRulesets(UNPROTECTED, [])).toEqual({ protected: false, checks: [], rules: { ...NO_RULES, sources: [] }, rulesetsRead: true });
  });
});

describe('decideMerge with rulesets', () => {
  const pinned = withRulesets(UNPROTECTED, [checksRule([{ context: 'ci', integration_id: CI }])]);
  it.each<[string, Partial<PullFacts>, RequiredChecks, MergeVerdict]>([
    ['a ruleset-required check passed on an otherwise unprotected branch', {}, pinned, { verdict: 'merge', sha: HEAD }],
    ['a ruleset-required check failed', { checkRuns: [run('ci', CI, 'failure'), run('lint', OTHER, 'success')] }, pinned, { verdict: 'blocked', reason: { kind: 'checks-failed', checks: [{ name: 'ci', conclusion: 'failure' }] } }],
    ['pinned to CI: the same name from another app does not count', { checkRuns: [run('ci', OTHER, 'success'), run('lint', CI, null)] }, pinned, { verdict: 'wait', on: ['ci (from the GitHub App with id 15368)'] }],
    ['pinned to CI: another app failing the same name does not block', { checkRuns: [run('ci', OTHER, 'failure'), run('ci', CI, 'success')] }, pinned, { verdict: 'merge', sha: HEAD }],
    [
      'a ruleset requires approving reviews: never the app, even green and approved',
      { reviews: [{ author: 'olga', state: 'APPROVED' }] },
      withRulesets(UNPROTECTED, [rule('pull_request', { required_approving_review_count: 1 })]),
      { verdict: 'blocked', reason: { kind: 'reviews-required', count: 1 } },
    ],
    ['reviews required and a red check: the red check is said', { checkRuns: [run('ci', CI, 'failure')] }, withRulesets(UNPROTECTED, [checksRule([{ context: 'ci' }]), rule('pull_request', { required_approving_review_count: 1 })]), { verdict: 'blocked', reason: { kind: 'checks-failed', checks: [{ name: 'ci', conclusion: 'failure' }] } }],
    ['an update rule: the app cannot move the branch', {}, withRulesets(UNPROTECTED, [rule('update', { update_allows_fetch_and_merge: false } as BranchRule['parameters'])]), { verdict: 'blocked', reason: { kind: 'update-restricted', sources: ['acme/api (ruleset 7)'] } }],
    ['a strict ruleset and a branch behind: brought up to date first', { mergeState: 'behind' }, withRulesets(UNPROTECTED, [checksRule([{ context: 'ci' }], true)]), { verdict: 'update', sha: HEAD }],
  ])('%s', (_name, change, required, expected) => {
    expect(decide(change, required)).toEqual(expected);
  });

  it('a merge GitHub refused is not asked again until the pull request changes', () => {
    const refused = { seen: lookOf(pull()), message: 'Repository rule violations found' };
    expect(decide({}, pinned, refused)).toEqual({ verdict: 'blocked', reason: { kind: 'refused', message: 'Repository rule violations found' } });
    // A re-run of a check, a review or a new head: asked again.
    expect(decide({ checkRuns: [run('ci', CI, 'success'), run('plimsoll', APP, 'success'), run('e2e', OTHER, 'success')] }, pinned, refused)).toEqual({ verdict: 'merge', sha: HEAD });
    expect(decide({ reviews: [{ author: 'olga', state: 'APPROVED' }] }, pinned, refused)).toEqual({ verdict: 'merge', sha: HEAD });
    expect(decide({ headSha: 'b'.repeat(40) }, pinned, refused)).toEqual({ verdict: 'merge', sha: 'b'.repeat(40) });
  });
});

describe('planMergeStep with rulesets', () => {
  const merge: MergeVerdict = { verdict: 'merge', sha: HEAD };
  const queue = withRulesets(UNPROTECTED, [rule('merge_queue'), checksRule([{ context: 'ci' }])]);
  const reviews: MergeVerdict = { verdict: 'blocked', reason: { kind: 'reviews-required', count: 1 } };
  const autoMerge = { repository: { autoMergeAllowed: true, methods: ['squash', 'merge'] as PullFacts['repository']['methods'] } };
  it.each<[string, MergeVerdict, Partial<PullFacts>, RequiredChecks, ReturnType<typeof planMergeStep>]>([
    ['a merge queue, green: never merged directly, auto-merge adds it to the queue', merge, {}, queue, { step: 'enable-auto-merge', sha: HEAD, method: 'squash' }],
    ['a merge queue, waiting: the same', { verdict: 'wait', on: ['ci'] }, {}, queue, { step: 'enable-auto-merge', sha: HEAD, method: 'squash' }],
    ['a merge queue, already queued', merge, { autoMerge: { method: 'squash', enabledBy: 'plimsoll' } }, queue, { step: 'none' }],
    ['reviews required, auto-merge allowed: GitHub merges once approved', reviews, autoMerge, withRulesets(UNPROTECTED, [rule('pull_request', { required_approving_review_count: 1 })]), { step: 'enable-auto-merge', sha: HEAD, method: 'squash' }],
    ['reviews required, no auto-merge: left to people', reviews, {}, withRulesets(UNPROTECTED, [rule('pull_request', { required_approving_review_count: 1 })]), { step: 'none' }],
    ['a ruleset allows only merge commits', merge, {}, withRulesets(UNPROTECTED, [rule('pull_request', { required_approving_review_count: 0, allowed_merge_methods: ['merge'] })]), { step: 'merge', sha: HEAD, method: 'merge' }],
    ['no method both the repository and the rulesets allow', merge, { repository: { autoMergeAllowed: false, methods: ['squash'] } }, withRulesets(UNPROTECTED, [rule('required_linear_history'), rule('pull_request', { allowed_merge_methods: ['merge'] })]), { step: 'none' }],
    ['an update rule: nothing is written', { verdict: 'blocked', reason: { kind: 'update-restricted', sources: [] } }, autoMerge, withRulesets(UNPROTECTED, [rule('update')]), { step: 'none' }],
  ])('%s', (_name, verdict, change, required, expected) => {
    expect(planMergeStep(verdict, pull(change), required, BOT)).toEqual(expected);
  });
});
