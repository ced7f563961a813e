import { ownersToMention } from '../files/codeowners.js';
import { bumpKind, kindMarker } from './bump-kind.js';
import { bodyMarker, commitTrailer, decideBump, supersededMarker, type BumpDecision } from './decide.js';
import { branchFor, type BumpJob } from './plan.js';
import type { BumpGitHub, FileEdits, PlanFile, RenderPullRequest, RepoName, Unfixable } from './ports.js';

export interface JobContext {
  github: BumpGitHub;
  planFile: PlanFile;
  render: RenderPullRequest;
  mode: 'open' | 'dry-run';
  /** Asked only before opening a new pull request (policy `bumps.max-open`). */
  mayOpen: () => boolean;
  /** Runs once the files are read, before planning: fetches what planning needs (registry digests). */
  prepare?: (files: Readonly<Record<string, string | null>>) => Promise<void>;
}

export interface JobOutcome {
  decision: BumpDecision;
  /** The pull request open for this job after the run, if any. */
  pullRequest: { number: number; url: string; target: string } | null;
  /** Edits planned on the default branch (also in dry-run). */
  files: FileEdits[];
  unfixable: Unfixable[];
}

/**
 * One (repository, image): read the state, plan the edits on the default branch, decide, write.
 * Safe to repeat: the decision compares with what GitHub already holds.
 */
export async function runBumpJob(job: BumpJob, context: JobContext): Promise<JobOutcome> {
  const [owner = '', repo = ''] = job.repo.split('/');
  const where: RepoName = { owner, repo };
  const branch = branchFor(job.familiar);
  const { state, files } = await context.github.readState(where, branch, job.paths);
  await context.prepare?.(files);

  const planned: FileEdits[] = [];
  const changes: { path: string; contents: string }[] = [];
  const unfixable: Unfixable[] = [];
  for (const path of job.paths) {
    const text = files[path];
    if (text === null || text === undefined) continue; // deleted since the inventory was taken
    const plan = context.planFile(path, text);
    unfixable.push(...plan.unfixable);
    const edits = plan.edits.filter((edit) => edit.image === job.image);
    if (edits.length === 0) continue;
    planned.push({ path, edits });
    changes.push({ path, contents: plan.applyFor(job.image) });
  }

  const target = planned.length === 0 ? null : targetOf(planned);
  const decision = decideBump({ state, image: job.image, target, mayOpen: context.mayOpen(), mode: context.mode });
  const outcome = (pullRequest: JobOutcome['pullRequest']): JobOutcome => ({ decision, pullRequest, files: planned, unfixable });
  const existing = state.pullRequests.find((pr) => pr.state === 'open');

  switch (decision.action) {
    case 'none': {
      if (decision.reason !== 'already-open' || !existing || !target) return outcome(null);
      // A run cut short after opening (a refused label request): finish it.
      const missing = labelsFor(job, planned).filter((label) => existing.labels !== undefined && !existing.labels.includes(label));
      if (missing.length > 0) await context.github.addLabels(where, existing.number, missing);
      return outcome({ number: existing.number, url: existing.url, target });
    }
    case 'close': {
      await context.github.closePullRequest(where, existing!.id, `${existing!.body}\n${supersededMarker()}`);
      return outcome(null);
    }
    case 'update':
    case 'open': {
      const { title, body } = context.render(job.familiar, planned);
      // The owners are mentioned when the pull request is opened; an update keeps that line as it
      // was, so nobody is notified again (no mention storm).
      const owners = decision.action === 'open' ? ownersLine(state.codeowners ?? null, planned) : ownersLineOf(existing!.body);
      const kind = bumpKind(planned)!;
      const fullBody = `${body}\n\n${owners === null ? '' : `${owners}\n\n`}${kindMarker(kind)}\n${bodyMarker(job.image, target!)}`;
      const commit = decision.commit ? { headline: title, body: commitTrailer(job.image, target!), files: changes } : null;
      if (decision.action === 'update') {
        await context.github.updatePullRequest(where, { branch, state, commit, pullRequestId: existing!.id, title, body: fullBody });
        return outcome({ number: decision.number, url: existing!.url, target: target! });
      }
      const created = await context.github.openPullRequest(where, { branch, state, commit, title, body: fullBody });
      await context.github.addLabels(where, created.number, labelsFor(job, planned));
      return outcome({ ...created, target: target! });
    }
  }
}

const OWNERS_MARKER = '<!-- plimsoll:owners -->';

/** `Owners of the changed files (CODEOWNERS): @acme/api @alice`, or null when CODEOWNERS names none. */
function ownersLine(codeowners: string | null, planned: readonly FileEdits[]): string | null {
  if (codeowners === null) return null;
  const owners = ownersToMention(codeowners, planned.map((file) => file.path));
  return owners.length === 0 ? null : `${OWNERS_MARKER}Owners of the changed files (CODEOWNERS): ${owners.join(' ')}`;
}

function ownersLineOf(body: string): string | null {
  return body.split('\n').find((line) => line.startsWith(OWNERS_MARKER)) ?? null;
}

/** `security` when a banned version is replaced. */
function labelsFor(job: BumpJob, planned: readonly FileEdits[]): string[] {
  return job.banned || planned.some((file) => file.edits.some((edit) => edit.banned)) ? ['plimsoll', 'security'] : ['plimsoll'];
}

/** The versions a pull request moves to, in a stable order: its identity for idempotence. */
export function targetOf(files: readonly FileEdits[]): string {
  const targets = new Set(files.flatMap((file) => file.edits.map((edit) => edit.to)));
  return [...targets].sort().join(', ');
}
