import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import type { PullRequest } from '../sim/state.js';
import { startApp, type RunningApp } from './app.js';

/**
 * Merge on green on a branch whose requirements come from rulesets (repository or organization)
 * rather than, or besides, classic branch protection: read from rules/branches, enforced by the
 * simulator on every merge as GitHub does.
 */

const CI = 15368;
const ATTACKER = 666;
const MERGE_ROUTE = 'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge';
const RULES_ROUTE = 'GET /repos/{owner}/{repo}/rules/branches/{branch}';

const policy = (versions: string) => `version: 1
ops:
  team: platform-ops
images:
  - name: node
    versions: [${versions}]
    update: minor
bumps:
  automerge: [patch, minor, banned]
`;

let sim: Simulator;
let app: RunningApp | undefined;

beforeEach(async () => {
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }) });
  sim.state.addTeam('platform-ops', ['olga']);
  sim.state.addApp({ id: CI, slug: 'github-actions', permissions: { metadata: 'read', checks: 'write', statuses: 'write' } });
  sim.state.addApp({ id: ATTACKER, slug: 'helpful-bot', permissions: { metadata: 'read', checks: 'write', statuses: 'write' } });
  sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': policy('20.11.1') });
  sim.state.addRepo('api', { Dockerfile: 'FROM node:20.11.1\nUSER node\n' });
  sim.repoSettings('api', { allowSquashMerge: false, allowRebaseMerge: false });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
});

async function bump(): Promise<PullRequest> {
  app = await startApp(sim, undefined, { fanOut: { inventoryRefreshDelayMs: 0 } });
  await app.deliver('push', sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('20.11.2, 20.11.1') }, 'Allow node 20.11.2').payload);
  const pulls = sim.state.pulls(sim.state.repo('api'));
  expect(pulls).toHaveLength(1);
  return pulls[0]!;
}

const head = (pr: PullRequest) => sim.state.headSha(sim.state.repo('api'), pr);
const writesOf = (route: string) => sim.counters.byRoute[route] ?? 0;

/** App `appId` reports `name` on the head; both the check run and (when its suite completes) the suite event are delivered. */
async function report(pr: PullRequest, name: string, conclusion: string | undefined, appId = CI) {
  const reported = sim.reportCheck('api', head(pr), { appId, name, ...(conclusion === undefined ? { status: 'in_progress' as const } : { conclusion }) });
  await app!.deliver('check_run', reported.checkRun);
  if (reported.checkSuite) await app!.deliver('check_suite', reported.checkSuite);
  return reported;
}

const automergeComments = (pr: PullRequest) => sim.state.commentsOn('api', pr.number).filter((c) => c.body.includes('<!-- plimsoll:automerge -->'));
const inventoryIssue = () => [...sim.state.repo('.github').issues.values()].find((issue) => issue.title === 'Plimsoll: base image inventory')!.body;

const requireChecks = (checks: Array<{ context: string; integration_id?: number }>) => ({ type: 'required_status_checks' as const, parameters: { required_status_checks: checks, strict_required_status_checks_policy: false } });

