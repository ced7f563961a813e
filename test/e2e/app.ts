import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { createNodeMiddleware, Probot, ProbotOctokit, type ApplicationFunction } from 'probot';
import { resetPolicyCache } from '../../src/github/client.js';
import { invalidateRepoConfig } from '../../src/github/repo-config.js';
import type { AdmissionOptions } from '../../src/handlers/admission.js';
import type { RegistryClient } from '../../src/registry/types.js';
import type { ShellCheckRunner } from '../../src/shellcheck/run.js';
import { settled, type AppOptions } from '../../src/handlers/review.js';
import { plimsoll, type PlimsollOptions } from '../../src/index.js';

type FanOutOptions = NonNullable<PlimsollOptions['fanOut']>;
import type { Simulator } from '../sim/server.js';
import { deliverWebhook } from '../sim/webhooks.js';

export const WEBHOOK_SECRET = 'e2e-webhook-secret';
export const SIGNING_KEY = 'e2e-signing-key';

export const { privateKey: PRIVATE_KEY } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

export interface RunningApp {
  /** The webhook endpoint. */
  url: string;
  /**
   * POSTs one signed event to the app's webhook endpoint, like GitHub; resolves when the app
   * answered and finished the work it started. `id`: the delivery id (a redelivery repeats it).
   */
  deliver(name: string, payload: unknown, id?: string): Promise<{ status: number; body: string; id: string }>;
  /** The app id the app runs with (Probot's APP_ID): its JWTs name it, and its check runs carry it. */
  appId: number;
  close(): Promise<void>;
}

/**
 * The real app, as `probot run` would serve it, with its GitHub at the simulator: Probot's own
 * webhook middleware (signature check included) behind a node:http server on 127.0.0.1.
 * `appFn` replaces `plimsoll()` when a test wires the handlers itself (to pass a clock).
 */
export interface StartAppOptions {
  /**
   * Turn Probot's retry plugin on, as in production, with this base back-off in real ms (the
   * benchmarks scale it to the simulated clock). Off by default: the app's own retries would hide
   * a failure the simulator injected.
   */
  retryAfterMs?: number;
  /** Probot's APP_ID (default 1). The simulator takes Plimsoll's id from the JWT, unless `sim.state.addApp` registered this id for another app. */
  appId?: number;
  /** Fan-out options of the default app (a registry client for the upstream watch, schedules). */
  fanOut?: FanOutOptions;
  /** Options of the admission webhook (`POST /api/admission`). */
  admission?: AdmissionOptions;
  /** The registry client reviews ask under `require-digest`. */
  registry?: RegistryClient;
  /** The app's log (silent by default; `E2E_LOG=info` shows it): a test reads what the app told ops. */
  log?: Logger;
  /** ShellCheck for reviews (null: none); by default as in production, `PLIMSOLL_SHELLCHECK` or `shellcheck` on PATH. */
  shellcheck?: ShellCheckRunner | null;
}

export async function startApp(sim: Simulator, appFn?: ApplicationFunction, start: StartAppOptions = {}): Promise<RunningApp> {
  resetPolicyCache();
  invalidateRepoConfig();
  const appId = start.appId ?? 1;
  const probot = new Probot({
    appId,
    privateKey: PRIVATE_KEY,
    secret: WEBHOOK_SECRET,
    baseUrl: sim.baseUrl,
    // `E2E_LOG=info` shows the app's own log while debugging a test.
    log: start.log ?? pino({ level: process.env.E2E_LOG ?? 'silent' }),
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
      ...options,
      retry: start.retryAfterMs === undefined ? { enabled: false } : { ...(options.retry as object), enabled: true, retryAfterBaseValue: start.retryAfterMs },
      // Rate limits are the simulator's to enforce, and the fan-out paces its writes on its own clock.
      throttle: { ...(options.throttle as object), enabled: false },
    })),
  });
  const options: AppOptions = {
    signingKey: SIGNING_KEY,
    retry: { sleep: async () => undefined },
    ...(start.registry ? { registry: start.registry } : {}),
    ...(start.shellcheck !== undefined ? { shellcheck: start.shellcheck } : {}),
  };
  const middleware = await createNodeMiddleware(appFn ?? plimsoll({ ...options, ...(start.fanOut ? { fanOut: start.fanOut } : {}), ...(start.admission ? { admission: start.admission } : {}) }), { probot, webhooksPath: '/api/github/webhooks' });
  const server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  return {
    url,
    appId,
    deliver: async (name, payload, id) => {
      const answer = await deliverWebhook(url, { name, payload, ...(id === undefined ? {} : { id }) }, WEBHOOK_SECRET);
      // The app answers GitHub before its review ends: wait for the work the delivery started.
      await settled(options);
      return answer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A log whose lines a test can read: `lines` holds each entry's `msg`, in order (errors included). */
export function capturedLog(level: 'info' | 'warn' | 'error' = 'info'): { log: Logger; lines: Array<{ level: number; msg: string }> } {
  const lines: Array<{ level: number; msg: string }> = [];
  const log = pino({ level }, { write: (text: string) => void lines.push(JSON.parse(text) as { level: number; msg: string }) });
  return { log, lines };
}

/** Resolves once `condition()` holds, polling every 20 ms; throws naming `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
