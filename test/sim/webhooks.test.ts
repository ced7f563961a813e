import { verify } from '@octokit/webhooks-methods';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pushEffect, type PushPayload } from '../../src/handlers/push.js';
import { startSimulator, type Simulator } from './server.js';
import { deliverWebhook } from './webhooks.js';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(() => sim.close());

describe('webhook delivery', () => {
  it('POSTs the event with GitHub headers and a signature that verifies with the secret only', async () => {
    const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    sim.state.addRepo('web', { 'README.md': 'x\n' });
    const { payload } = sim.openPullRequest('web', { branch: 'b', changes: { Dockerfile: 'FROM node:20\n' } });

    const answer = await deliverWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { name: 'pull_request', payload, id: 'd-1' }, 's3cret');
    server.close();

    expect(answer).toStrictEqual({ status: 200, body: 'ok', id: 'd-1' });
    const [{ headers, body }] = received as [(typeof received)[0]];
    expect(headers).toMatchObject({ 'x-github-event': 'pull_request', 'x-github-delivery': 'd-1', 'content-type': 'application/json' });
    expect(await verify('s3cret', body, String(headers['x-hub-signature-256']))).toBe(true);
    expect(await verify('other', body, String(headers['x-hub-signature-256']))).toBe(false);
    expect(JSON.parse(body)).toMatchObject({ action: 'opened', number: 1, pull_request: { head: { ref: 'b' }, base: { ref: 'main' } }, installation: { id: 42 } });
  });
});

describe('payloads', () => {
  it('a push lists what each commit added, modified and removed, and the app reads it as a fan-out', async () => {
    sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': 'version: 1\n', 'old.txt': 'x\n' });
    const first = sim.push('.github', 'main', { 'new.txt': 'n\n' }, 'first');
    const { after, payload } = sim.push('.github', 'main', { '.github/plimsoll-policy.yml': 'version: 1\nops: {}\n', 'old.txt': null }, 'second');
    const push = payload as Omit<PushPayload, 'commits'> & { commits: Array<{ message: string; added: string[]; modified: string[]; removed: string[] }> };

    expect(push.commits.map((c) => ({ message: c.message, added: c.added, modified: c.modified, removed: c.removed }))).toStrictEqual([
      { message: 'second', added: [], modified: ['.github/plimsoll-policy.yml'], removed: ['old.txt'] },
    ]);
    expect(push.before).toBe(first.after);
    expect(pushEffect(push)).toStrictEqual({ kind: 'fan-out', before: push.before, after });
  });

  it('a pull request payload carries the head sha the API then reports', async () => {
    sim.state.addRepo('web', { 'README.md': 'x\n' });
    const { number, payload } = sim.openPullRequest('web', { branch: 'b', changes: { Dockerfile: 'FROM node:20\n' } });
    const repo = sim.state.repo('web');
    expect(payload).toMatchObject({ pull_request: { number, head: { sha: repo.branches.get('b') }, base: { sha: repo.branches.get('main') } }, repository: { full_name: 'acme/web', default_branch: 'main' } });
  });
});
