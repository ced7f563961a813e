import type { Context, Probot } from 'probot';
import { runFanOut, type FanOutResult } from '../fanout/runner.js';
import { invalidatePolicyCache, isPolicyRepository, policyLocation, readFileText, type Octokit } from '../github/client.js';
import { emptyInventory, type Inventory } from '../inventory/model.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/types.js';
import { MemoryWriteThrottle, writeLimitsFromEnv, type WriteThrottle } from '../queue/throttle.js';
import type { RetryPolicy } from '../queue/types.js';
import { parseCommands } from '../review/commands.js';
import { pushEffect, type PushPayload } from './push.js';

export interface FanOutOptions {
  policyRepo?: string;
  now?: () => Date;
  throttle?: WriteThrottle;
  retry?: RetryPolicy;
  /** Inventories by installation; in memory by default (a restart rescans, once). */
  inventories?: Map<number, Inventory>;
}

/**
 * Bump fan-out (SPEC §7): a push that changes the policy on the policy repository's default branch
 * compares the old and new policy and bumps what changed; `/plimsoll recheck` in an issue of the
 * policy repository recomputes everything. Runs of one installation follow each other.
 */
export function registerFanOut(app: Probot, options: FanOutOptions = {}): void {
  const now = options.now ?? (() => new Date());
  const throttle = options.throttle ?? new MemoryWriteThrottle(writeLimitsFromEnv());
  const inventories = options.inventories ?? new Map<number, Inventory>();
  const running = new Map<number, Promise<unknown>>();

  const fanOut = (installationId: number, octokit: Octokit, org: string, policies: () => Promise<{ before: Policy | null; after: Policy | null }>) => {
    const previousRun = running.get(installationId) ?? Promise.resolve();
    const run = previousRun.catch(() => undefined).then(async () => {
      const { before, after } = await policies();
      if (after === null) return null;
      const location = policyLocation(org, options.policyRepo);
      const result = await runFanOut(
        { octokit, policyRepo: { owner: location.owner, repo: location.repo }, inventory: inventories.get(installationId) ?? emptyInventory(), throttle, now, ...(options.retry ? { retry: options.retry } : {}) },
        before,
        after,
      );
      inventories.set(installationId, result.inventory);
      return result;
    });
    running.set(installationId, run);
    return run;
  };

  app.on('push', async (context: Context<'push'>) => {
    const payload = context.payload as unknown as PushPayload;
    const effect = pushEffect(payload, undefined, options.policyRepo);
    const installationId = context.payload.installation?.id ?? 0;
    if (effect.kind === 'inventory') {
      // The next fan-out reads this repository again: its `pushed_at` moved.
      return;
    }
    if (effect.kind !== 'fan-out') return;
    invalidatePolicyCache(installationId);
    const org = payload.repository.owner.login;
    const location = policyLocation(org, options.policyRepo);
    const result = await fanOut(installationId, context.octokit, org, async () => ({
      before: await policyAt(context.octokit, location, effect.before),
      after: await policyAt(context.octokit, location, effect.after),
    }));
    context.log.info({ event: 'push', fanOut: summary(result) }, 'bump fan-out done');
  });

  app.on('issue_comment.created', async (context: Context<'issue_comment.created'>) => {
    if (context.payload.issue.pull_request) return; // pull request reviews handle their own recheck
    await onRecheck(context, context.payload.comment.body ?? '');
  });

  async function onRecheck(context: Context<'issue_comment.created'>, text: string): Promise<void> {
    const { repository, sender } = context.payload;
    if (sender.type === 'Bot') return;
    if (!isPolicyRepository(repository.owner.login, repository.name, options.policyRepo)) return;
    if (!parseCommands(text).some((command) => command.kind === 'recheck')) return;
    const installationId = context.payload.installation?.id ?? 0;
    const org = repository.owner.login;
    const location = policyLocation(org, options.policyRepo);
    const result = await fanOut(installationId, context.octokit, org, async () => ({ before: null, after: await policyAt(context.octokit, location, undefined) }));
    context.log.info({ event: 'recheck', fanOut: summary(result) }, 'bump fan-out done');
  }
}

/** The policy at a commit; null when absent or invalid (an invalid policy never takes effect). */
async function policyAt(octokit: Octokit, location: { owner: string; repo: string; path: string }, ref: string | undefined): Promise<Policy | null> {
  if (ref !== undefined && /^0+$/.test(ref)) return null; // the branch was created by this push
  const text = await readFileText(octokit, { ...location, ...(ref === undefined ? {} : { ref }) });
  if (text === null) return null;
  const result = loadPolicy(text, location.path);
  return result.ok ? result.policy : null;
}

function summary(result: FanOutResult | null) {
  if (result === null) return { ran: false };
  return { ran: !result.skipped, jobs: Object.keys(result.outcomes).length, reads: result.reads, issue: result.issue };
}
