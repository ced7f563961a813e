import { planBumps, type BumpEdit } from '../bump/plan.js';
import { renderPullRequest } from '../bump/pull-request.js';
import { normaliseImageName } from '../dockerfile/reference.js';
import type { Octokit, RepoRef } from '../github/client.js';
import { createBumpGitHub } from '../github/bump-write.js';
import { discoverRepositories } from '../github/inventory-discover.js';
import { upsertInventoryIssue, type IssueWrite } from '../github/inventory-issue.js';
import { jobId, type Inventory } from '../inventory/model.js';
import { renderInventory } from '../inventory/render.js';
import type { Policy } from '../policy/types.js';
import { MemoryJobQueue } from '../queue/memory.js';
import type { WriteThrottle } from '../queue/throttle.js';
import type { JobQueue, RetryPolicy } from '../queue/types.js';
import { changedImages, planFanOut, type BumpJob, type ChangedImages } from './plan.js';
import { bumpPlanner } from './planner.js';
import type { FileEdits, PlanFile, RenderPullRequest } from './ports.js';
import { runBumpJob, type JobOutcome } from './run-job.js';

export interface FanOutContext {
  octokit: Octokit;
  /** Where the inventory issue lives. */
  policyRepo: RepoRef;
  /** What the last fan-out found; discovery reuses repositories that were not pushed since. */
  inventory: Inventory;
  throttle: WriteThrottle;
  now: () => Date;
  /** The jobs' queue; an in-process one for this run by default. */
  queue?: JobQueue<BumpJob>;
  retry?: RetryPolicy;
  concurrency?: number;
}

export interface FanOutResult {
  /** Nothing ran: `bumps.mode: off`. */
  skipped: boolean;
  inventory: Inventory;
  outcomes: Record<string, JobOutcome>;
  issue: IssueWrite | null;
  /** Discovery requests. */
  reads: number;
}

/**
 * One fan-out (SPEC §7): discover the installation's container definitions, plan a job per
 * (repository, image) whose usages the policy change affects, run the jobs through the queue,
 * then show the result in the inventory issue. `before` null (a recheck) recomputes everything;
 * every job is idempotent, so a recheck after a partial run only does what is missing.
 */
export async function runFanOut(context: FanOutContext, before: Policy | null, after: Policy): Promise<FanOutResult> {
  const previous = context.inventory;
  if (after.bumps.mode === 'off') return { skipped: true, inventory: previous, outcomes: {}, issue: null, reads: 0 };

  const now = context.now();
  const discovery = await discoverRepositories(context.octokit, { previous });
  const inventory: Inventory = { repos: discovery.repos, failedJobs: { ...previous.failedJobs }, openPullRequests: { ...previous.openPullRequests } };
  const scope = changedImages(before, after);
  const jobs = [...planFanOut(after, inventory, now, scope), ...staleJobs(inventory, scope, planFanOut(after, inventory, now, scope))];

  const outcomes: Record<string, JobOutcome> = {};
  const github = createBumpGitHub(context.octokit, context.throttle);
  const mode = after.bumps.mode;
  let open = Object.keys(inventory.openPullRequests).length;
  const queue = context.queue ?? new MemoryJobQueue<BumpJob>({ throttle: context.throttle, retry: context.retry, concurrency: context.concurrency });
  queue.process({
    run: async (job) => {
      const known = inventory.openPullRequests[job.id] !== undefined;
      const renderer = pullRequestRenderer(after);
      // A slot is taken before the job decides, so concurrent jobs cannot overshoot max-open.
      let reserved = false;
      const mayOpen = () => {
        reserved = open < after.bumps.maxOpen;
        if (reserved) open++;
        return reserved;
      };
      let outcome: JobOutcome;
      try {
        outcome = await runBumpJob(job, { github, planFile: renderer.planFile, render: renderer.render, mode, mayOpen });
      } finally {
        if (reserved) open--;
      }
      outcomes[job.id] = outcome;
      delete inventory.failedJobs[job.id];
      if (outcome.pullRequest) {
        if (!known) open++;
        inventory.openPullRequests[job.id] = { repo: job.repo, image: job.familiar, ...outcome.pullRequest };
      } else if (mode === 'open' && known) {
        open--;
        delete inventory.openPullRequests[job.id];
      }
    },
    failed: (report) => {
      inventory.failedJobs[report.id] = {
        repo: report.data.repo,
        image: report.data.familiar,
        attempts: report.attempts,
        message: report.error instanceof Error ? report.error.message : String(report.error),
        at: context.now().toISOString(),
      };
    },
  });
  await queue.add(jobs.map((job) => ({ id: job.id, data: job, priority: job.banned ? 1 : 2 })));
  await queue.drained();
  if (!context.queue) await queue.close();

  const body = renderInventory(after, inventory, { now: context.now() });
  const issue = await upsertInventoryIssue(context.octokit, context.policyRepo, body);
  return { skipped: false, inventory, outcomes, issue, reads: discovery.reads };
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
    jobs.push({ id, repo: repo?.fullName ?? pull.repo, image, familiar: pull.image, banned: false, paths });
  }
  return jobs;
}

/**
 * The bump planner and the pull request text of src/bump for one job. The fan-out's ports carry
 * only what deciding needs; the text wants the planner's full edits (ARG, digest), kept here.
 */
function pullRequestRenderer(policy: Policy): { planFile: PlanFile; render: RenderPullRequest } {
  const plan = bumpPlanner(policy);
  const full = new Map<string, BumpEdit[]>();
  return {
    planFile: (path, text) => {
      full.set(path, planBumps(policy, path, text).edits);
      return plan(path, text);
    },
    render: (familiar, files: readonly FileEdits[]) => {
      const edits = files.flatMap((file) => (full.get(file.path) ?? []).filter((edit) => file.edits.some((e) => e.line === edit.line && e.to === edit.toVersion)));
      const { title, body } = renderPullRequest(familiar, edits);
      return { title, body: body.trimEnd() };
    },
  };
}
