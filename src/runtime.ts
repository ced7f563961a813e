import { Redis } from 'ioredis';
import type { Probot } from 'probot';
import { systemClock, type Clock } from './clock.js';
import { appIdentity, type AppIdentity } from './github/app-identity.js';
import { credentialProblem } from './github/credentials.js';
import { PolicySource, usePolicySource } from './github/policy-source.js';
import { RepoConfigs, useRepoConfigs } from './github/repo-config.js';
import type { RetryOptions } from './github/retry.js';
import { createInventoryStore, type InventoryStore } from './inventory/store.js';
import { lintText, type LintOptions, type LintResult } from './lint/lint.js';
import { chooseShellCheck, type ShellCheckRunner, type ShellCheckStatus } from './shellcheck/run.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createPolicyStore } from './config/policy-store.js';
import { createJobQueue, createWriteThrottle, type ClosableWriteThrottle } from './queue/index.js';
import { connectionFromUrl, redisUrlFromEnv } from './queue/redis.js';
import { KeyedSerial } from './queue/serial.js';
import { writeLimitsFromEnv, type WriteLimit, type WriteThrottle } from './queue/throttle.js';
import type { JobQueue, RetryPolicy } from './queue/types.js';
import { createRegistryClient } from './registry/client.js';
import type { RegistryClient } from './registry/types.js';
import { inProcessLock } from './review-lock/lock.js';
import { ReviewQueue } from './review-lock/queue.js';
import { redisLock } from './review-lock/redis-lock.js';

/**
 * The one place that builds the app's runtime from the environment (and from test overrides):
 * which stores, queue, throttles, locks and clients run, in memory or on Redis. Handlers receive
 * it; none reads `process.env` or builds a client of its own. "What runs with `REDIS_URL` set?"
 * is answered here: the review lock, the job queue (BullMQ), the write throttles, the inventory
 * and the last valid policy.
 */

export type LintFn = (path: string, text: string, options: LintOptions) => LintResult;

/** Overrides, for tests and embedders; everything unset comes from the environment. */
export interface RuntimeOptions {
  /** `REDIS_URL` by default; `''` keeps everything in process. */
  redisUrl?: string;
  clock?: Clock;
  now?: () => Date;
  /** `PLIMSOLL_POLICY_REPO` by default. */
  policyRepo?: string;
  /** `PLIMSOLL_ADMISSION_ORG` by default: whose policy the admission webhook applies. */
  admissionOrg?: string;
  identity?: () => Promise<AppIdentity>;
  policySource?: PolicySource;
  reviewQueue?: ReviewQueue;
  /** The fan-out's job queue (bump jobs and upstream watches). */
  queue?: JobQueue<unknown>;
  store?: InventoryStore;
  /** One throttle for every installation (tests); by default one per installation, as GitHub counts. */
  throttle?: WriteThrottle;
  /** The registries: a client, null for none; by default one from the environment, made on first use. */
  registry?: RegistryClient | null;
  /** Retries of the job queue. */
  jobRetry?: RetryPolicy;
  concurrency?: number;
  /** Retries of single GitHub requests (5xx, secondary rate limits); tests pass one that does not wait. */
  retry?: RetryOptions;
  lint?: LintFn;
  /** Runs ShellCheck in reviews (SC rules); null runs none. By default `PLIMSOLL_SHELLCHECK`, else `shellcheck` on PATH. */
  shellcheck?: ShellCheckRunner | null;
  /** How long changes to the inventory between fan-outs (a bump merged on green) gather before the issue is written again; 60 s by default. */
  inventoryRefreshDelayMs?: number;
}

