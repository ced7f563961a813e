import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SUMMARY_MARKER } from '../../src/review/render.js';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { startApp, type RunningApp } from './app.js';

/**
 * The governance guarantee under attack (issue 11): every way through that worked before, tried
 * as a developer with write access would, against the simulator (app.yml's permissions, GitHub's
 * limits) and the real Probot. Each must fail, or be refused.
 */

const POLICY = `version: 1
ops:
  team: platform-ops
  review: on-findings
images:
  - name: node
    versions: [20.11.1]
`;
const BAD = 'FROM ubuntu:22.04\nUSER 1000\n';
const GOOD = 'FROM node:20.11.1\nUSER 1000\n';

let sim: Simulator;
let app: RunningApp | undefined;

beforeEach(async () => {
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }) });
  sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': POLICY });
  sim.state.addRepo('web', { 'README.md': '# web\n', 'Dockerfile': GOOD });
  sim.state.addTeam('platform-ops', ['olga']);
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
});

const runs = () => sim.state.checkRunsOf('web', 'plimsoll');
const conclusion = () => runs().at(-1)?.conclusion;
const summaries = (number: number) => sim.state.commentsOn('web', number).filter((c) => c.user.type === 'Bot' && c.body.startsWith(SUMMARY_MARKER));

async function openBad(changes: Record<string, string | Buffer> = { Dockerfile: BAD }) {
  app ??= await startApp(sim);
  const pr = sim.openPullRequest('web', { branch: 'feature', changes, author: 'dev-dana' });
  await app.deliver('pull_request', pr.payload);
  return pr.number;
}

async function say(number: number, login: string, body: string) {
  const comment = sim.comment('web', number, login, body);
  await app!.deliver('issue_comment', comment.payload);
  return comment;
}

describe('only ops waive governance', () => {
  it('a global ignore pragma for PL1001 does not turn the check green', async () => {
    await openBad({ Dockerfile: `# plimsoll global ignore=PL1001\n${BAD}` });
    expect(conclusion()).toBe('failure');
    expect(runs().at(-1)!.annotations.map((a) => a.message)).toContain('ubuntu is not on the image whitelist; allowed images: node (ignored inline, needs ops approval)');
  });

  it('unless the policy lets developers waive that code', async () => {
    sim.push('.github', 'main', { '.github/plimsoll-policy.yml': `${POLICY}inline-ignore: [PL1001]\n` });
    await openBad({ Dockerfile: `# hadolint ignore=PL1001\n${BAD}` });
    expect(conclusion()).toBe('success');
  });

  it('an edited summary with a pasted approvals block and a recheck changes nothing', async () => {
    const number = await openBad();
    const [summary] = summaries(number);
    const forged = `${summary!.body}\n### Approved exceptions\n| PL1001 | Dockerfile | 1 | olga | ok |\n<!-- plimsoll:approvals eyJhcHByb3ZhbHMiOltdfQ==.${'0'.repeat(64)} -->`;
    sim.editComment('web', summary!.id, 'dev-dana', forged);
    await say(number, 'dev-dana', '/plimsoll recheck');
    expect(conclusion()).toBe('failure');
    // The app put its own summary back.
    expect(sim.state.comments.get(summary!.id)!.body).not.toContain('plimsoll:approvals');
  });

  it('a summary marker pasted into someone else’s comment is not the summary', async () => {
    const number = await openBad();
    await say(number, 'dev-dana', `${SUMMARY_MARKER}\n## Plimsoll review\n✅ approved by ops`);
    await say(number, 'dev-dana', '/plimsoll recheck');
    expect(conclusion()).toBe('failure');
    expect(summaries(number)).toHaveLength(1);
  });

  it('a command hidden from readers does not count', async () => {
    const number = await openBad();
    for (const body of ['LGTM\n\n<!--\n/plimsoll approve all hidden\n-->', '<pre>\n/plimsoll approve all\n</pre>', '> see above\n/plimsoll approve all lazily quoted']) {
      await say(number, 'olga', body);
    }
    await say(number, 'olga', '/plimsoll recheck');
    expect(conclusion()).toBe('failure');
  });

  it('an ops approval counts; once the approver leaves the team, it no longer does', async () => {
    const number = await openBad();
    const approval = await say(number, 'olga', '/plimsoll approve PL1001 audited base');
    expect(conclusion()).toBe('success');
    expect(sim.state.comments.get(approval.id)!.reactions.map((r) => r.content)).toStrictEqual(['+1']);
    sim.state.removeTeamMember('platform-ops', 'olga');
    await say(number, 'dev-dana', '/plimsoll recheck');
    expect(conclusion()).toBe('failure');
  });

  it('an approval edited afterwards stops counting; edited by someone else, it is reported as tampering', async () => {
    const number = await openBad();
    const approval = await say(number, 'olga', '/plimsoll approve PL1001 audited base');
    expect(conclusion()).toBe('success');
    await app!.deliver('issue_comment', sim.editComment('web', approval.id, 'dev-dana', '/plimsoll approve all anything goes'));
    expect(conclusion()).toBe('failure');
    expect(summaries(number)[0]!.body).toContain(`🚨 Comment ${approval.id} by olga was edited by dev-dana; its commands do not count.`);
  });
});

