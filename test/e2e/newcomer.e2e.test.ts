import { generateKeyPairSync } from 'node:crypto';
import { Probot, ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plimsoll } from '../../src/index.js';
import { SUMMARY_MARKER } from '../../src/review/render.js';
import { runtimeOf } from '../../src/runtime.js';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { deliverWebhook } from '../sim/webhooks.js';
import { capturedLog, PRIVATE_KEY, startApp, type RunningApp } from './app.js';

/**
 * Every mistake a newcomer can make while setting the app up (issue 14 §4) ends in one line that
 * says what to do: in the log, and where someone waits for an answer, in the check or the comment.
 */

const POLICY = `version: 1
ops:
  team: platform-opz
images:
  - name: node
    versions: [20.11.1]
`;

let sim: Simulator;
let app: RunningApp | undefined;

beforeEach(async () => {
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }) });
  sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': POLICY });
  sim.state.addRepo('web', { 'README.md': '# web\n', Dockerfile: 'FROM node:20.11.1\nUSER 1000\n' });
  sim.state.addTeam('platform-ops', ['olga']);
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
});

const messages = (lines: Array<{ msg: string }>) => lines.map((line) => line.msg);

describe('an ops team the app cannot see', () => {
  it('is told apart from a non-member: the summary, the reply and the log say what to fix', async () => {
    const { log, lines } = capturedLog('error');
    app = await startApp(sim, undefined, { log });
    const pr = sim.openPullRequest('web', { branch: 'feature', changes: { Dockerfile: 'FROM ubuntu:22.04\nUSER 1000\n' }, author: 'dev-dana' });
    await app.deliver('pull_request', pr.payload);
    const comment = sim.comment('web', pr.number, 'olga', '/plimsoll approve PL1001 legacy base, tracked in OPS-12');
    await app.deliver('issue_comment', comment.payload);

    expect(sim.state.checkRunsOf('web', 'plimsoll').at(-1)!.conclusion).toBe('failure');
    const bot = sim.state.commentsOn('web', pr.number).filter((c) => c.user.type === 'Bot');
    const summary = bot.find((c) => c.body.startsWith(SUMMARY_MARKER))!.body;
    expect(summary).toContain('⚠️ The app cannot see the ops team acme/platform-opz: no approval counts.');
    const reply = bot.find((c) => c.body.includes(`plimsoll:reply ${comment.id}`))!.body;
    expect(reply).toContain('the app cannot see the ops team (platform-opz), so no approval counts');
    expect(reply).not.toContain('only members of the ops team');
    expect(messages(lines)).toContain('the ops team acme/platform-opz cannot be seen by the app: check ops.team in the policy and the app\'s Members: read permission');
  });

  it('a plain non-member is still told only members can approve', async () => {
    sim.push('.github', 'main', { '.github/plimsoll-policy.yml': POLICY.replace('platform-opz', 'platform-ops') });
    app = await startApp(sim);
    const pr = sim.openPullRequest('web', { branch: 'feature', changes: { Dockerfile: 'FROM ubuntu:22.04\nUSER 1000\n' }, author: 'dev-dana' });
    await app.deliver('pull_request', pr.payload);
    const comment = sim.comment('web', pr.number, 'dev-erin', '/plimsoll approve PL1001 please');
    await app.deliver('issue_comment', comment.payload);

    const bot = sim.state.commentsOn('web', pr.number).filter((c) => c.user.type === 'Bot');
    expect(bot.find((c) => c.body.includes(`plimsoll:reply ${comment.id}`))!.body).toContain('only members of the ops team (platform-ops) can approve or revoke exceptions');
    expect(bot.find((c) => c.body.startsWith(SUMMARY_MARKER))!.body).not.toContain('cannot see the ops team');
  });
});

describe('a policy repository the app is not installed on', () => {
  it('fails the review at once, saying which repository to add, instead of waiting minutes', async () => {
    sim.state.setInstalledRepositories(['web']);
    const { log, lines } = capturedLog('error');
    app = await startApp(sim, undefined, { log });
    const pr = sim.openPullRequest('web', { branch: 'feature', changes: { Dockerfile: 'FROM node:20.11.1\nUSER 1001\n' }, author: 'dev-dana' });
    await app.deliver('pull_request', pr.payload);

    const run = sim.state.checkRunsOf('web', 'plimsoll').at(-1)!;
    expect(run.conclusion).toBe('failure');
    expect(run.output.title).toBe('The policy repository cannot be read');
    // Inert markdown: underscores escaped, shown as written.
    expect(run.output.summary).toContain("the app cannot see acme/.github; add it to the installation's repositories (or set PLIMSOLL\\_POLICY\\_REPO)");
    expect(messages(lines).filter((m) => m.includes('cannot see acme/.github'))).toStrictEqual([
      "review blocked: the policy cannot be read: the app cannot see acme/.github; add it to the installation's repositories (or set PLIMSOLL_POLICY_REPO)",
    ]);
  });
});

describe("GitHub refusing the app's own credentials", () => {
  async function probotWith(privateKey: string) {
    const { log, lines } = capturedLog('error');
    const probot = new Probot({
      appId: 1,
      privateKey,
      baseUrl: sim.baseUrl,
      log,
      Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
    });
    await probot.load(plimsoll());
    return { runtime: runtimeOf(probot)!, lines };
  }

  it('a private key of another app: one line naming APP_ID and PRIVATE_KEY_PATH, and readiness fails', async () => {
    // GitHub knows the app's public key; this key is not its pair.
    sim.state.app.publicKey = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } }).publicKey;
    const { runtime } = await probotWith(PRIVATE_KEY);
    try {
      const problem = await runtime.verifyCredentials();
      expect(problem).toBe(
        "GitHub refused the app's credentials (401): APP_ID and the private key do not belong to the same GitHub App, or the key was deleted. Set APP_ID to the App ID on the app's settings page and PRIVATE_KEY_PATH to a private key generated there.",
      );
      expect((await runtime.health()).credentials.accepted).toBe(false);
    } finally {
      await runtime.close();
    }
  });

  it('the right key is accepted', async () => {
    const { createPublicKey } = await import('node:crypto');
    sim.state.app.publicKey = createPublicKey(PRIVATE_KEY).export({ type: 'spki', format: 'pem' }).toString();
    const { runtime } = await probotWith(PRIVATE_KEY);
    try {
      expect(await runtime.verifyCredentials()).toBeNull();
      expect((await runtime.health()).credentials).toStrictEqual({ appId: expect.any(Boolean), privateKey: expect.any(Boolean), accepted: true });
    } finally {
      await runtime.close();
    }
  });
});

describe('a webhook secret that does not match', () => {
  it('is refused with 400 and one line saying which setting to fix', async () => {
    const { log, lines } = capturedLog('error');
    app = await startApp(sim, undefined, { log });
    const pr = sim.openPullRequest('web', { branch: 'feature', changes: { Dockerfile: 'FROM node:20.11.1\n' }, author: 'dev-dana' });

    const answer = await deliverWebhook(app.url, { name: 'pull_request', payload: pr.payload }, 'not-the-secret');

    expect(answer.status).toBe(400);
    expect(messages(lines)).toContain(
      "A webhook delivery was refused: its signature does not match WEBHOOK_SECRET. Set WEBHOOK_SECRET to the webhook secret on the app's settings page (or set that secret to WEBHOOK_SECRET's value), then redeliver from the app's Advanced tab.",
    );
    expect(sim.state.checkRunsOf('web', 'plimsoll')).toStrictEqual([]);
  });
});