export interface Runtime {
  readonly redisUrl: string | undefined;
  readonly clock: Clock;
  now(): Date;
  readonly policyRepo: string | undefined;
  readonly admissionOrg: string | undefined;
  /** Who the app is on GitHub (asked once). */
  identity(): Promise<AppIdentity>;
  /** The policy in force of each installation, failing closed. */
  readonly policies: PolicySource;
  readonly repoConfigs: RepoConfigs;
  /** One review at a time per pull request (a Redis lock across instances). */
  readonly reviews: ReviewQueue;
  readonly jobs: JobQueue<unknown>;
  readonly inventory: InventoryStore;
  /** Read-modify-write of an installation's stored inventory, one at a time. */
  readonly inventoryWrites: KeyedSerial;
  /** Background work started by webhooks, one at a time per key; `idle()` waits for it. */
  readonly background: KeyedSerial;
  throttleFor(installationId: number): WriteThrottle;
  /** GitHub's write limits the throttles keep to (`PLIMSOLL_WRITES_PER_*`, GitHub's 80 a minute, 500 an hour by default). */
  readonly writeLimits: readonly WriteLimit[];
  /** The registry client, or null when there is none (its settings are wrong: said once in the log). */
  registry(): RegistryClient | null;
  readonly retry: RetryOptions;
  readonly lint: LintFn;
  /** ShellCheck for reviews: the runner, or null with what the check says about SC rules (skipped: why). */
  readonly shellcheck: { runner: ShellCheckRunner | null; status: ShellCheckStatus };
  /** See `RuntimeOptions.inventoryRefreshDelayMs`. */
  readonly inventoryRefreshDelayMs: number;
  readonly metrics: Metrics;
  /** The app's log. */
  readonly log: Pick<Probot['log'], 'info' | 'warn' | 'error'>;
  /** Counts the primary rate limit GitHub reports to this installation's Octokit (once per Octokit). */
  observe(octokit: { hook: { after(name: 'request', hook: (response: { headers: Record<string, unknown> }) => void): void } }, installationId: number): void;
  /** What readiness reports: Redis (when configured), the app's credentials, and whether it is shutting down. */
  health(): Promise<Health>;
  /**
   * Asks GitHub who the app is, signed with its key: null when GitHub accepts the credentials (or
   * did not answer), else the one line that says what to fix (readiness then fails).
   */
  verifyCredentials(): Promise<string | null>;
  /** Set when the process is shutting down: readiness fails, so no new delivery is sent here. */
  closing: boolean;
  /** Shutdown begins: `closing` is set and `whenClosing` resolves. */
  beginClosing(): void;
  /** Resolves when shutdown begins: work that Redis keeps (queued fan-out jobs) stops waiting for itself. */
  readonly whenClosing: Promise<void>;
  /** Runs on `close()`, last registered first. */
  onClose(close: () => Promise<void>): void;
  /** Resolves once every review and every piece of background work started so far has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface Health {
  ready: boolean;
  redis: 'ok' | 'unreachable' | 'not configured';
  /** Set and loaded; `accepted`: what GitHub said when asked (null: not asked, or no answer). */
  credentials: { appId: boolean; privateKey: boolean; accepted: boolean | null };
  closing: boolean;
}

const live = new Set<Runtime>();
const byApp = new WeakMap<object, Runtime>();

/** Every runtime of this process that is not closed (graceful shutdown, tests). */
export function liveRuntimes(): ReadonlySet<Runtime> {
  return live;
}

/** The runtime `plimsoll()` built for this Probot (tests wait on it and close it). */
export function runtimeOf(app: object): Runtime | undefined {
  return byApp.get(app);
}