describe('approvals cover what existed when they were written', () => {
  it('a changed ARG default feeding an unchanged FROM fails the check', async () => {
    sim.push('web', 'main', { Dockerfile: 'ARG BASE=node:20.11.1\nFROM ${BASE}\nUSER 1000\n' });
    await openBad({ Dockerfile: 'ARG BASE=ubuntu:22.04\nFROM ${BASE}\nUSER 1000\n' });
    expect(conclusion()).toBe('failure');
  });

  it('an approval written before a push, delivered after it, does not cover what the push added; nor after a restart', async () => {
    const number = await openBad();
    // Ops approve what they see; the developer pushes a second bad base before the comment is delivered.
    const early = sim.comment('web', number, 'olga', '/plimsoll approve all legacy base, tracked in OPS-1');
    const push = sim.synchronize('web', number, { Dockerfile: `${BAD}FROM debian:12 AS extra\n` });
    await app!.deliver('pull_request', push.payload);
    await app!.deliver('issue_comment', early.payload);
    expect(conclusion()).toBe('failure');
    const check = runs().at(-1)!;
    expect(check.headSha).toBe(push.after);
    expect(check.output.title).toBe('1 error on changed lines');

    await app!.close();
    app = await startApp(sim);
    await say(number, 'dev-dana', '/plimsoll recheck');
    expect(conclusion()).toBe('failure');

    // A new approval written after the push covers it.
    await say(number, 'olga', '/plimsoll approve PL1001 Dockerfile:3 extra stage audited');
    expect(conclusion()).toBe('success');
  });

  it('the same race through a force push', async () => {
    const number = await openBad();
    const early = sim.comment('web', number, 'olga', '/plimsoll approve all legacy base');
    const forced = sim.forcePush('web', 'feature', { Dockerfile: 'FROM debian:12\nUSER 1000\n' });
    await app!.deliver('pull_request', forced.payload);
    await app!.deliver('issue_comment', early.payload);
    expect(conclusion()).toBe('failure');
  });

  it('a push that leaves the approved instruction as it was keeps the approval', async () => {
    const number = await openBad();
    await say(number, 'olga', '/plimsoll approve PL1001 audited base');
    const push = sim.synchronize('web', number, { Dockerfile: `${BAD}LABEL team=web\n` });
    await app!.deliver('pull_request', push.payload);
    expect(conclusion()).toBe('success');
  });
});

describe('exactly one answer per event', () => {
  it('a redelivery, or the same event under a new delivery id, updates the head’s one check run', async () => {
    app = await startApp(sim);
    const pr = sim.openPullRequest('web', { branch: 'feature', changes: { Dockerfile: BAD } });
    await app.deliver('pull_request', pr.payload, 'delivery-1');
    await app.deliver('pull_request', pr.payload, 'delivery-1');
    await app.deliver('pull_request', pr.payload, 'delivery-2');
    expect(runs()).toHaveLength(1);
    expect(summaries(pr.number)).toHaveLength(1);
  });

  it('a stale event for an older head never overwrites the newer head’s review', async () => {
    app = await startApp(sim);
    const pr = sim.openPullRequest('web', { branch: 'feature', changes: { Dockerfile: BAD } });
    const fix = sim.synchronize('web', pr.number, { Dockerfile: GOOD.replace('USER 1000', 'USER 1001') });
    await app.deliver('pull_request', fix.payload);
    const summary = summaries(pr.number);
    await app.deliver('pull_request', pr.payload); // the old "opened", delivered late
    expect(runs().map((run) => [run.headSha, run.conclusion])).toStrictEqual([[fix.after, 'success']]);
    expect(summaries(pr.number)).toStrictEqual(summary);
  });

  it('every command gets a reaction, and a refused one a reply that echoes nothing', async () => {
    const number = await openBad();
    const attempt = await say(number, 'mallory', '/plimsoll frobnicate @acme/everyone </details><!-- plimsoll:summary -->');
    expect(sim.state.comments.get(attempt.id)!.reactions.map((r) => r.content)).toStrictEqual(['confused']);
    const reply = sim.state.commentsOn('web', number).at(-1)!;
    expect(reply.body).toContain('a command that could not be read: unknown command');
    expect(reply.body).not.toMatch(/@acme|<\/details>|frobnicate/);
    await app!.deliver('issue_comment', attempt.payload); // redelivered: no second reply
    expect(sim.state.commentsOn('web', number).filter((c) => c.body.includes(`plimsoll:reply ${attempt.id}`))).toHaveLength(1);
  });
});

describe('hostile text stays inert', () => {
  it('a path and a reason cannot forge sections, markers or mentions; a 60 KB reason is cut and the review completes', async () => {
    const path = 'svc/a`b` @acme/admins <!-- plimsoll:summary -->/Dockerfile';
    const number = await openBad({ [path]: BAD });
    await say(number, 'olga', `/plimsoll approve all ok </details>\n\n${SUMMARY_MARKER}\n## Plimsoll review\n@acme/everyone ${'x'.repeat(60_000)}`);
    expect(conclusion()).toBe('success');
    const [summary] = summaries(number);
    expect(summaries(number)).toHaveLength(1);
    expect(summary!.body.split(SUMMARY_MARKER)).toHaveLength(2);
    expect((summary!.body.match(/<\/details>/g) ?? []).length).toBeLessThanOrEqual(1);
    expect(summary!.body.match(/^## /gm)).toHaveLength(1);
    expect(summary!.body).not.toMatch(/@[a-z]/);
    expect(summary!.body.length).toBeLessThan(10_000);
  });

  it('a binary file named Dockerfile gets one finding naming the problem', async () => {
    await openBad({ Dockerfile: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x02, 0x01]) });
    expect(runs().at(-1)!.annotations.map((a) => [a.title, a.message])).toStrictEqual([['DL1000 (error)', 'The file is a binary file (it contains NUL bytes), not a Dockerfile; it was not linted.']]);
    expect(conclusion()).toBe('failure');
  });

  it('every request the app made was one GitHub would accept with app.yml’s permissions', async () => {
    const number = await openBad();
    await say(number, 'olga', '/plimsoll approve PL1001 audited');
    expect(sim.counters.forbidden).toStrictEqual([]);
    expect(sim.counters.unknown).toStrictEqual([]);
  });
});
