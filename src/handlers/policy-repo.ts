import type { Context, Probot } from 'probot';
import { appIdentity } from '../github/app-identity.js';
import { isPolicyRepository, type Octokit } from '../github/client.js';
import { discoverRepositories } from '../github/inventory-discover.js';
import { PolicySource, usePolicySource } from '../github/policy-source.js';
import { withRetry } from '../github/retry.js';
import { emptyInventory, type Inventory } from '../inventory/model.js';
import { POLICY_CHECK_NAME } from '../policy-check/render.js';
import { createPolicyStore } from '../policy/store.js';
import { redisUrlFromEnv, writeLimitsFromEnv } from '../queue/index.js';
import { registerFanOut, type FanOutHandle, type FanOutOptions } from './fanout.js';
import { checkPolicyCommit } from './policy-commit.js';
import { checkPolicyPullRequest, type PolicyPull } from './policy-pull-request.js';
import type { AppOptions } from './review.js';

type PullRequestEvent = Context<'pull_request.opened' | 'pull_request.synchronize' | 'pull_request.reopened' | 'pull_request.ready_for_review'>;

/**
 * Everything that happens on the policy repository (SPEC §3, §7), wired once: the policy source
 * every handler reads the policy through (installed as the app's default, Redis-backed with
 * `REDIS_URL`); pushes (the check on a commit that changes the policy, the fan-out, inventory
 * refreshes) and `/plimsoll recheck` through src/handlers/fanout.ts, one handler per event; the
 * check and preview of pull requests that change the policy; and "Re-run" on those checks.
 */
export function registerPolicyRepository(app: Probot, options: AppOptions & { fanOut?: FanOutOptions } = {}): FanOutHandle {
  const fanOutOptions = options.fanOut ?? {};
  const redisUrl = fanOutOptions.redisUrl ?? redisUrlFromEnv();
  const source =
    fanOutOptions.policySource ??
    new PolicySource({ store: createPolicyStore({ redisUrl }), onStoreError: (error) => app.log.warn({ err: error }, 'the policy store failed; reading the history from GitHub instead') });
  usePolicySource(source);
  const identity = fanOutOptions.identity ?? options.identity ?? appIdentity(app);
  const policyRepo = fanOutOptions.policyRepo ?? options.policyRepo;
  const fanOut = registerFanOut(app, {
    ...fanOutOptions,
    policySource: source,
    identity,
    ...(policyRepo ? { policyRepo } : {}),
    ...(options.retry ? { requestRetry: options.retry } : {}),
  });

  // A cold inventory is discovered once per installation (concurrent previews share it) and kept.
  const building = new Map<number, Promise<Inventory>>();
  const inventory = async (octokit: Octokit, installationId: number): Promise<Inventory> => {
    const kept = await fanOut.store.get(installationId);
    if (kept) return kept;
    let build = building.get(installationId);
    if (!build) {
      build = (async () => {
        const discovery = await discoverRepositories(octokit, {});
        // A fan-out may have kept one meanwhile, with its pull requests: that one wins.
        const meanwhile = await fanOut.store.get(installationId);
        if (meanwhile) return meanwhile;
        const built: Inventory = { ...emptyInventory(), repos: discovery.repos };
        await fanOut.store.set(installationId, built);
        app.log.info({ installation: installationId, repos: Object.keys(built.repos).length, reads: discovery.reads }, 'inventory built for a policy preview');
        return built;
      })().finally(() => building.delete(installationId));
      building.set(installationId, build);
    }
    return build;
  };

  const now = options.now ?? fanOutOptions.now ?? (() => new Date());
  const limits = writeLimitsFromEnv();
  const retry = options.retry ? { retry: options.retry } : {};
  /** Checks of one pull request run one after another, in the order their events arrived. */
  const chains = new Map<string, Promise<unknown>>();
  const checkPull = (octokit: Octokit, pull: PolicyPull, log: Context['log']) => {
    const key = `${pull.repo.owner}/${pull.repo.repo}#${pull.number}`.toLowerCase();
    const deps = { source, identity, inventory, now, limits, log, ...(policyRepo ? { policyRepo } : {}), ...retry };
    const run = (chains.get(key) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => checkPolicyPullRequest(octokit, pull, deps))
      .catch((error: unknown) => log.error({ err: error }, 'policy pull request check failed'));
    chains.set(key, run);
    void run.finally(() => {
      if (chains.get(key) === run) chains.delete(key);
    });
    fanOut.track(run);
  };

  app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review'], async (context: PullRequestEvent) => {
    const repo = context.repo();
    if (!isPolicyRepository(repo.owner, repo.repo, policyRepo)) return;
    const pr = context.payload.pull_request;
    const log = context.log.child({ delivery: context.id, event: `pull_request.${context.payload.action}`, repo: `${repo.owner}/${repo.repo}`, pr: pr.number });
    checkPull(context.octokit as Octokit, { installationId: context.payload.installation?.id ?? 0, repo, number: pr.number, headSha: pr.head.sha, action: context.payload.action }, log);
  });

  // "Re-run" on a policy check: the pull requests of that head, or the commit's own check.
  app.on('check_run.rerequested', async (context: Context<'check_run.rerequested'>) => {
    const repo = context.repo();
    const run = context.payload.check_run;
    if (run.name !== POLICY_CHECK_NAME || !isPolicyRepository(repo.owner, repo.repo, policyRepo)) return;
    const installationId = context.payload.installation?.id ?? 0;
    const octokit = context.octokit as Octokit;
    const log = context.log.child({ delivery: context.id, event: 'check_run.rerequested', repo: `${repo.owner}/${repo.repo}`, sha: run.head_sha });
    if (run.pull_requests.length > 0) {
      for (const pr of run.pull_requests) checkPull(octokit, { installationId, repo, number: pr.number, headSha: run.head_sha, action: 'rerequested' }, log);
      return;
    }
    const work = (async () => {
      const { data } = await withRetry(() => octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', { ...repo, ref: run.head_sha }), options.retry);
      const push = { installationId, org: repo.owner, defaultBranch: context.payload.repository.default_branch, before: data.parents[0]?.sha ?? '0'.repeat(40), after: run.head_sha, rerun: true };
      await checkPolicyCommit(octokit, push, { source, identity, log, ...(policyRepo ? { policyRepo } : {}), ...retry });
    })().catch((error: unknown) => log.error({ err: error }, 'policy commit check failed'));
    fanOut.track(work);
  });

  return {
    ...fanOut,
    close: async () => {
      await fanOut.close();
      await source.close();
    },
  };
}
