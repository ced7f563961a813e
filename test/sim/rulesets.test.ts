import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimClock } from './clock.js';
import { simOctokit } from './client.js';
import { startSimulator, type Simulator } from './server.js';

const CI = 15368;
const OTHER = 666;
const where = { owner: 'acme', repo: 'web' };
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: { status: number; response: { data: { message: string } } }) => ({ status: error.status, message: error.response.data.message }));

let sim: Simulator;
let number: number;
const head = () => sim.state.headSha(sim.state.repo('web'), sim.state.pull(sim.state.repo('web'), number)!);

beforeEach(async () => {
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-03-01T12:00:00Z') }) });
  sim.state.addApp({ id: CI, slug: 'github-actions', permissions: { metadata: 'read', checks: 'write', statuses: 'write' } });
  sim.state.addApp({ id: OTHER, slug: 'helpful-bot', permissions: { metadata: 'read', checks: 'write', statuses: 'write' } });
  sim.state.addRepo('web', { Dockerfile: 'FROM node:20\n' });
  number = sim.openPullRequest('web', { branch: 'change', changes: { Dockerfile: 'FROM node:22\n' }, title: 'Node 22' }).number;
});
afterEach(() => sim.close());

const rules = (branch = 'main', token?: string) => simOctokit(sim, token).request('GET /repos/{owner}/{repo}/rules/branches/{branch}', { ...where, branch });
const merge = () => simOctokit(sim).request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', { ...where, pull_number: number, merge_method: 'merge' });
const checks = { type: 'required_status_checks' as const, parameters: { required_status_checks: [{ context: 'ci', integration_id: CI }], strict_required_status_checks_policy: false } };

describe('rules/branches as GitHub answers it', () => {
  it('lists the active rules of the rulesets targeting the branch, with where each comes from; evaluate and disabled ones are left out', async () => {
    const own = sim.addRuleset('web', { rules: [checks] });
    const org = sim.addRuleset('web', { sourceType: 'Organization', branches: ['~ALL'], rules: [{ type: 'merge_queue', parameters: { merge_method: 'SQUASH' } }] });
    sim.addRuleset('web', { enforcement: 'evaluate', rules: [{ type: 'update' }] });
    sim.addRuleset('web', { enforcement: 'disabled', rules: [{ type: 'update' }] });
    sim.addRuleset('web', { branches: ['release'], rules: [{ type: 'non_fast_forward' }] });
    expect((await rules()).data).toEqual([
      { ...checks, ruleset_source_type: 'Repository', ruleset_source: 'acme/web', ruleset_id: own.id },
      { type: 'merge_queue', parameters: { merge_method: 'SQUASH' }, ruleset_source_type: 'Organization', ruleset_source: 'acme', ruleset_id: org.id },
    ]);
    // The branch need not exist.
    expect((await rules('release')).data).toHaveLength(2);
  });

  it('needs only metadata: read', async () => {
    sim.addRuleset('web', { rules: [checks] });
    expect((await rules('main', sim.installationToken({ permissions: { metadata: 'read' } }))).data).toHaveLength(1);
  });

  it('answers 404 on an instance without rulesets, which enforces none', async () => {
    sim.addRuleset('web', { rules: [checks] });
    sim.state.rulesetsApi = false;
    expect(await refusal(rules())).toEqual({ status: 404, message: 'Not Found' });
    expect((await merge()).data).toMatchObject({ merged: true });
  });
});

describe('rulesets enforced on a merge', () => {
  it("refuses with 405 until the check passes from the app it is pinned to; another app's report does not count", async () => {
    sim.addRuleset('web', { rules: [checks] });
    const violation = { status: 405, message: 'Repository rule violations found\n\nRequired status check "ci" is expected.\n' };
    expect(await refusal(merge())).toEqual(violation);
    sim.reportCheck('web', head(), { appId: OTHER, name: 'ci', conclusion: 'success' });
    expect(await refusal(merge())).toEqual(violation);
    sim.reportCheck('web', head(), { appId: CI, name: 'ci', conclusion: 'failure' });
    expect(await refusal(merge())).toEqual({ status: 405, message: 'Repository rule violations found\n\nRequired status check "ci" is failing.\n' });
    sim.reportCheck('web', head(), { appId: CI, name: 'ci', conclusion: 'success' });
    expect((await merge()).data).toMatchObject({ merged: true });
  });

  it('refuses without the approving reviews a pull_request rule asks for, through a merge queue, and under an update rule', async () => {
    const reviews = sim.addRuleset('web', { rules: [{ type: 'pull_request', parameters: { required_approving_review_count: 1 } }] });
    expect(await refusal(merge())).toEqual({ status: 405, message: 'Repository rule violations found\n\nAt least 1 approving review is required by reviewers with write access.\n' });
    sim.review('web', number, 'olga', 'APPROVED');
    reviews.rules.push({ type: 'merge_queue' });
    expect(await refusal(merge())).toEqual({ status: 405, message: 'Repository rule violations found\n\nChanges must be made through the merge queue\n' });
    reviews.rules = [{ type: 'update' }];
    expect(await refusal(merge())).toEqual({ status: 405, message: 'Repository rule violations found\n\nCannot update this protected ref.\n' });
    reviews.enforcement = 'evaluate';
    expect((await merge()).data).toMatchObject({ merged: true });
  });
});
