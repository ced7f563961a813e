import type { Logger, Probot } from 'probot';
import { dispatchJobHandlers, routeDispatches, type QueuedDispatch } from '../fanout/dispatch-job.js';
import { runFanOut, type FanOutResult, type FanOutRuntime } from '../fanout/runner.js';
import type { GitHubFor } from '../fanout/ports.js';
import type { JobOutcome } from '../fanout/run-job.js';
import { bumpJobHandlers, type QueuedBump } from '../fanout/worker.js';
import type { Octokit } from '../github/client.js';
import { installationGitHub } from '../github/installation.js';
import { discoverRepositories, scanRepository } from '../github/inventory-discover.js';
import { describeGitHubError, isHttpError } from '../github/retry.js';
import { emptyInventory, type Inventory } from '../inventory/model.js';
import { policyNotice } from '../inventory/policy-notice.js';
import { renderInventory } from '../inventory/render.js';
import { emptyPolicy } from '../policy/defaults.js';
import { PolicyUnreadable } from '../config/in-force.js';
import { policyLocation } from '../config/location.js';
import type { JobQueue } from '../queue/types.js';
import type { Runtime } from '../runtime.js';
import { routeJobs, type QueuedUpstream } from '../upstream/worker.js';
import { checkPolicyCommit, type PolicyPush, type PolicyTransition } from './policy-commit.js';
import { wireUpstream, type UpstreamOptions } from './upstream.js';

export type { UpstreamOptions } from './upstream.js';

/** The fan-out's options of `plimsoll()`; the rest of the runtime comes from `RuntimeOptions`. */
export interface FanOutOptions {
  upstream?: UpstreamOptions;
}

/** Told about what the fan-out did, by the services that follow on from it (merge on green). */
export interface FanOutHooks {
  /** A bump job left a pull request open (opened, updated, or found as it should be). */
  bumpPullRequest?(installationId: number, pull: { repo: string; number: number }): void;
}

/** What the event handlers (push, issue comments, policy pull requests) ask of the fan-out. */
export interface FanOutService {
  /** A push that changed the policy: its commit's check first, then the bumps of what changed. */
  policyPushed(octokit: Octokit, push: PolicyPush, log: Logger): void;
  /** `/plimsoll recheck` in the policy repository: every bump again; `upstream`: the watch now. */
  recheck(octokit: Octokit, installationId: number, org: string, what: { fanOut: boolean; upstream: boolean }, log: Logger): void;
  /** A push to a default branch touching container definitions: that repository scanned again. */
  definitionsPushed(octokit: Octokit, installationId: number, repository: { owner: string; name: string; fullName: string; defaultBranch: string; pushedAt: string | null }, log: Logger): void;
  /**
   * A new installation, or repositories added to or removed from one: every repository scanned into
   * the inventory and the inventory issue written, with the policy's state when it is missing or
   * invalid, so ops see their organization on day one.
   */
  installed(octokit: Octokit, installationId: number, org: string, log: Logger): void;
  /** The installation's inventory: the kept one, or discovered once (concurrent callers share it) and kept. */
  inventoryFor(octokit: Octokit, installationId: number): Promise<Inventory>;
  /** The inventory issue written again from the stored inventory and the policy in force (nothing written when unchanged). */
  refreshInventoryIssue(installationId: number, org: string): Promise<void>;
}

/** Shutdown began while a run waited for its jobs; Redis keeps them for the next instance. */
class LeftToNextInstance extends Error {
  constructor() {
    super('shutting down: the queued jobs are left in Redis for the next instance');
  }
}

/** Waits before asking GitHub again for a policy it could not give: the push check, then the fan-out. */
const POLICY_RETRY_DELAYS_MS = [5_000, 30_000, 120_000];

/**
 * Bump fan-out (SPEC §7): a push that changes the policy on the policy repository's default branch
 * compares the old and new policy and bumps what changed; `/plimsoll recheck` in an issue of the
 * policy repository recomputes everything; a push touching container definitions on a default
 * branch refreshes that repository in the inventory. Work runs in the background, one run at a
 * time per installation, and the jobs go to the runtime's queue (BullMQ on Redis when `REDIS_URL`
 * is set, so they survive a restart and instances share them). The upstream watch shares the queue.
 */
