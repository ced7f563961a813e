import type { GitHubFor } from '../fanout/ports.js';
import { emptyInventory, type Inventory, type MovedTag } from '../inventory/model.js';
import { renderInventory } from '../inventory/render.js';
import type { InventoryStore } from '../inventory/store.js';
import { imagePolicyFor } from '../policy/match.js';
import { policyLocation } from '../config/location.js';
import type { Policy } from '../policy/types.js';
import type { KeyedSerial } from '../queue/serial.js';
import type { JobHandlers } from '../queue/types.js';
import { isRegistryError } from '../registry/errors.js';
import type { RegistryClient } from '../registry/types.js';
import { runUpstreamJob, type UpstreamOutcome } from './job.js';

/** The watch as a job of the fan-out's queue: one per installation, deduped by id. */
export interface QueuedUpstream {
  kind: 'upstream';
  installationId: number;
  owner: string;
}

export function upstreamJobId(installationId: number): string {
  return `upstream#${installationId}`;
}

export function isUpstreamJob(job: unknown): job is QueuedUpstream {
  return typeof job === 'object' && job !== null && (job as { kind?: unknown }).kind === 'upstream';
}

export interface UpstreamWorkerDeps {
  /** The GitHub side of the watch's installation. */
  githubFor: GitHubFor;
  /** Read-modify-write of an installation's stored inventory, one at a time (shared with the bump jobs). */
  inventoryWrites: KeyedSerial;
  registry: RegistryClient;
  store: InventoryStore;
  now: () => Date;
  policyRepo?: string;
  /** The policy the run read (to keep the installation's schedule in step). */
  onPolicy?(job: QueuedUpstream, policy: Policy): void;
  onOutcome?(job: QueuedUpstream, outcome: UpstreamOutcome | null): void;
}

/**
 * Runs the watch for an installation, records what it saw in the stored inventory (newest version
 * per image and when it was first seen, moved tags: pinned in the policy or in a repository), and
 * refreshes the inventory issue when a fan-out has made one.
 */
export function upstreamJobHandlers(deps: UpstreamWorkerDeps): JobHandlers<QueuedUpstream> {
  return {
    run: async (job) => {
      const github = await deps.githubFor(job.installationId, job.owner);
      const location = policyLocation(job.owner, deps.policyRepo);
      const outcome = await runUpstreamJob({
        github: github.bumps,
        registry: deps.registry,
        where: { owner: location.owner, repo: location.repo },
        path: location.path,
      });
      if (outcome.policy) deps.onPolicy?.(job, outcome.policy);
      if (outcome.policy && outcome.watch) {
        const { policy, watch } = outcome;
        const moved: MovedTag[] = watch.digests
          .filter((d) => d.previous !== null)
          .map((d) => ({ image: d.familiar, tag: d.tag, pinned: d.previous!, now: d.digest, where: ['policy'] }));
        // The registries are asked outside the inventory's turn: a bump job may record meanwhile.
        moved.push(...(await movedInRepositories(policy, (await deps.store.get(job.installationId)) ?? emptyInventory(), deps.registry)));
        const recorded = await deps.inventoryWrites.run(String(job.installationId), async () => {
          const stored = await deps.store.get(job.installationId);
          const inventory = stored ?? emptyInventory();
          const at = deps.now().toISOString();
          const images: NonNullable<Inventory['upstream']>['images'] = {};
          for (const entry of policy.images ?? []) {
            if (!(entry.name in watch.newest)) continue;
            const newest = watch.newest[entry.name] ?? null;
            const before = inventory.upstream?.images[entry.familiar];
            images[entry.familiar] = { newest, seenAt: before && before.newest === newest ? before.seenAt : at };
          }
          inventory.upstream = {
            checkedAt: at,
            images,
            moved,
            pullRequest: outcome.pullRequest,
            problems: watch.problems.map((p) => `${p.image}: ${p.message}`).concat(outcome.problem ? [outcome.problem] : []),
          };
          await deps.store.set(job.installationId, inventory);
          return { inventory, hadRepos: stored !== null && Object.keys(stored.repos).length > 0 };
        });
        if (recorded.hadRepos) await github.upsertInventoryIssue(renderInventory(policy, recorded.inventory, { now: deps.now() }));
      }
      deps.onOutcome?.(job, outcome);
    },
    failed: (report) => deps.onOutcome?.(report.data, null),
  };
}

/** Whitelisted images pinned `tag@digest` in repositories whose tag now has another digest: one HEAD per distinct tag. */
async function movedInRepositories(policy: Policy, inventory: Inventory, registry: RegistryClient): Promise<MovedTag[]> {
  const pinned = new Map<string, { registry: string; repository: string; familiar: string; tag: string; digest: string; where: string[] }>();
  for (const repo of Object.values(inventory.repos)) {
    for (const file of repo.files) {
      for (const usage of file.images) {
        if (usage.name === null || usage.tag === null || usage.digest === null || !imagePolicyFor(policy, { name: usage.name })) continue;
        const slash = usage.name.indexOf('/');
        const key = `${usage.name}:${usage.tag}@${usage.digest}`;
        const known = pinned.get(key) ?? { registry: usage.name.slice(0, slash), repository: usage.name.slice(slash + 1), familiar: usage.familiar, tag: usage.tag, digest: usage.digest, where: [] };
        known.where.push(`${repo.fullName} (${file.path}:${usage.line})`);
        pinned.set(key, known);
      }
    }
  }
  const moved: MovedTag[] = [];
  await Promise.all(
    [...pinned.values()].map(async (usage) => {
      try {
        const now = await registry.digest({ registry: usage.registry, repository: usage.repository }, usage.tag);
        if (now.toLowerCase() !== usage.digest.toLowerCase()) moved.push({ image: usage.familiar, tag: usage.tag, pinned: usage.digest, now, where: usage.where });
      } catch (error) {
        if (!isRegistryError(error)) throw error;
      }
    }),
  );
  return moved.sort((a, b) => (a.image + a.tag < b.image + b.tag ? -1 : 1));
}

/** One queue, two kinds of job: bump jobs to the fan-out's handlers, watch jobs to these. */
export function routeJobs<B>(bumps: JobHandlers<B>, upstream: JobHandlers<QueuedUpstream>): JobHandlers<B | QueuedUpstream> {
  return {
    run: (data, id) => (isUpstreamJob(data) ? upstream.run(data, id) : bumps.run(data as B, id)),
    failed: (report) => (isUpstreamJob(report.data) ? upstream.failed?.({ ...report, data: report.data }) : bumps.failed?.({ ...report, data: report.data as B })),
  };
}
