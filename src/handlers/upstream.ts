import type { Context, Probot } from 'probot';
import type { GitHubFor } from '../fanout/ports.js';
import type { Octokit } from '../github/client.js';
import type { Policy } from '../policy/types.js';
import type { JobHandlers, JobQueue } from '../queue/types.js';
import type { RegistryClient } from '../registry/types.js';
import type { Runtime } from '../runtime.js';
import type { UpstreamOutcome } from '../upstream/job.js';
import { BullScheduler, TimerScheduler, type Schedule, type ScheduledWatch, type UpstreamScheduler } from '../upstream/schedule.js';
import { upstreamJobHandlers, upstreamJobId, type QueuedUpstream } from '../upstream/worker.js';

export interface UpstreamOptions {
  /** Read every installation's `upstream.schedule` at start (the default app; tests opt in). */
  discoverOnStart?: boolean;
  /** Period of each schedule, ms (tests shorten them). */
  periods?: Record<Exclude<Schedule, 'off'>, number>;
  scheduler?: UpstreamScheduler;
  /** Told about each finished watch (tests). */
  onOutcome?: (outcome: UpstreamOutcome | null) => void;
}

export interface UpstreamWiring {
  /** The watch's jobs, for the fan-out's queue. */
  handlers: JobHandlers<QueuedUpstream>;
  /** The registry client (null when the environment's registry settings are wrong). */
  registry(): RegistryClient | null;
  /** Queues the installation's watch now (deduped by the queue). */
  queue(watch: ScheduledWatch): Promise<void>;
  /** Follows the policy's `upstream.schedule`. */
  follow(watch: ScheduledWatch, policy: Policy, log: Pick<Context['log'], 'error'>): void;
  close(): Promise<void>;
}

/**
 * The upstream watch in the app (SPEC §9): its jobs run in the fan-out's queue behind the fan-out's
 * write throttle; `upstream.schedule` is a BullMQ job scheduler with Redis, a timer without; at start
 * every installation's schedule is read. The fan-out handler calls `queue` on `/plimsoll recheck
 * upstream` and `follow` when the policy changes.
 */
export function wireUpstream(app: Probot, runtime: Runtime, githubFor: GitHubFor, options: UpstreamOptions = {}): UpstreamWiring {
  // The runtime says once when the registry settings are wrong; the watch is then off.
  const registry = (): RegistryClient | null => runtime.registry();
  const deps = { queue: runtime.jobs as JobQueue<QueuedUpstream>, redisUrl: runtime.redisUrl, policyRepo: runtime.policyRepo };
  const queue = (watch: ScheduledWatch) =>
    deps.queue.add([{ id: upstreamJobId(watch.installationId), data: { kind: 'upstream', installationId: watch.installationId, owner: watch.owner }, priority: 3 }]);
  const fire = (watch: ScheduledWatch) => void queue(watch).catch((error: unknown) => app.log.error({ err: error }, 'upstream watch not queued'));
  const scheduler = options.scheduler ?? (deps.redisUrl ? new BullScheduler(deps.redisUrl, fire) : new TimerScheduler(fire, options.periods));
  const follow = (watch: ScheduledWatch, policy: Policy, log: Pick<Context['log'], 'error'>) =>
    void scheduler.set(watch, registry() ? policy.upstream.schedule : 'off').catch((error: unknown) => log.error({ err: error }, 'upstream schedule not set'));

  const handlers = upstreamJobHandlers({
    githubFor,
    inventoryWrites: runtime.inventoryWrites,
    get registry() {
      const found = registry();
      if (!found) throw new Error('no registry client: check PLIMSOLL_REGISTRY_ENDPOINTS and PLIMSOLL_REGISTRY_AUTH');
      return found;
    },
    store: runtime.inventory,
    now: () => runtime.now(),
    ...(deps.policyRepo ? { policyRepo: deps.policyRepo } : {}),
    onPolicy: (job, policy) => follow(job, policy, app.log),
    onOutcome: (_job, outcome) => options.onOutcome?.(outcome),
  });

  if (options.discoverOnStart) {
    void (async () => {
      const appOctokit = (await app.auth()) as unknown as Octokit;
      const installations = (await appOctokit.paginate('GET /app/installations', { per_page: 100 })) as Array<{ id: number; account: { login?: string } | null }>;
      for (const installation of installations) {
        const owner = installation.account?.login;
        if (!owner) continue;
        const octokit = (await app.auth(installation.id)) as unknown as Octokit;
        const state = await runtime.policies.inForce(octokit, installation.id, owner, { ...runtime.retry, ...(deps.policyRepo ? { policyRepo: deps.policyRepo } : {}) });
        if (state.policy) follow({ installationId: installation.id, owner }, state.policy, app.log);
      }
    })().catch((error: unknown) => app.log.error({ err: error }, 'upstream schedules not read at start'));
  }

  return { handlers, registry, queue, follow, close: () => scheduler.close() };
}