export function fanOutService(app: Probot, runtime: Runtime, options: FanOutOptions = {}, hooks: FanOutHooks = {}): FanOutService {
  const githubFor: GitHubFor = async (installationId, owner) => {
    const octokit = (await app.auth(installationId)) as unknown as Octokit;
    runtime.observe(octokit, installationId);
    const location = policyLocation(owner, runtime.policyRepo);
    return installationGitHub(octokit, runtime.throttleFor(installationId), { owner: location.owner, repo: location.repo });
  };
  const readOptions = { ...runtime.retry, ...(runtime.policyRepo ? { policyRepo: runtime.policyRepo } : {}) };
  const listeners = new Set<(job: QueuedBump, outcome: JobOutcome | null) => void>();
  listeners.add((job, outcome) => {
    if (outcome?.pullRequest) hooks.bumpPullRequest?.(job.installationId, { repo: job.repo, number: outcome.pullRequest.number });
  });
  const jobs = runtime.jobs as JobQueue<QueuedBump | QueuedDispatch | QueuedUpstream>;
  // With Redis the queued jobs outlive this process: at shutdown a run stops waiting for them and
  // leaves them to the next instance. In memory they would be lost, so shutdown waits (within its bound).
  const drained = (): Promise<void> =>
    runtime.redisUrl ? Promise.race([jobs.drained(), runtime.whenClosing.then(() => Promise.reject(new LeftToNextInstance()))]) : jobs.drained();
  const fanOutQueue: JobQueue<QueuedBump | QueuedDispatch> = {
    add: (queued) => jobs.add(queued),
    process: (handlers) => jobs.process(handlers as never),
    drained,
    counts: () => jobs.counts(),
    close: () => jobs.close(),
  };
  const fanOutRuntime: FanOutRuntime = { queue: fanOutQueue, store: runtime.inventory, listeners };
  const upstream = wireUpstream(app, runtime, githubFor, options.upstream);
  runtime.onClose(() => upstream.close());
  const bumpHandlers = bumpJobHandlers({
    githubFor,
    // Each job reads the policy in force when it runs; GitHub not answering puts the job back.
    policyFor: async (installationId, owner) => {
      const octokit = (await app.auth(installationId)) as unknown as Octokit;
      const state = await runtime.policies.inForce(octokit, installationId, owner, readOptions);
      if (state.status === 'unreadable') throw new PolicyUnreadable(state.reason);
      return state.policy;
    },
    inventoryWrites: runtime.inventoryWrites,
    store: runtime.inventory,
    now: () => runtime.now(),
    onOutcome: (job, outcome) => listeners.forEach((listen) => listen(job, outcome)),
    get registry() {
      return runtime.registry() ?? undefined;
    },
  });
  const dispatchHandlers = dispatchJobHandlers({ githubFor, store: runtime.inventory, inventoryWrites: runtime.inventoryWrites, now: () => runtime.now() });
  jobs.process(routeJobs(routeDispatches(bumpHandlers, dispatchHandlers), upstream.handlers));

  /** Work of one installation runs in order, in the background; a failure is logged. */
  const schedule = (installationId: number, log: Logger, what: string, work: () => Promise<void>): void =>
    void runtime.background.run(`installation:${installationId}`, work).catch((error: unknown) =>
      error instanceof LeftToNextInstance
        ? log.info({ installation: installationId }, `${what} left to the next instance: its queued jobs wait in Redis`)
        : log.error({ err: error, installation: installationId }, `${what} failed`),
    );

  const fanOut = (octokit: Octokit, installationId: number, org: string, policies: () => Promise<PolicyTransition | null>, log: Logger, policyCommit?: string) =>
    schedule(installationId, log, 'bump fan-out', async () => {
      const started = Date.now();
      const transition = await whenReadable(policies, runtime.clock.sleep, log);
      if (transition === null) return;
      const { before, after } = transition;
      if (after === null) {
        log.info({ installation: installationId }, 'bump fan-out skipped: no valid policy');
        return;
      }
      upstream.follow({ installationId, owner: org }, after, log);
      const result = await runFanOut(
        {
          github: await githubFor(installationId, org),
          installationId,
          throttle: runtime.throttleFor(installationId),
          now: () => runtime.now(),
          runtime: fanOutRuntime,
          owner: org,
          ...(policyCommit ? { policyCommit } : {}),
        },
        before,
        after,
      );
      log.info({ installation: installationId, fanOut: summary(result), durationMs: Date.now() - started }, 'bump fan-out done');
    });

  const building = new Map<number, Promise<Inventory>>();

  return {
    policyPushed: (octokit, push, log) => {
      runtime.policies.invalidate(push.installationId);
      // The pushed commit gets its check first; nothing fans out from an invalid policy.
      fanOut(
        octokit,
        push.installationId,
        push.org,
        () =>
          checkPolicyCommit(octokit, push, {
            source: runtime.policies,
            identity: runtime.identity,
            log,
            throttle: runtime.throttleFor(push.installationId),
            retry: runtime.retry,
            ...(runtime.policyRepo ? { policyRepo: runtime.policyRepo } : {}),
          }),
        log,
        push.after,
      );
    },

    recheck: (octokit, installationId, org, what, log) => {
      if (what.upstream) {
        schedule(installationId, log, 'upstream watch', async () => {
          await upstream.queue({ installationId, owner: org });
          await drained();
        });
      }
      if (!what.fanOut) return;
      fanOut(
        octokit,
        installationId,
        org,
        async () => {
          const state = await runtime.policies.inForce(octokit, installationId, org, readOptions);
          if (state.status === 'unreadable') throw new PolicyUnreadable(state.reason);
          return { before: null, after: state.policy };
        },
        log,
      );
    },

    definitionsPushed: (octokit, installationId, repository, log) =>
      schedule(installationId, log, 'inventory refresh', async () => {
        // No inventory yet: the first fan-out scans everything anyway.
        if ((await runtime.inventory.get(installationId)) === null) return;
        const scanned = await scanRepository(octokit, { owner: repository.owner, repo: repository.name, defaultBranch: repository.defaultBranch, pushedAt: repository.pushedAt });
        await runtime.inventoryWrites.run(String(installationId), async () => {
          const inventory = (await runtime.inventory.get(installationId)) ?? emptyInventory();
          inventory.repos[repository.fullName] = scanned.inventory;
          await runtime.inventory.set(installationId, inventory);
        });
        log.info({ installation: installationId, repo: repository.fullName, reads: scanned.reads }, 'inventory refreshed');
      }),

    refreshInventoryIssue: async (installationId, org) => {
      const octokit = (await app.auth(installationId)) as unknown as Octokit;
      const [state, inventory] = await Promise.all([runtime.policies.inForce(octokit, installationId, org, readOptions), runtime.inventory.get(installationId)]);
      // Nothing to show before a fan-out has scanned the organization.
      if (state.status !== 'in-force' || inventory === null || Object.keys(inventory.repos).length === 0) return;
      await (await githubFor(installationId, org)).upsertInventoryIssue(renderInventory(state.policy, inventory, { now: runtime.now() }));
    },

    installed: (octokit, installationId, org, log) =>
      schedule(installationId, log, 'installation scan', async () => {
        const location = policyLocation(org, runtime.policyRepo);
        const where = `${location.owner}/${location.repo}`;
        const state = await runtime.policies.inForce(octokit, installationId, org, readOptions);
        if (state.status === 'unreadable') {
          log.error({ installation: installationId, policyRepo: where }, `installation ${org}: no inventory issue: the policy cannot be read: ${state.reason}`);
          return;
        }
        const github = await githubFor(installationId, org);
        const discovery = await github.discover(await runtime.inventory.get(installationId));
        const inventory = await runtime.inventoryWrites.run(String(installationId), async () => {
          const kept = { ...((await runtime.inventory.get(installationId)) ?? emptyInventory()), repos: discovery.repos };
          await runtime.inventory.set(installationId, kept);
          return kept;
        });
        const body = renderInventory(state.policy ?? emptyPolicy(), inventory, { now: runtime.now(), notice: policyNotice(state, `${where}/${location.path}`) });
        try {
          const issue = await github.upsertInventoryIssue(body);
          log.info({ installation: installationId, repos: Object.keys(inventory.repos).length, reads: discovery.reads, issue: issue.number, policy: state.status }, 'installation scanned into the inventory');
        } catch (error) {
          if (!isHttpError(error) || ![403, 404, 410].includes(error.status)) throw error;
          log.error(
            { installation: installationId, policyRepo: where, status: error.status },
            `installation ${org}: ${describeGitHubError(error, `writing the inventory issue in ${where}`)}: create that repository, enable its issues and add it to the app's installation (or set PLIMSOLL_POLICY_REPO)`,
          );
        }
      }),

    inventoryFor: async (octokit, installationId) => {
      const kept = await runtime.inventory.get(installationId);
      if (kept) return kept;
      let build = building.get(installationId);
      if (!build) {
        build = (async () => {
          const discovery = await discoverRepositories(octokit, {});
          // A fan-out may have kept one meanwhile, with its pull requests: that one wins.
          return runtime.inventoryWrites.run(String(installationId), async () => {
            const meanwhile = await runtime.inventory.get(installationId);
            if (meanwhile) return meanwhile;
            const built: Inventory = { ...emptyInventory(), repos: discovery.repos };
            await runtime.inventory.set(installationId, built);
            app.log.info({ installation: installationId, repos: Object.keys(built.repos).length, reads: discovery.reads }, 'inventory built for a policy preview');
            return built;
          });
        })().finally(() => building.delete(installationId));
        building.set(installationId, build);
      }
      return build;
    },
  };
}

/**
 * The policies, asked again after a wait while GitHub cannot give them (5xx, rate limit, timeout);
 * null, logged, when it still cannot after the last wait: nothing fans out from a policy not read.
 */
async function whenReadable(policies: () => Promise<PolicyTransition | null>, sleep: (ms: number) => Promise<void>, log: Logger): Promise<PolicyTransition | null> {
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
  return { ran: !result.skipped, jobs: Object.keys(result.outcomes).length, reads: result.reads, issue: result.issue, dispatches: result.dispatches.length };
}