export function createRuntime(app: Pick<Probot, 'auth' | 'log'>, options: RuntimeOptions = {}, env: NodeJS.ProcessEnv = process.env): Runtime {
  const redisUrl = options.redisUrl === undefined ? redisUrlFromEnv(env) : options.redisUrl || undefined;
  const clock = options.clock ?? systemClock;
  const closers: Array<() => Promise<void>> = [];

  const policies =
    options.policySource ??
    new PolicySource({ store: createPolicyStore({ redisUrl }), onStoreError: (error) => app.log.warn({ err: error }, 'the policy store failed; reading the history from GitHub instead') });
  // Module-level readers (older call sites, tests) see this runtime's source and caches.
  usePolicySource(policies);
  const repoConfigs = new RepoConfigs();
  useRepoConfigs(repoConfigs);

  let reviews = options.reviewQueue;
  if (!reviews) {
    if (redisUrl) {
      // Unlike BullMQ's, the lock's commands give up after a few retries: with Redis down a review
      // fails with a logged error instead of hanging until Redis returns.
      const lockRedis = new Redis({ ...connectionFromUrl(redisUrl), maxRetriesPerRequest: 3 });
      lockRedis.on('error', () => undefined); // reported where a command fails
      closers.push(async () => void (await lockRedis.quit().catch(() => undefined)));
      reviews = new ReviewQueue(redisLock(lockRedis));
    } else reviews = new ReviewQueue(inProcessLock);
  }

  const metrics = createMetrics();
  const writeLimits = writeLimitsFromEnv(env);
  const throttles = new Map<number, ClosableWriteThrottle>();
  const counted = new Map<number, WriteThrottle>();
  /** Every write that goes out under the throttle is counted, and every refusal GitHub pauses it for. */
  const throttleFor = (installationId: number): WriteThrottle => {
    let throttle = counted.get(installationId);
    if (!throttle) {
      let inner = options.throttle;
      if (!inner) {
        const own = createWriteThrottle({ redisUrl, prefix: `plimsoll:writes:${installationId}`, limits: writeLimits, clock });
        throttles.set(installationId, own);
        inner = own;
      }
      const base = inner;
      throttle = {
        acquire: async () => {
          await base.acquire();
          metrics.write('sent');
        },
        pauseUntil: (untilMs) => {
          metrics.write('refused');
          base.pauseUntil(untilMs);
        },
      };
      counted.set(installationId, throttle);
    }
    return throttle;
  };
  const inventory = options.store ?? createInventoryStore({ redisUrl });
  const jobs =
    options.queue ??
    createJobQueue<unknown>({ redisUrl, retry: options.jobRetry, concurrency: options.concurrency, throttle: (job: unknown) => throttleFor((job as { installationId: number }).installationId), clock });

  metrics.jobsFrom(() => jobs.counts());
  let registry: RegistryClient | null | undefined = options.registry;
  const background = new KeyedSerial();
  const observed = new WeakSet<object>();
  const credentials: Health['credentials'] = { appId: /^\d+$/.test(env.APP_ID?.trim() ?? ''), privateKey: Boolean(env.PRIVATE_KEY?.trim() || env.PRIVATE_KEY_PATH?.trim()), accepted: null };
  let healthRedis: Redis | null = null;
  let closingBegun = (): void => undefined;
  const whenClosing = new Promise<void>((resolve) => (closingBegun = resolve));

  const runtime: Runtime = {
    redisUrl,
    clock,
    now: options.now ?? (() => new Date()),
    policyRepo: options.policyRepo ?? (env.PLIMSOLL_POLICY_REPO?.trim() || undefined),
    admissionOrg: options.admissionOrg ?? (env.PLIMSOLL_ADMISSION_ORG?.trim() || undefined),
    identity: options.identity ?? appIdentity(app),
    policies,
    repoConfigs,
    reviews,
    jobs,
    inventory,
    inventoryWrites: new KeyedSerial(),
    background,
    throttleFor,
    writeLimits,
    registry: () => {
      if (registry === undefined) {
        try {
          registry = createRegistryClient({ env });
        } catch (error) {
          registry = null;
          app.log.error({ err: error }, 'the registry settings (PLIMSOLL_REGISTRY_ENDPOINTS, PLIMSOLL_REGISTRY_AUTH) are not valid: no registry is asked');
        }
      }
      return registry;
    },
    retry: options.retry ?? {},
    lint: options.lint ?? lintText,
    shellcheck: reviewShellCheck(options.shellcheck, env, app.log),
    inventoryRefreshDelayMs: options.inventoryRefreshDelayMs ?? 60_000,
    metrics,
    log: app.log,
    closing: false,
    whenClosing,
    beginClosing: () => {
      runtime.closing = true;
      closingBegun();
    },
    observe: (octokit, installationId) => {
      if (observed.has(octokit)) return;
      observed.add(octokit);
      octokit.hook.after('request', (response) => {
        const remaining = Number(response.headers['x-ratelimit-remaining']);
        if (Number.isFinite(remaining)) metrics.rateLimit(installationId, remaining);
      });
    },
    health: async () => {
      let redis: Health['redis'] = 'not configured';
      if (redisUrl) {
        healthRedis ??= new Redis({ ...connectionFromUrl(redisUrl), maxRetriesPerRequest: 1, lazyConnect: true, connectTimeout: 1_000 });
        healthRedis.on('error', () => undefined);
        const pong = await Promise.race([healthRedis.ping().catch(() => null), new Promise<null>((resolve) => setTimeout(() => resolve(null), 1_000).unref())]);
        redis = pong === 'PONG' ? 'ok' : 'unreachable';
      }
      const ready = !runtime.closing && redis !== 'unreachable' && credentials.appId && credentials.privateKey && credentials.accepted !== false;
      return { ready, redis, credentials: { ...credentials }, closing: runtime.closing };
    },
    verifyCredentials: async () => {
      try {
        await runtime.identity();
        credentials.accepted = true;
        return null;
      } catch (error) {
        const problem = credentialProblem(error);
        if (problem !== null) credentials.accepted = false;
        return problem;
      }
    },
    onClose: (close) => void closers.push(close),
    idle: async () => {
      // A review may start background work and the other way round: wait until both are quiet.
      do {
        await reviews.settled();
        await background.idle();
      } while (reviews.busy || background.busy);
    },
    close: async () => {
      live.delete(runtime);
      if (healthRedis) await healthRedis.quit().catch(() => undefined);
      for (const close of closers.reverse()) await close().catch((error: unknown) => app.log.warn({ err: error }, 'closing the runtime'));
      await jobs.close();
      await inventory.close();
      await policies.close();
      await Promise.all([...throttles.values()].map((throttle) => throttle.close()));
    },
  };
  live.add(runtime);
  byApp.set(app, runtime);
  return runtime;
}

/** ShellCheck of an override, or of the environment; a missing binary is said once, here and in each check. */
function reviewShellCheck(override: ShellCheckRunner | null | undefined, env: NodeJS.ProcessEnv, log: Pick<Probot['log'], 'warn'>): Runtime['shellcheck'] {
  const { runner, status } = chooseShellCheck(override, env);
  if (status.state === 'skipped') log.warn(`ShellCheck (SC) rules are skipped in reviews: ${status.reason}; install the shellcheck package or set PLIMSOLL_SHELLCHECK`);
  return { runner, status };
}