describe('required checks from rulesets', () => {
  it('an organization ruleset requires e2e on an unprotected branch: waits for it, and a red e2e leaves one comment, no merge asked', async () => {
    sim.addRuleset('api', { name: 'org checks', sourceType: 'Organization', rules: [requireChecks([{ context: 'e2e', integration_id: CI }])] });
    const pr = await bump();
    await report(pr, 'lint', 'success', ATTACKER);
    // Every check reported so far passed: without the ruleset, Plimsoll's unprotected-branch rule would ask to merge here.
    expect(pr.pull.merged).toBe(false);
    expect(writesOf(MERGE_ROUTE)).toBe(0);
    await report(pr, 'e2e', undefined);
    const red = await report(pr, 'e2e', 'failure');
    // GitHub redelivers the same events: still one comment, and still no merge asked for.
    await app!.deliver('check_run', red.checkRun);
    if (red.checkSuite) await app!.deliver('check_suite', red.checkSuite);

    expect(pr.pull.merged).toBe(false);
    expect(writesOf(MERGE_ROUTE)).toBe(0);
    const comments = automergeComments(pr);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('**Not merged automatically**: a required check failed');
    expect(comments[0]!.body).toContain('- **e2e**: failure');
    expect(inventoryIssue()).toMatch(/### Waiting on a red check \(1\)\n\n- acme\/api#1: node → 20\.11\.2: \*\*e2e\*\* failure/);
    expect(sim.counters.forbidden).toEqual([]);
    expect(sim.counters.unknown).toEqual([]);
  });

  it('a ruleset check pinned to GitHub Actions is satisfied only by Actions, not by another app reporting the same name', async () => {
    sim.addRuleset('api', { rules: [requireChecks([{ context: 'ci', integration_id: CI }])] });
    const pr = await bump();
    await report(pr, 'ci', 'success', ATTACKER);
    expect(pr.pull.merged).toBe(false);
    expect(writesOf(MERGE_ROUTE)).toBe(0);

    const merges: Array<Record<string, unknown>> = [];
    sim.beforeRequest(MERGE_ROUTE, ({ body }) => void merges.push(body));
    const green = head(pr);
    await report(pr, 'ci', 'success');
    expect(pr.pull.merged).toBe(true);
    expect(merges).toEqual([{ sha: green, merge_method: 'merge' }]);
    expect(automergeComments(pr)).toEqual([]);
  });

  it('the union of protection and rulesets: protection asks for ci, a ruleset for e2e; both must pass', async () => {
    sim.protectBranch('api', 'main', { checks: [{ context: 'ci', appId: CI }] });
    sim.addRuleset('api', { rules: [requireChecks([{ context: 'e2e' }])] });
    const pr = await bump();
    await report(pr, 'e2e', undefined);
    await report(pr, 'ci', 'success');
    expect(pr.pull.merged).toBe(false);
    await report(pr, 'e2e', 'success');
    expect(pr.pull.merged).toBe(true);
    expect(writesOf(MERGE_ROUTE)).toBe(1);
  });

  it('a ruleset in evaluate mode is neither returned nor enforced: the unprotected rule applies', async () => {
    sim.addRuleset('api', { enforcement: 'evaluate', rules: [requireChecks([{ context: 'e2e' }])] });
    const pr = await bump();
    await report(pr, 'ci', 'success');
    expect(pr.pull.merged).toBe(true);
  });
});

describe('rulesets that keep the app from merging itself', () => {
  const reviewRule = { type: 'pull_request' as const, parameters: { required_approving_review_count: 1, dismiss_stale_reviews_on_push: false, require_code_owner_review: false, require_last_push_approval: false, required_review_thread_resolution: false } };

  it('approving reviews required, no auto-merge: the app never merges, even green and approved; the inventory says who it waits on', async () => {
    sim.addRuleset('api', { rules: [requireChecks([{ context: 'ci', integration_id: CI }]), reviewRule] });
    const pr = await bump();
    await report(pr, 'ci', 'success');
    await app!.deliver('pull_request_review', sim.review('api', pr.number, 'olga', 'APPROVED').payload);

    expect(pr.pull.merged).toBe(false);
    expect(writesOf(MERGE_ROUTE)).toBe(0);
    expect(automergeComments(pr)).toEqual([]);
    expect(inventoryIssue()).toMatch(/### Waiting on a person \(1\)\n\n- acme\/api#1: node → 20\.11\.2: a ruleset requires an approving review: GitHub's auto-merge or a person merges it, not Plimsoll/);
  });

  it("approving reviews required, auto-merge allowed: GitHub's auto-merge is turned on, and GitHub merges once approved and green", async () => {
    sim.repoSettings('api', { allowAutoMerge: true });
    sim.addRuleset('api', { rules: [requireChecks([{ context: 'ci', integration_id: CI }]), reviewRule] });
    const pr = await bump();
    expect(pr.pull.autoMerge?.enabledBy.login).toBe('plimsoll[bot]');
    await report(pr, 'ci', 'success');
    expect(pr.pull.merged).toBe(false);
    const approved = sim.review('api', pr.number, 'olga', 'APPROVED');
    expect(approved.autoMerged).toEqual([{ repo: 'api', number: pr.number }]);
    expect(writesOf(MERGE_ROUTE)).toBe(0);
  });

  it('a merge queue: never merged directly; auto-merge ("merge when ready") is how it joins the queue', async () => {
    sim.repoSettings('api', { allowAutoMerge: true });
    sim.addRuleset('api', { rules: [requireChecks([{ context: 'ci', integration_id: CI }]), { type: 'merge_queue', parameters: { merge_method: 'MERGE' } }] });
    const pr = await bump();
    expect(pr.pull.autoMerge?.enabledBy.login).toBe('plimsoll[bot]');
    await report(pr, 'ci', 'success');
    expect(writesOf(MERGE_ROUTE)).toBe(0);
    expect(automergeComments(pr)).toEqual([]);
  });

  it('an update rule: the app cannot merge, and says so once', async () => {
    sim.addRuleset('api', { name: 'frozen', rules: [{ type: 'update', parameters: { update_allows_fetch_and_merge: false } }] });
    const pr = await bump();
    await report(pr, 'ci', 'success');
    await report(pr, 'lint', 'success', ATTACKER);
    expect(pr.pull.merged).toBe(false);
    expect(writesOf(MERGE_ROUTE)).toBe(0);
    const comments = automergeComments(pr);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('a ruleset restricts updates to the base branch');
  });
});

describe('rules/branches unreadable', () => {
  it('404 (a GitHub Enterprise Server without rulesets): branch protection only, still merged on its checks', async () => {
    sim.state.rulesetsApi = false;
    sim.protectBranch('api', 'main', { checks: [{ context: 'ci', appId: CI }] });
    const pr = await bump();
    await report(pr, 'ci', 'success', ATTACKER);
    expect(pr.pull.merged).toBe(false);
    await report(pr, 'ci', 'success');
    expect(pr.pull.merged).toBe(true);
    expect(writesOf(RULES_ROUTE)).toBeGreaterThan(0);
  });

  it("403 while GitHub enforces a ruleset: GitHub's 405 is said in one comment, not asked again until a check changes, then merged", async () => {
    sim.beforeRequest(RULES_ROUTE, () => ({ status: 403, body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' } }));
    sim.addRuleset('api', { rules: [requireChecks([{ context: 'e2e', integration_id: CI }])] });
    const pr = await bump();
    const green = await report(pr, 'ci', 'success');
    expect(pr.pull.merged).toBe(false);
    expect(writesOf(MERGE_ROUTE)).toBe(1);
    const comments = automergeComments(pr);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('GitHub refused to merge');
    expect(comments[0]!.body).toContain('Required status check "e2e" is expected.');
    expect(inventoryIssue()).toMatch(/### Waiting on a person \(1\)\n\n- acme\/api#1: node → 20\.11\.2: GitHub refused the merge: Repository rule violations found/);

    // The same events again (a redelivery, a second suite completing on the same results): no retry storm.
    await app!.deliver('check_run', green.checkRun);
    if (green.checkSuite) await app!.deliver('check_suite', green.checkSuite);
    expect(writesOf(MERGE_ROUTE)).toBe(1);
    expect(automergeComments(pr)).toHaveLength(1);

    await report(pr, 'e2e', 'success');
    expect(pr.pull.merged).toBe(true);
    expect(writesOf(MERGE_ROUTE)).toBe(2);
    expect(automergeComments(pr)[0]!.body).toContain('**Merged on green**');
  });
});
