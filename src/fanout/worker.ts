import type { Inventory } from '../inventory/model.js';
import { emptyInventory } from '../inventory/model.js';
import type { InventoryStore } from '../inventory/store.js';
import type { Policy } from '../policy/types.js';
import type { JobHandlers } from '../queue/types.js';
import type { KeyedSerial } from '../queue/serial.js';
import type { RegistryClient } from '../registry/types.js';
import { targetDigests } from './target-digests.js';
import type { BumpJob } from './plan.js';
import type { GitHubFor } from './ports.js';
import { pullRequestRenderer } from './render.js';
import { runBumpJob, type JobOutcome } from './run-job.js';

/** A job as it sits in the queue: enough to run it in any instance, after any restart. */
export interface QueuedBump extends BumpJob {
  installationId: number;
}

export interface BumpWorkerDeps {
  /** The GitHub side of the job's installation. */
  githubFor: GitHubFor;
  /** The policy in force for the installation (its policy repository's default branch); null: none valid. */
  policyFor(installationId: number, owner: string): Promise<Policy | null>;
  /** Read-modify-write of an installation's stored inventory, one at a time (shared with the upstream watch). */
  inventoryWrites: KeyedSerial;
  store: InventoryStore;
  now: () => Date;
  /** Asked for target digests under `require-digest` when the policy pins none. */
  registry?: RegistryClient;
  /** Told about each finished job (null: the job was dropped, no policy). */
  onOutcome?(job: QueuedBump, outcome: JobOutcome | null): void;
}

/**
 * Runs queued bump jobs: each reads the policy in force when it runs (a job resumed after a
 * restart follows the newest policy), runs, and records its pull request or its failure in the
 * stored inventory. Records of one installation are serialised in this process.
 */
export function bumpJobHandlers(deps: BumpWorkerDeps): JobHandlers<QueuedBump> {
  const reserved = new Map<number, number>();

  const update = (installationId: number, change: (inventory: Inventory) => void): Promise<void> =>
    deps.inventoryWrites.run(String(installationId), async () => {
      const inventory = (await deps.store.get(installationId)) ?? emptyInventory();
      change(inventory);
      await deps.store.set(installationId, inventory);
    });

  return {
    run: async (job) => {
      const owner = job.repo.split('/')[0] ?? '';
      const [github, policy] = await Promise.all([deps.githubFor(job.installationId, owner), deps.policyFor(job.installationId, owner)]);
      if (policy === null || policy.bumps.mode === 'off') {
        deps.onOutcome?.(job, null);
        return;
      }
      const stored = (await deps.store.get(job.installationId)) ?? emptyInventory();
      const openCount = Object.keys(stored.openPullRequests).length;
      // A slot is reserved before the job decides, so concurrent jobs cannot overshoot max-open.
      let holds = false;
      const mayOpen = () => {
        holds = openCount + (reserved.get(job.installationId) ?? 0) < policy.bumps.maxOpen;
        if (holds) reserved.set(job.installationId, (reserved.get(job.installationId) ?? 0) + 1);
        return holds;
      };
      const digests = new Map<string, string>();
      const renderer = pullRequestRenderer(policy, { digests });
      let outcome: JobOutcome;
      try {
        outcome = await runBumpJob(job, {
          github: github.bumps,
          planFile: renderer.planFile,
          planManifests: renderer.planManifests,
          render: renderer.render,
          mode: policy.bumps.mode,
          mayOpen,
          ...(policy.requireDigest && deps.registry ? { prepare: (files, kinds) => targetDigests(policy, files, deps.registry!, digests, kinds) } : {}),
        });
        await update(job.installationId, (inventory) => {
          delete inventory.failedJobs[job.id];
          inventory.unfixable ??= {};
          if (outcome.unfixable.length > 0) inventory.unfixable[job.id] = outcome.unfixable.map((u) => ({ repo: job.repo, ...u }));
          else delete inventory.unfixable[job.id];
          if (outcome.pullRequest) inventory.openPullRequests[job.id] = { repo: job.repo, image: job.familiar, ...outcome.pullRequest };
          else if (policy.bumps.mode === 'open') delete inventory.openPullRequests[job.id];
        });
      } finally {
        if (holds) reserved.set(job.installationId, (reserved.get(job.installationId) ?? 1) - 1);
      }
      deps.onOutcome?.(job, outcome);
    },
    failed: async (report) => {
      await update(report.data.installationId, (inventory) => {
        inventory.failedJobs[report.id] = {
          repo: report.data.repo,
          image: report.data.familiar,
          attempts: report.attempts,
          message: report.error instanceof Error ? report.error.message : String(report.error),
          at: deps.now().toISOString(),
        };
      });
      deps.onOutcome?.(report.data, null);
    },
  };
}
