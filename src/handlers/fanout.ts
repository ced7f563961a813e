import type { Context, Probot } from 'probot';
import { systemClock, type Clock } from '../clock.js';
import { runFanOut, type FanOutResult, type FanOutRuntime } from '../fanout/runner.js';
import type { JobOutcome } from '../fanout/run-job.js';
import { bumpJobHandlers, type QueuedBump } from '../fanout/worker.js';
import { appIdentity, type AppIdentity } from '../github/app-identity.js';
import { isPolicyRepository, policyLocation, type Octokit } from '../github/client.js';
import { scanRepository } from '../github/inventory-discover.js';
import { defaultPolicySource, type PolicySource } from '../github/policy-source.js';
import { describeGitHubError, isHttpError, type RetryOptions } from '../github/retry.js';
import { createInventoryStore, type InventoryStore } from '../inventory/store.js';
import { PolicyUnreadable } from '../policy/in-force.js';
import { createJobQueue, createWriteThrottle, redisUrlFromEnv, type ClosableWriteThrottle } from '../queue/index.js';
import type { WriteThrottle } from '../queue/throttle.js';
import type { JobQueue, RetryPolicy } from '../queue/types.js';
import { parseCommands } from '../review/commands.js';
import type { RegistryClient } from '../registry/types.js';
import { countUpstreamRechecks } from '../upstream/command.js';
import { routeJobs, type QueuedUpstream } from '../upstream/worker.js';
import { checkPolicyCommit, type PolicyTransition } from './policy-commit.js';
import { pushEffect, type PushPayload } from './push.js';
import { wireUpstream, type UpstreamOptions } from './upstream.js';

export interface FanOutOptions {
  policyRepo?: string;
  now?: () => Date;
  /** `REDIS_URL` by default: jobs, write throttle and inventory in Redis, shared by instances. */
  redisUrl?: string;
  /** One throttle for every installation (tests); by default one per installation, as GitHub counts. */
  throttle?: WriteThrottle;
  queue?: JobQueue<QueuedBump>;
  store?: InventoryStore;
  retry?: RetryPolicy;
  clock?: Clock;
  concurrency?: number;
  /** Where the policy in force is read (cached, remembered); the app's default source unless told. */
  policySource?: PolicySource;
  /** Who the app is (its check runs are found by app id); asked of GitHub once unless told. */
  identity?: () => Promise<AppIdentity>;
  /** Retries of single GitHub requests (5xx, secondary rate limits). */
  requestRetry?: RetryOptions;
  /** The registries of the upstream watch and of digests under `require-digest`; from the environment by default. */
  registry?: RegistryClient;
  upstream?: UpstreamOptions;
}

export type { UpstreamOptions } from './upstream.js';

export interface FanOutHandle {
  /** Resolves when every fan-out and inventory refresh started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
  /** The inventory the fan-out keeps, shared with the policy pull request preview. */
  store: InventoryStore;
  /** Count background work of another handler in `idle()`. */
  track(work: Promise<unknown>): void;
}

/** Waits before asking GitHub again for a policy it could not give: the push check, then the fan-out. */
const POLICY_RETRY_DELAYS_MS = [5_000, 30_000, 120_000];

/**
 * Bump fan-out (SPEC §7): a push that changes the policy on the policy repository's default branch
 * compares the old and new policy and bumps what changed; `/plimsoll recheck` in an issue of the
 * policy repository recomputes everything; a push touching container definitions on a default
 * branch refreshes that repository in the inventory. The webhook is answered at once: the work runs
 * in the background, one run at a time per installation, and the jobs go to the queue (BullMQ on
 * Redis when `REDIS_URL` is set, so they survive a restart and instances share them).
 */
