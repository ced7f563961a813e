import type { Context, Logger, Probot } from 'probot';
import { evaluateBumpPull, type MergeOutcome } from '../automerge/evaluate.js';
import { refusalMemory } from '../automerge/refusal.js';
import { mergedComment } from '../automerge/render.js';
import { HOLD_LABEL, sameAccount } from '../automerge/decide.js';
import { bumpOfBody } from '../fanout/decide.js';
import type { RepoName } from '../fanout/ports.js';
import type { Octokit } from '../github/client.js';
import { mergeGitHub } from '../github/merge.js';
import { applyAutomergeRecord } from '../inventory/automerge.js';
import { emptyInventory, jobId, type AutomergeRecord } from '../inventory/model.js';
import type { Runtime } from '../runtime.js';
import type { FanOutService } from './fanout.js';

/** A bump pull request's branch (SPEC §7: `plimsoll/<image>`). */
const BUMP_BRANCH = /^plimsoll\//;

export interface AutomergeService {
  /** Look at a bump pull request now, in the background (one look at a time per pull request; a look already waiting covers this one). */
  look(installationId: number, where: RepoName, pull: { number: number } | { branch: string }, log: Logger): void;
  /** A bump pull request was closed: merged (by GitHub's auto-merge, the app, or a person), or closed unmerged. */
  closed(installationId: number, where: RepoName, pull: { number: number; body: string; merged: boolean; mergedBy: string | null; url: string; headSha: string }): Promise<void>;
}

/**
 * Merge on green (SPEC §7): the fan-out's bump pull requests of a kind `bumps.automerge` lists are
 * looked at when a bump job leaves them open, when a check or status completes on their head, when
 * a review, a label or a push changes them; each look reads, decides and writes
 * (src/automerge/evaluate.ts), and what it found goes to the inventory, whose issue is written
 * again once the changes of `inventoryRefreshDelayMs` are gathered.
 */
export function automergeService(app: Probot, runtime: Runtime, fanOut: Pick<FanOutService, 'refreshInventoryIssue'>): AutomergeService {
  const waiting = new Set<string>();
  const refusals = refusalMemory();
  /** Repositories whose rulesets could not be read, logged once each. */
  const rulesetsUnread = new Set<string>();
  const refreshing = new Set<number>();
  const readOptions = { ...runtime.retry, ...(runtime.policyRepo ? { policyRepo: runtime.policyRepo } : {}) };

  const scheduleRefresh = (installationId: number, org: string, log: Logger) => {
    if (refreshing.has(installationId)) return;
    refreshing.add(installationId);
    void runtime.background
      .run(`inventory-issue:${installationId}`, async () => {
        await runtime.clock.sleep(runtime.inventoryRefreshDelayMs);
        refreshing.delete(installationId);
        await fanOut.refreshInventoryIssue(installationId, org);
      })
      .catch((error: unknown) => {
        refreshing.delete(installationId);
        log.error({ err: error, installation: installationId }, 'writing the inventory issue failed');
      });
  };

  const record = async (installationId: number, org: string, id: string, change: (familiar: string | null) => AutomergeRecord | null, log: Logger) => {
    const changed = await runtime.inventoryWrites.run(String(installationId), async () => {
      const inventory = (await runtime.inventory.get(installationId)) ?? emptyInventory();
      const familiar = inventory.openPullRequests[id]?.image ?? inventory.automerge?.[id]?.image ?? null;
      const next = change(familiar);
      if (next === undefined || !applyAutomergeRecord(inventory, id, next)) return false;
      await runtime.inventory.set(installationId, inventory);
      return true;
    });
    if (changed) scheduleRefresh(installationId, org, log);
  };

  const look: AutomergeService['look'] = (installationId, where, pull, log) => {
    const key = `${where.owner}/${where.repo}#${'number' in pull ? pull.number : pull.branch}`.toLowerCase();
    if (waiting.has(key)) return;
    waiting.add(key);
    void runtime.background
      .run(`automerge:${key}`, async () => {
        waiting.delete(key);
        const octokit = (await app.auth(installationId)) as unknown as Octokit;
        const state = await runtime.policies.inForce(octokit, installationId, where.owner, readOptions);
        // Nothing is merged without a policy that asks for it; no request is made for it either.
        if (state.status !== 'in-force' || state.policy.bumps.automerge.length === 0 || state.policy.bumps.mode !== 'open') return;
        const identity = await runtime.identity();
        const github = mergeGitHub(octokit, runtime.throttleFor(installationId), identity.botLogin, runtime.retry);
        const outcome = await evaluateBumpPull(where, pull, { github, listed: state.policy.bumps.automerge, identity: { appId: identity.id, botLogin: identity.botLogin }, refusals });
        if (outcome === null) return;
        if (outcome.rulesetsRead === false && !rulesetsUnread.has(outcome.repo.toLowerCase())) {
          rulesetsUnread.add(outcome.repo.toLowerCase());
          log.warn({ repo: outcome.repo }, "the base branch's rulesets could not be read (rules/branches answered 404 or 403): merging on branch protection's required checks only; GitHub still enforces its rulesets on the merge");
        }
        log.info({ repo: outcome.repo, pr: outcome.number, head: outcome.headSha, verdict: outcome.verdict, step: outcome.step, result: outcome.result, message: outcome.message, comment: outcome.comment }, 'bump pull request looked at for merging');
        await record(installationId, where.owner, jobId(outcome.repo, outcome.image), (familiar) => recordOf(outcome, familiar, runtime.now()), log);
      })
      .catch((error: unknown) => {
        waiting.delete(key);
        log.error({ err: error, repo: `${where.owner}/${where.repo}`, pull }, 'looking at a bump pull request for merging failed');
      });
  };

  return {
    look,
    closed: async (installationId, where, pull) => {
      const bump = bumpOfBody(pull.body);
      if (bump === null) return;
      const identity = await runtime.identity();
      const id = jobId(`${where.owner}/${where.repo}`, bump.image);
      // GitHub's auto-merge merged it (or the app did): a red check said earlier is answered.
      if (pull.merged && sameAccount(pull.mergedBy, identity.botLogin)) {
        const octokit = (await app.auth(installationId)) as unknown as Octokit;
        await mergeGitHub(octokit, runtime.throttleFor(installationId), identity.botLogin, runtime.retry).editCommentIfAny(where, pull.number, mergedComment(pull.headSha));
      }
      await record(
        installationId,
        where.owner,
        id,
        (familiar) => {
          if (!pull.merged) return null;
          // Merged by the app, or by GitHub's auto-merge the app enabled (GitHub merges as its enabler).
          if (!sameAccount(pull.mergedBy, identity.botLogin)) return null;
          return { repo: `${where.owner}/${where.repo}`, image: familiar ?? familiarOf(bump.image), number: pull.number, url: pull.url, target: bump.target, standing: 'merged', detail: 'merged on green', at: runtime.now().toISOString() };
        },
        app.log,
      );
    },
  };
}

