import type { Context, Probot } from 'probot';
import type { Clock } from '../clock.js';
import { runFanOut, type FanOutResult, type FanOutRuntime } from '../fanout/runner.js';
import type { JobOutcome } from '../fanout/run-job.js';
import { bumpJobHandlers, type QueuedBump } from '../fanout/worker.js';
import { invalidatePolicyCache, isPolicyRepository, loadPolicyForInstallation, policyLocation, readFileText, type Octokit } from '../github/client.js';
import { scanRepository } from '../github/inventory-discover.js';
import { createInventoryStore, type InventoryStore } from '../inventory/store.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/types.js';
import { createJobQueue, createWriteThrottle, redisUrlFromEnv, type ClosableWriteThrottle } from '../queue/index.js';
import type { WriteThrottle } from '../queue/throttle.js';
import type { JobQueue, RetryPolicy } from '../queue/types.js';
import { parseCommands } from '../review/commands.js';
import type { RegistryClient } from '../registry/types.js';
import { countUpstreamRechecks } from '../upstream/command.js';
import { routeJobs, type QueuedUpstream } from '../upstream/worker.js';
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
  /** The registries of the upstream watch and of digests under `require-digest`; from the environment by default. */
  registry?: RegistryClient;
  upstream?: UpstreamOptions;
}

export type { UpstreamOptions } from './upstream.js';

export interface FanOutHandle {
  /** Resolves when every fan-out and inventory refresh started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

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
  /** The policy each installation's last fan-out ran with; a job resumed after a restart reads it again. */
  const inForce = new Map<number, Policy>();
  const runtime: FanOutRuntime = { queue: queue as JobQueue<QueuedBump>, store, listeners };
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
    policyFor: async (installationId, owner) => {
      const known = inForce.get(installationId);
      if (known) return known;
      const octokit = (await app.auth(installationId)) as unknown as Octokit;
      return (await loadPolicyForInstallation(octokit, installationId, owner, { policyRepo: options.policyRepo })).policy;
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

  const fanOut = (context: Context, installationId: number, org: string, policies: () => Promise<{ before: Policy | null; after: Policy | null }>) =>
    schedule(installationId, context.log, 'bump fan-out', async () => {
      const started = Date.now();
      const { before, after } = await policies();
      if (after === null) {
        context.log.info({ installation: installationId }, 'bump fan-out skipped: no valid policy');
        return;
      }
      inForce.set(installationId, after);
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
    invalidatePolicyCache(installationId);
    const location = policyLocation(org, options.policyRepo);
    void fanOut(context, installationId, org, async () => ({
      before: await policyAt(context.octokit as Octokit, location, effect.before),
      after: await policyAt(context.octokit as Octokit, location, effect.after),
    }));
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
    const location = policyLocation(org, options.policyRepo);
    void fanOut(context, installationId, org, async () => ({ before: null, after: await policyAt(context.octokit as Octokit, location, undefined) }));
  });

  return {
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

/** The policy at a commit; null when absent or invalid (an invalid policy never takes effect). */
async function policyAt(octokit: Octokit, location: { owner: string; repo: string; path: string }, ref: string | undefined): Promise<Policy | null> {
  if (ref !== undefined && /^0+$/.test(ref)) return null; // the branch was created by this push
  const text = await readFileText(octokit, { ...location, ...(ref === undefined ? {} : { ref }) });
  if (text === null) return null;
  const result = loadPolicy(text, location.path);
  return result.ok ? result.policy : null;
}

function summary(result: FanOutResult) {
  return { ran: !result.skipped, jobs: Object.keys(result.outcomes).length, reads: result.reads, issue: result.issue };
}