export function registerFanOut(app: Probot, options: FanOutOptions = {}): FanOutHandle {
  const now = options.now ?? (() => new Date());
  const redisUrl = options.redisUrl ?? redisUrlFromEnv();
  const clock = options.clock ? { clock: options.clock } : {};
  const throttles = new Map<number, ClosableWriteThrottle>();
  const throttleFor = (installationId: number): WriteThrottle => {
    if (options.throttle) return options.throttle;
    let throttle = throttles.get(installationId);
    if (!throttle) {
      throttle = createWriteThrottle({ redisUrl, prefix: `plimsoll:writes:${installationId}`, ...clock });
      throttles.set(installationId, throttle);
    }
    return throttle;
  };
  const store = options.store ?? createInventoryStore({ redisUrl });
  const queue: JobQueue<QueuedBump | QueuedUpstream> =
    (options.queue as JobQueue<QueuedBump | QueuedUpstream> | undefined) ??
    createJobQueue<QueuedBump | QueuedUpstream>({ redisUrl, retry: options.retry, concurrency: options.concurrency, throttle: (job: QueuedBump | QueuedUpstream) => throttleFor(job.installationId), ...clock });
  const listeners = new Set<(job: QueuedBump, outcome: JobOutcome | null) => void>();
  const runtime: FanOutRuntime = { queue: queue as JobQueue<QueuedBump>, store, listeners };
  const source = options.policySource ?? defaultPolicySource();
  const identity = options.identity ?? appIdentity(app);
  const sleep = (options.clock ?? systemClock).sleep;
  const readOptions = { ...options.requestRetry, ...(options.policyRepo ? { policyRepo: options.policyRepo } : {}) };
  const upstream = wireUpstream(app, {
    queue: queue as JobQueue<QueuedUpstream>,
    store,
    throttleFor,
    now,
    redisUrl,
    ...(options.policyRepo ? { policyRepo: options.policyRepo } : {}),
    ...(options.registry ? { registry: options.registry } : {}),
    ...(options.upstream ? { options: options.upstream } : {}),
  });
  const bumpHandlers = bumpJobHandlers({
    octokitFor: async (installationId) => (await app.auth(installationId)) as unknown as Octokit,
    // Each job reads the policy in force when it runs; GitHub not answering puts the job back.
    policyFor: async (installationId, owner) => {
      const octokit = (await app.auth(installationId)) as unknown as Octokit;
      const state = await source.inForce(octokit, installationId, owner, readOptions);
      if (state.status === 'unreadable') throw new PolicyUnreadable(state.reason);
      return state.policy;
    },
    throttleFor,
    store,
    now,
    onOutcome: (job, outcome) => listeners.forEach((listen) => listen(job, outcome)),
    get registry() {
      return upstream.registry(app.log) ?? undefined;
    },
  });
  queue.process(routeJobs(bumpHandlers, upstream.handlers));

  const chains = new Map<number, Promise<unknown>>();
  const pending = new Set<Promise<unknown>>();
  /** Work of one installation runs in order; the webhook does not wait for it. */
  const schedule = <T>(installationId: number, log: Context['log'], what: string, work: () => Promise<T>): Promise<T | undefined> => {
    const previous = chains.get(installationId) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(work)
      .catch((error: unknown) => {
        log.error({ err: error, installation: installationId }, `${what} failed`);
        return undefined;
      });
    chains.set(installationId, run);
    pending.add(run);
    void run.finally(() => pending.delete(run));
    return run;
  };

  const fanOut = (context: Context, installationId: number, org: string, policies: () => Promise<PolicyTransition | null>) =>
    schedule(installationId, context.log, 'bump fan-out', async () => {
      const started = Date.now();
      const transition = await whenReadable(policies, sleep, context.log);
      if (transition === null) return;
      const { before, after } = transition;
      if (after === null) {
        context.log.info({ installation: installationId }, 'bump fan-out skipped: no valid policy');
        return;
      }
      upstream.follow({ installationId, owner: org }, after, context.log);
      const location = policyLocation(org, options.policyRepo);
      const result = await runFanOut(
        { octokit: context.octokit as Octokit, installationId, policyRepo: { owner: location.owner, repo: location.repo }, throttle: throttleFor(installationId), now, runtime },
        before,
        after,
      );
      context.log.info({ installation: installationId, fanOut: summary(result), durationMs: Date.now() - started }, 'bump fan-out done');
    });

  app.on('push', async (context: Context<'push'>) => {
    const payload = context.payload as unknown as PushPayload;
    const effect = pushEffect(payload, undefined, options.policyRepo);
    const installationId = context.payload.installation?.id ?? 0;
    const org = payload.repository.owner.login;
    if (effect.kind === 'inventory') {
      const { repository } = context.payload;
      void schedule(installationId, context.log, 'inventory refresh', async () => {
        const inventory = await store.get(installationId);
        // No inventory yet: the first fan-out scans everything anyway.
        if (inventory === null) return;
        const pushedAt = typeof repository.pushed_at === 'number' ? new Date(repository.pushed_at * 1000).toISOString() : (repository.pushed_at ?? null);
        const scanned = await scanRepository(context.octokit as Octokit, { owner: org, repo: repository.name, defaultBranch: repository.default_branch, pushedAt });
        inventory.repos[repository.full_name] = scanned.inventory;
        await store.set(installationId, inventory);
        context.log.info({ installation: installationId, repo: repository.full_name, paths: effect.paths, reads: scanned.reads }, 'inventory refreshed');
      });
      return;
    }
    if (effect.kind !== 'fan-out') return;
    source.invalidate(installationId);
    // The pushed commit gets its check first; nothing fans out from an invalid policy.
    const push = { installationId, org, defaultBranch: payload.repository.default_branch, before: effect.before, after: effect.after };
    void fanOut(context, installationId, org, () =>
      checkPolicyCommit(context.octokit as Octokit, push, { source, identity, log: context.log, throttle: throttleFor(installationId), ...(options.policyRepo ? { policyRepo: options.policyRepo } : {}), ...(options.requestRetry ? { retry: options.requestRetry } : {}) }),
    );
  });

  app.on('issue_comment.created', async (context: Context<'issue_comment.created'>) => {
    const { repository, sender, issue, comment } = context.payload;
    if (issue.pull_request) return; // pull request reviews handle their own recheck
    if (sender.type === 'Bot') return;
    if (!isPolicyRepository(repository.owner.login, repository.name, options.policyRepo)) return;
    const upstreamRechecks = countUpstreamRechecks(comment.body ?? '');
    const rechecks = parseCommands(comment.body ?? '').filter((command) => command.kind === 'recheck').length;
    const installationId = context.payload.installation?.id ?? 0;
    const org = repository.owner.login;
    if (upstreamRechecks > 0) {
      void schedule(installationId, context.log, 'upstream watch', async () => {
        await upstream.queue({ installationId, owner: org });
        await queue.drained();
      });
    }
    // `/plimsoll recheck upstream` reads as a recheck too: only a plain one runs the fan-out.
    if (rechecks <= upstreamRechecks) return;
    void fanOut(context, installationId, org, async () => {
      const state = await source.inForce(context.octokit as Octokit, installationId, org, readOptions);
      if (state.status === 'unreadable') throw new PolicyUnreadable(state.reason);
      return { before: null, after: state.policy };
    });
  });

  return {
    store,
    track: (work) => {
      const tracked = work.catch(() => undefined);
      pending.add(tracked);
      void tracked.finally(() => pending.delete(tracked));
    },
    idle: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close: async () => {
      await upstream.close();
      await queue.close();
      await store.close();
      await Promise.all([...throttles.values()].map((throttle) => throttle.close()));
    },
  };
}

/**
 * The policies, asked again after a wait while GitHub cannot give them (5xx, rate limit, timeout);
 * null, logged, when it still cannot after the last wait: nothing fans out from a policy not read.
 */
async function whenReadable(policies: () => Promise<PolicyTransition | null>, sleep: (ms: number) => Promise<void>, log: Context['log']): Promise<PolicyTransition | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await policies();
    } catch (error) {
      const retryable = error instanceof PolicyUnreadable || (isHttpError(error) && (error.status >= 500 || error.status === 429));
      const delay = POLICY_RETRY_DELAYS_MS[attempt];
      if (!retryable || delay === undefined) throw error;
      log.warn({ attempt: attempt + 1, delayMs: delay, err: error instanceof PolicyUnreadable ? (error.cause ?? error) : error }, error instanceof PolicyUnreadable ? `Reading the policy failed: ${error.reason}` : describeGitHubError(error, 'Reading the policy'));
      await sleep(delay);
    }
  }
}

function summary(result: FanOutResult) {
  return { ran: !result.skipped, jobs: Object.keys(result.outcomes).length, reads: result.reads, issue: result.issue };
}