function recordOf(outcome: MergeOutcome, familiar: string | null, now: Date): AutomergeRecord | null {
  if (outcome.standing === null) return null;
  return {
    repo: outcome.repo,
    image: familiar ?? familiarOf(outcome.image),
    number: outcome.number,
    url: outcome.url,
    target: outcome.target,
    standing: outcome.standing,
    detail: outcome.detail,
    at: now.toISOString(),
  };
}

/** `docker.io/library/node` → `node`, for a record made before the inventory knew the pull request. */
function familiarOf(image: string): string {
  return image.replace(/^docker\.io\/(library\/)?/, '');
}

type MergeSignal = Context<'check_run' | 'check_suite' | 'status' | 'pull_request_review' | 'pull_request'>;

interface PullRef {
  number: number;
  head?: { ref?: string; sha?: string };
}

/**
 * The events that may complete, change or end a bump pull request, routed to the service: a check
 * run or suite completed (`pull_requests` names the pull requests of its head), a commit status
 * (its `branches`), a review, the `plimsoll:hold` label added or removed, a push to the branch, a
 * close. Events about anything but a `plimsoll/` branch cost nothing.
 */
export function onMergeSignal(automerge: AutomergeService) {
  return async (context: MergeSignal): Promise<void> => {
    const payload = context.payload as Record<string, unknown> & { installation?: { id: number } };
    const installationId = payload.installation?.id ?? 0;
    const where = { owner: context.repo().owner, repo: context.repo().repo };
    const log = context.log.child({ delivery: context.id, event: `${context.name}.${String(payload.action ?? '')}` });
    const lookAt = (pulls: readonly PullRef[] | undefined) => {
      for (const pull of pulls ?? []) if (BUMP_BRANCH.test(pull.head?.ref ?? '')) automerge.look(installationId, where, { number: pull.number }, log);
    };
    switch (context.name) {
      case 'check_run':
        if (payload.action === 'completed') lookAt((payload.check_run as { pull_requests?: PullRef[] } | undefined)?.pull_requests);
        return;
      case 'check_suite':
        if (payload.action === 'completed') lookAt((payload.check_suite as { pull_requests?: PullRef[] } | undefined)?.pull_requests);
        return;
      case 'status':
        // A status names the branches whose tip is its commit, not the pull request: the open one from that branch.
        if (payload.state === 'pending') return;
        for (const branch of (payload.branches as Array<{ name?: string }> | undefined) ?? []) if (BUMP_BRANCH.test(branch.name ?? '')) automerge.look(installationId, where, { branch: branch.name! }, log);
        return;
      case 'pull_request_review':
        if (payload.pull_request) lookAt([payload.pull_request as PullRef]);
        return;
      case 'pull_request': {
        const pull = payload.pull_request as (PullRef & { body: string | null; merged: boolean; merged_by: { login: string } | null; html_url: string }) | undefined;
        if (!pull || !BUMP_BRANCH.test(pull.head?.ref ?? '')) return;
        if (payload.action === 'closed') {
          await automerge.closed(installationId, where, { number: pull.number, body: pull.body ?? '', merged: pull.merged, mergedBy: pull.merged_by?.login ?? null, url: pull.html_url, headSha: pull.head?.sha ?? '' });
          return;
        }
        if ((payload.action === 'labeled' || payload.action === 'unlabeled') && (payload.label as { name?: string } | undefined)?.name !== HOLD_LABEL) return;
        lookAt([pull]);
        return;
      }
    }
  };
}
