import { emptyInventory, type Inventory } from '../inventory/model.js';
import type { InventoryStore } from '../inventory/store.js';
import type { KeyedSerial } from '../queue/serial.js';
import type { JobHandlers } from '../queue/types.js';
import { DISPATCH_EVENT } from './dispatch.js';
import type { GitHubFor } from './ports.js';

/** One `repository_dispatch` as a job of the fan-out's queue: it waits for the same write throttle. */
export interface QueuedDispatch {
  kind: 'dispatch';
  installationId: number;
  /** The organization (whose policy repository the installation's GitHub side is built for). */
  owner: string;
  /** `owner/name` of the repository to tell. */
  repo: string;
  policyCommit: string;
  payload: Record<string, unknown>;
}

/** Once per repository and policy commit: the queue dedupes waiting jobs by it, the stored marker the rest. */
export function dispatchJobId(policyCommit: string, repo: string): string {
  return `dispatch#${policyCommit}#${repo.toLowerCase()}`;
}

export function isDispatchJob(job: unknown): job is QueuedDispatch {
  return typeof job === 'object' && job !== null && (job as { kind?: unknown }).kind === 'dispatch';
}

/** Policy commits whose dispatches are remembered; older markers are dropped (their pushes are long delivered). */
const KEPT_COMMITS = 50;

/** Whether the stored inventory says this repository was told about this policy commit. */
export function wasDispatched(inventory: Inventory | null, policyCommit: string, repo: string): boolean {
  return inventory?.dispatched?.[policyCommit]?.[repo.toLowerCase()] !== undefined;
}

export interface DispatchWorkerDeps {
  githubFor: GitHubFor;
  store: InventoryStore;
  /** Read-modify-write of the stored inventory, shared with the bump jobs. */
  inventoryWrites: KeyedSerial;
  now: () => Date;
  onSent?(job: QueuedDispatch): void;
}

/**
 * Sends a job's event unless the stored inventory already records it for that policy commit (a
 * redelivered push, a retried job, a restart with Redis), then records it. A job that keeps
 * failing is listed under the inventory's failed jobs.
 */
export function dispatchJobHandlers(deps: DispatchWorkerDeps): JobHandlers<QueuedDispatch> {
  const update = (installationId: number, change: (inventory: Inventory) => void) =>
    deps.inventoryWrites.run(String(installationId), async () => {
      const inventory = (await deps.store.get(installationId)) ?? emptyInventory();
      change(inventory);
      await deps.store.set(installationId, inventory);
    });

  return {
    run: async (job, id) => {
      if (wasDispatched(await deps.store.get(job.installationId), job.policyCommit, job.repo)) return;
      const github = await deps.githubFor(job.installationId, job.owner);
      if (!github.repositoryDispatch) throw new Error('this installation cannot send repository_dispatch events');
      const [owner = '', repo = ''] = job.repo.split('/');
      await github.repositoryDispatch({ owner, repo }, DISPATCH_EVENT, job.payload);
      await update(job.installationId, (inventory) => {
        const dispatched = (inventory.dispatched ??= {});
        (dispatched[job.policyCommit] ??= {})[job.repo.toLowerCase()] = deps.now().toISOString();
        for (const commit of Object.keys(dispatched).slice(0, Math.max(0, Object.keys(dispatched).length - KEPT_COMMITS))) delete dispatched[commit];
        delete inventory.failedJobs[id];
      });
      deps.onSent?.(job);
    },
    failed: async (report) => {
      await update(report.data.installationId, (inventory) => {
        inventory.failedJobs[report.id] = {
          repo: report.data.repo,
          image: `repository_dispatch ${DISPATCH_EVENT}`,
          attempts: report.attempts,
          message: report.error instanceof Error ? report.error.message : String(report.error),
          at: deps.now().toISOString(),
        };
      });
    },
  };
}

/** One queue, bump jobs and dispatch jobs: each to its handlers. */
export function routeDispatches<B>(bumps: JobHandlers<B>, dispatches: JobHandlers<QueuedDispatch>): JobHandlers<B | QueuedDispatch> {
  return {
    run: (data, id) => (isDispatchJob(data) ? dispatches.run(data, id) : bumps.run(data as B, id)),
    failed: (report) => (isDispatchJob(report.data) ? dispatches.failed?.({ ...report, data: report.data }) : bumps.failed?.({ ...report, data: report.data as B })),
  };
}
