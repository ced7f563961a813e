import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, type Logger } from 'probot';
import app from './index.js';
import { liveRuntimes } from './runtime.js';

/**
 * The app's server, as `npm start` and the container run it: Probot's own server (the setup page
 * when there are no credentials), with a graceful shutdown. On SIGTERM or SIGINT it stops taking
 * deliveries (readiness fails, the listener closes), lets the reviews and background work in
 * flight finish for at most `PLIMSOLL_SHUTDOWN_TIMEOUT_MS` (25 s by default: Kubernetes waits 30 s
 * by default before it kills), leaves the fan-out's queued jobs in Redis for the next instance,
 * closes its Redis and BullMQ connections, and exits 0.
 */

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

export interface Stoppable {
  stop(): Promise<void>;
}

/** Drain and close everything; resolves to whether the work in flight finished within the bound. */
export async function shutdown(server: Stoppable, log: Pick<Logger, 'info' | 'warn'>, timeoutMs: number): Promise<boolean> {
  const started = Date.now();
  const runtimes = [...liveRuntimes()];
  for (const runtime of runtimes) runtime.beginClosing();
  const stopping = server.stop().catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const finished = await Promise.race([
    Promise.all(runtimes.map((runtime) => runtime.idle())).then(() => true),
    new Promise<boolean>((done) => (timer = setTimeout(() => done(false), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (!finished) log.warn({ timeoutMs }, 'shutting down with work still in flight: it was not finished within the bound');
  // BullMQ lets the jobs running now finish; what waits stays in Redis for the next instance.
  await Promise.all(runtimes.map((runtime) => runtime.close()));
  await stopping;
  log.info({ durationMs: Date.now() - started, drained: finished }, 'shut down');
  return finished;
}

export async function start(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const before = new Set(process.listeners('SIGINT'));
  const server = await run(app);
  // Probot's own SIGINT handler exits at once; this one drains first.
  for (const listener of process.listeners('SIGINT')) if (!before.has(listener)) process.removeListener('SIGINT', listener);
  const timeoutMs = Number(env.PLIMSOLL_SHUTDOWN_TIMEOUT_MS) > 0 ? Number(env.PLIMSOLL_SHUTDOWN_TIMEOUT_MS) : DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const log: Pick<Logger, 'info' | 'warn' | 'error'> = ([...liveRuntimes()][0]?.log as Pick<Logger, 'info' | 'warn' | 'error'> | undefined) ?? (console as unknown as Pick<Logger, 'info' | 'warn' | 'error'>);
  // A newcomer's wrong key or app id is said at start, in one line, not at the first delivery.
  if (env.APP_ID && (env.PRIVATE_KEY || env.PRIVATE_KEY_PATH)) {
    for (const runtime of liveRuntimes()) {
      const problem = await runtime.verifyCredentials();
      if (problem) log.error(problem);
    }
  }
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, timeoutMs }, 'shutting down: no new deliveries, finishing the work in flight');
    void shutdown(server, log, timeoutMs).finally(() => process.exit(0));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

// `node dist/src/server.js` (npm start, the container).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await start();
}
