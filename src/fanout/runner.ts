import { normaliseImageName } from '../dockerfile/reference.js';
import { emptyInventory, jobId, type Inventory } from '../inventory/model.js';
import { renderInventory } from '../inventory/render.js';
import { MemoryInventoryStore, type InventoryStore } from '../inventory/store.js';
import { KeyedSerial } from '../queue/serial.js';
import type { Policy } from '../policy/types.js';
import { MemoryJobQueue } from '../queue/memory.js';
import type { WriteThrottle } from '../queue/throttle.js';
import type { JobQueue, RetryPolicy } from '../queue/types.js';
import { dispatchPayload, planDispatches } from './dispatch.js';
import { dispatchJobHandlers, dispatchJobId, routeDispatches, wasDispatched, type QueuedDispatch } from './dispatch-job.js';
import { changedImages, jobFiles, planFanOut, type BumpJob, type ChangedImages } from './plan.js';
import type { InstallationGitHub, IssueWrite } from './ports.js';
import type { JobOutcome } from './run-job.js';
import { bumpJobHandlers, type QueuedBump } from './worker.js';

/** The queue and its worker, shared by every fan-out of the app (see ../handlers/fanout.ts). */
export interface FanOutRuntime {
  queue: JobQueue<QueuedBump | QueuedDispatch>;
  store: InventoryStore;
  /** Finished jobs are told here; a fan-out listens for its own. */
  listeners: Set<(job: QueuedBump, outcome: JobOutcome | null) => void>;
}

export interface FanOutContext {
  /** The installation's GitHub: discovery, the inventory issue, bump writes. */
  github: InstallationGitHub;
  installationId?: number;
  throttle: WriteThrottle;
  now: () => Date;
  /** The app's queue, store and worker; without it, a private in-process one for this run. */
  runtime?: FanOutRuntime;
  /** Without a runtime: the inventory to start from. */
  inventory?: Inventory;
  retry?: RetryPolicy;
  concurrency?: number;
  /** The policy commit a push brought (SPEC §7 `bumps.rebuild`): its bans are dispatched once per
   *  repository. Absent on a recheck, which bans nothing new. */
  policyCommit?: string;
  /** The organization, for dispatch jobs that run after a restart. */
  owner?: string;
}

export interface FanOutResult {
  /** Nothing ran: `bumps.mode: off`. */
  skipped: boolean;
  inventory: Inventory;
  outcomes: Record<string, JobOutcome>;
  issue: IssueWrite | null;
  /** Discovery requests. */
  reads: number;
  /** Repositories sent (or queued to be sent) a `repository_dispatch` for this policy commit. */
  dispatches: string[];
}

/**
 * One fan-out (SPEC §7): discover the installation's container definitions, plan a job per
 * (repository, image) whose usages the policy change affects, queue the jobs, wait for them, then
 * show the result in the inventory issue. `before` null (a recheck) recomputes everything; every
 * job is idempotent, so a recheck after a partial run only does what is missing.
 */
export async function runFanOut(context: FanOutContext, before: Policy | null, after: Policy): Promise<FanOutResult> {
  const installationId = context.installationId ?? 0;
  const runtime = context.runtime ?? privateRuntime(context, after);
  try {
    const previous = (await runtime.store.get(installationId)) ?? emptyInventory();
    if (after.bumps.mode === 'off') return { skipped: true, inventory: previous, outcomes: {}, issue: null, reads: 0, dispatches: [] };

    const discovery = await context.github.discover(previous);
    const inventory: Inventory = { ...previous, repos: discovery.repos };
    await runtime.store.set(installationId, inventory);
    const scope = changedImages(before, after);
    const planned = planFanOut(after, inventory, context.now(), scope);
    const jobs = [...planned, ...staleJobs(inventory, scope, planned)];
    // Rebuilds first: a dispatch is one write that lets a pipeline leave the banned base at once.
    // Only where the policy writes (`bumps.mode: open`): a dry run sends nothing.
    const commit = after.bumps.mode === 'open' ? context.policyCommit : undefined;
    const dispatches = commit === undefined ? [] : planDispatches(before, after, inventory, context.now()).filter((d) => !wasDispatched(inventory, commit, d.repo));
    const dispatchJobs = dispatches.map((d) => ({
      id: dispatchJobId(commit!, d.repo),
      data: { kind: 'dispatch' as const, installationId, owner: context.owner ?? d.repo.split('/')[0] ?? '', repo: d.repo, policyCommit: commit!, payload: dispatchPayload(d, commit!) },
      priority: 0,
    }));

    const outcomes: Record<string, JobOutcome> = {};
    const ids = new Set(jobs.map((job) => job.id));
    const listener = (job: QueuedBump, outcome: JobOutcome | null) => {
      if (outcome && ids.has(job.id)) outcomes[job.id] = outcome;
    };
    runtime.listeners.add(listener);
    try {
      await runtime.queue.add([...dispatchJobs, ...jobs.map((job) => ({ id: job.id, data: { ...job, installationId }, priority: job.banned ? 1 : 2 }))]);
      await runtime.queue.drained();
    } finally {
      runtime.listeners.delete(listener);
    }

    const final = (await runtime.store.get(installationId)) ?? inventory;
    const body = renderInventory(after, final, { now: context.now() });
    const issue = await context.github.upsertInventoryIssue(body);
    return { skipped: false, inventory: final, outcomes, issue, reads: discovery.reads, dispatches: dispatches.map((d) => d.repo) };
  } finally {
    if (!context.runtime) await runtime.queue.close();
  }
}

/** The queue and worker of one run, in process: for the CLI-like use and tests. */
function privateRuntime(context: FanOutContext, policy: Policy): FanOutRuntime {
  const store = new MemoryInventoryStore();
  if (context.inventory) void store.set(context.installationId ?? 0, context.inventory);
  const listeners = new Set<(job: QueuedBump, outcome: JobOutcome | null) => void>();
  const queue = new MemoryJobQueue<QueuedBump | QueuedDispatch>({ throttle: context.throttle, retry: context.retry, concurrency: context.concurrency });
  const inventoryWrites = new KeyedSerial();
  queue.process(
    routeDispatches(
      bumpJobHandlers({
        githubFor: async () => context.github,
        policyFor: async () => policy,
        inventoryWrites,
        store,
        now: context.now,
        onOutcome: (job, outcome) => listeners.forEach((listen) => listen(job, outcome)),
      }),
      dispatchJobHandlers({ githubFor: async () => context.github, store, inventoryWrites, now: context.now }),
    ),
  );
  return { queue, store, listeners };
}

/**
 * Open Plimsoll pull requests the plan no longer asks for (someone fixed the default branch by
 * hand, or the file went away): run their job again, which closes them as superseded.
 */
function staleJobs(inventory: Inventory, scope: ChangedImages, planned: readonly BumpJob[]): BumpJob[] {
  const plannedIds = new Set(planned.map((job) => job.id));
  const jobs: BumpJob[] = [];
  for (const [id, pull] of Object.entries(inventory.openPullRequests)) {
    const image = normaliseImageName(pull.image) ?? pull.image;
    if (plannedIds.has(id) || (scope !== 'all' && !scope.has(image))) continue;
    const repo = Object.values(inventory.repos).find((r) => jobId(r.fullName, image) === id);
    const paths = (repo?.files ?? []).filter((file) => file.images.some((usage) => usage.name === image)).map((file) => file.path);
    jobs.push({ id, repo: repo?.fullName ?? pull.repo, image, familiar: pull.image, banned: false, ...(repo ? jobFiles(repo, paths) : { paths }) });
  }
  return jobs;
}
