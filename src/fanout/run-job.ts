import { ownersToMention } from '../files/codeowners.js';
import { bumpKind, kindMarker } from './bump-kind.js';
import { bodyMarker, commitTrailer, decideBump, supersededMarker, type BumpDecision } from './decide.js';
import { branchFor, type BumpJob } from './plan.js';
import type { BumpGitHub, FileEdits, ManifestText, PlanFile, PlanManifests, RenderPullRequest, RepoName, Unfixable } from './ports.js';

export interface JobContext {
  github: BumpGitHub;
  planFile: PlanFile;
  /** Plans a job's compose files, manifests, workflows and dev containers; without it they are left alone. */
  planManifests?: PlanManifests;
  render: RenderPullRequest;
  mode: 'open' | 'dry-run';
  /** Asked only before opening a new pull request (policy `bumps.max-open`). */
  mayOpen: () => boolean;
  /** Runs once the files are read, before planning: fetches what planning needs (registry digests). `kinds`: the job's files of other kinds. */
  prepare?: (files: Readonly<Record<string, string | null>>, kinds: Readonly<Record<string, ManifestText['kind']>>) => Promise<void>;
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
  const kinds = job.kinds ?? {};
  const related = (job.related ?? []).filter((path) => !job.paths.includes(path));
  const { state, files } = await context.github.readState(where, branch, [...job.paths, ...related]);
  await context.prepare?.(files, kinds);

  const planned: FileEdits[] = [];
  const changes: { path: string; contents: string }[] = [];
  const unfixable: Unfixable[] = [];
  const manifests: ManifestText[] = [];
  for (const path of job.paths) {
    const text = files[path];
    if (text === null || text === undefined) continue; // deleted since the inventory was taken
    const kind = kinds[path];
    if (kind) {
      manifests.push({ path, kind, text });
      continue;
    }
    const plan = context.planFile(path, text);
    unfixable.push(...plan.unfixable);
    const edits = plan.edits.filter((edit) => edit.image === job.image);
    if (edits.length === 0) continue;
    planned.push({ path, edits });
    changes.push({ path, contents: plan.applyFor(job.image) });
  }
  // Files of other kinds are planned together: one `.env` value may feed several of them.
  if (manifests.length > 0 && context.planManifests) {
    const texts = new Map(Object.entries(files).flatMap(([path, text]) => (text === null ? [] : [[path, text] as const])));
    const plan = context.planManifests(manifests, texts);
    const own = new Set(manifests.map((m) => m.path));
    unfixable.push(...plan.unfixable.filter((u) => (u.image === null ? own.has(u.file) : u.image === job.image)).map(({ image: _image, ...u }) => u));
    let edits = plan.edits.filter((edit) => edit.image === job.image);
    // GitHub refuses a commit touching a workflow from an app without `workflows: write`: those are said, not sent.
    const workflows = edits.filter((edit) => isWorkflowFile(edit.path));
    if (workflows.length > 0 && context.github.mayWriteWorkflows && !(await context.github.mayWriteWorkflows())) {
      edits = edits.filter((edit) => !isWorkflowFile(edit.path));
      unfixable.push(...workflows.map((edit) => ({ file: edit.path, line: edit.line, reference: edit.fromRef, reason: `needs ${edit.toRef}, but GitHub lets an app edit workflows only with the workflows permission, which this installation has not granted; edit it by hand, or accept the permission` })));
    }
    for (const path of [...new Set(edits.map((edit) => edit.path))]) {
      planned.push({ path, edits: edits.filter((edit) => edit.path === path).map(({ path: _path, fromRef: _from, toRef: _to, ...edit }) => edit) });
    }
    changes.push(...plan.applyFor(job.image).filter((change) => edits.some((edit) => edit.path === change.path)));
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

/** A file under `.github/workflows/`, which GitHub guards with the `workflows` permission. */
function isWorkflowFile(path: string): boolean {
  return path.startsWith('.github/workflows/');
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
