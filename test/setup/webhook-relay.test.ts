import { sign } from '@octokit/webhooks-methods';
import { createServer, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { run, type Probot, type Server } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRIVATE_KEY } from '../e2e/app.js';

/**
 * The README's setup path: `npm start` with WEBHOOK_PROXY_URL set (the setup page writes it to
 * .env) relays webhooks from a smee.io channel to the local app. Probot loads `smee-client` only
 * when it is installed; without it the relay is silently off ("SmeeClient is not available").
 * Here the channel is a local server speaking smee's protocol (server-sent events), and the app is
 * started by Probot's own `run`, as `probot run` starts it.
 */

/** A smee channel: GET opens the event stream; `send` pushes one webhook down it. */
async function fakeSmeeChannel(): Promise<{ url: string; connected: Promise<void>; send(data: unknown): void; close(): Promise<void> }> {
  let stream: ServerResponse | undefined;
  let onConnect!: () => void;
  const connected = new Promise<void>((resolve) => (onConnect = resolve));
  const server: HttpServer = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/channel') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    response.write(': connected\n\n');
    stream = response;
    onConnect();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/channel`,
    connected,
    send: (data) => void stream!.write(`data: ${JSON.stringify(data)}\n\n`),
    close: () =>
      new Promise((resolve) => {
        stream?.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `promise`, or a failure naming what did not happen within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const cleanups: (() => Promise<unknown>)[] = [];
// As under `npm start`: outside `npx`, Probot's loader only imports an installed smee-client and
// never fetches one (under `npx vitest` it would download it, hiding a missing dependency).
const lifecycleEvent = process.env.npm_lifecycle_event;
beforeEach(() => {
  process.env.npm_lifecycle_event = 'start';
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  if (lifecycleEvent === undefined) delete process.env.npm_lifecycle_event;
  else process.env.npm_lifecycle_event = lifecycleEvent;
});

describe('webhook relay (WEBHOOK_PROXY_URL)', () => {
  it('smee-client is installed, so Probot connects to the channel and relays its webhooks to the app', async () => {
    const channel = await fakeSmeeChannel();
    cleanups.push(channel.close);
    const received: { name: string; id: string; action: string }[] = [];
    const app = (probot: Probot): void => {
      probot.on('issues.opened', async (context) => void received.push({ name: context.name, id: context.id, action: context.payload.action }));
    };

    const server: Server = await run(app, {
      env: {
        APP_ID: '1',
        PRIVATE_KEY,
        WEBHOOK_SECRET: 'relay-secret',
        WEBHOOK_PROXY_URL: channel.url,
        HOST: '127.0.0.1',
        PORT: String(await freePort()),
      },
      log: pino({ level: 'silent' }),
    });
    cleanups.push(() => server.stop());
    await within(channel.connected, 5_000, 'Probot did not connect to WEBHOOK_PROXY_URL (is smee-client installed?)');

    const payload = { action: 'opened', issue: { number: 1, title: 'hi' }, repository: { name: 'app', owner: { login: 'acme' } }, installation: { id: 7 } };
    const body = JSON.stringify(payload);
    channel.send({
      body: payload,
      'x-github-event': 'issues',
      'x-github-delivery': 'relayed-1',
      'x-hub-signature-256': await sign('relay-secret', body),
    });

    const deadline = Date.now() + 10_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toEqual([{ name: 'issues', id: 'relayed-1', action: 'opened' }]);
  });

  it('a relayed webhook with a wrong signature reaches no handler', async () => {
    const channel = await fakeSmeeChannel();
    cleanups.push(channel.close);
    const received: string[] = [];
    const server: Server = await run((probot: Probot) => void probot.onAny(async (context) => void received.push(context.id)), {
      env: { APP_ID: '1', PRIVATE_KEY, WEBHOOK_SECRET: 'relay-secret', WEBHOOK_PROXY_URL: channel.url, HOST: '127.0.0.1', PORT: String(await freePort()) },
      log: pino({ level: 'silent' }),
    });
    cleanups.push(() => server.stop());
    await within(channel.connected, 5_000, 'Probot did not connect to WEBHOOK_PROXY_URL (is smee-client installed?)');

    const payload = { action: 'opened', installation: { id: 7 } };
    channel.send({ body: payload, 'x-github-event': 'issues', 'x-github-delivery': 'forged', 'x-hub-signature-256': await sign('not-the-secret', JSON.stringify(payload)) });
    channel.send({ body: payload, 'x-github-event': 'issues', 'x-github-delivery': 'genuine', 'x-hub-signature-256': await sign('relay-secret', JSON.stringify(payload)) });

    const deadline = Date.now() + 10_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toEqual(['genuine']);
  });
});
