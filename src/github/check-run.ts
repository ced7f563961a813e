import type { CheckRunAnnotation, CheckRunOutput, CheckRunResult } from '../check-output.js';
import type { Octokit, RepoRef } from './client.js';
import { withRetry, type RetryOptions } from './retry.js';

/** Annotations GitHub accepts per create/update request. */
const ANNOTATIONS_PER_REQUEST = 50;

/** A check run of this app already on the commit. */
export interface ExistingCheckRun {
  id: number;
  status: string;
  conclusion: string | null;
  /** When its head was pushed (or first reviewed): GitHub's clock; only this app writes its runs. */
  startedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotationsCount: number };
}

interface ListedCheckRun {
  id: number;
  status: string;
  conclusion: string | null;
  started_at?: string | null;
  app?: { id?: number } | null;
  output?: { title?: string | null; summary?: string | null; text?: string | null; annotations_count?: number };
}

/**
 * One named check run per commit, whatever GitHub redelivers (SPEC §5, §7): the app's own run of
 * that name on the commit is found (`GET commits/{ref}/check-runs`, filtered by name and app) and
 * updated, never a second one created. A run of the same name by another app is not ours.
 */
export class CheckRuns {
  constructor(
    private readonly octokit: Octokit,
    readonly repo: RepoRef,
    private readonly appId: number,
    private readonly retry: RetryOptions = {},
    /** Awaited before each write (the fan-out's write throttle, so a check run counts in its budget). */
    private readonly beforeWrite: () => Promise<void> = async () => undefined,
  ) {}

  private async write<T>(request: () => Promise<T>): Promise<T> {
    await this.beforeWrite();
    return withRetry(request, this.retry);
  }

  async find(headSha: string, name: string): Promise<ExistingCheckRun | null> {
    const { data } = await withRetry(
      () => this.octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...this.repo, ref: headSha, check_name: name, app_id: this.appId, filter: 'all', per_page: 100 }),
      this.retry,
    );
    const ours = (data.check_runs as ListedCheckRun[]).filter((run) => run.app?.id === this.appId).sort((a, b) => b.id - a.id)[0];
    if (!ours) return null;
    return {
      id: ours.id,
      status: ours.status,
      conclusion: ours.conclusion,
      startedAt: ours.started_at ?? null,
      output: { title: ours.output?.title ?? null, summary: ours.output?.summary ?? null, text: ours.output?.text ?? null, annotationsCount: ours.output?.annotations_count ?? 0 },
    };
  }

  /**
   * A run shown as in progress while the app works; an existing one is reused as it is. `startedAt`
   * is when its head was pushed, when GitHub said so (the review dates approvals against it).
   */
  async start(headSha: string, name: string, output: CheckRunOutput, existing: ExistingCheckRun | null, startedAt?: string): Promise<ExistingCheckRun> {
    if (existing) return existing;
    const { data } = await this.write(() =>
      this.octokit.request('POST /repos/{owner}/{repo}/check-runs', { ...this.repo, name, head_sha: headSha, status: 'in_progress', output, ...(startedAt ? { started_at: startedAt } : {}) }),
    );
    return { id: Number(data.id), status: 'in_progress', conclusion: null, startedAt: data.started_at ?? startedAt ?? null, output: { ...output, annotationsCount: 0 } };
  }

  /** Say what the app is waiting for, on a run that stays in progress. */
  async progress(id: number, output: CheckRunOutput): Promise<void> {
    await this.write(() => this.octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...this.repo, check_run_id: id, status: 'in_progress', output }));
  }

  /**
   * Write the result on the commit's run: created when there is none, updated otherwise, and not
   * written at all when the run already shows exactly this (a redelivery). GitHub appends
   * annotations on every update, so a run that has some gets only those it does not show yet (an
   * approval's notice beside the error it approves), never the same one twice.
   */
  async complete(headSha: string, name: string, result: CheckRunResult, existing: ExistingCheckRun | null): Promise<{ id: number; action: 'created' | 'updated' | 'unchanged' }> {
    if (existing && sameResult(existing, result)) return { id: existing.id, action: 'unchanged' };
    const annotations = existing && existing.output.annotationsCount > 0 ? await this.notShown(existing.id, result.annotations) : result.annotations;
    const batches: CheckRunAnnotation[][] = [];
    for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
    if (batches.length === 0) batches.push([]);
    const output = (batch: readonly CheckRunAnnotation[]) => ({ ...result.output, ...(batch.length > 0 ? { annotations: [...batch] } : {}) });
    // Completed with the last batch: a run never shows its conclusion without all its annotations.
    const state = (index: number) => (index === batches.length - 1 ? { status: 'completed' as const, conclusion: result.conclusion } : {});

    let id: number;
    let action: 'created' | 'updated';
    let next = 0;
    if (existing) {
      id = existing.id;
      action = 'updated';
    } else {
      const { data } = await this.write(() =>
        this.octokit.request('POST /repos/{owner}/{repo}/check-runs', { ...this.repo, name, head_sha: headSha, ...(batches.length > 1 ? { status: 'in_progress' as const } : {}), ...state(0), output: output(batches[0]!) }),
      );
      id = Number(data.id);
      action = 'created';
      next = 1;
    }
    for (let index = next; index < batches.length; index++) {
      await this.write(() => this.octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...this.repo, check_run_id: id, ...state(index), output: output(batches[index]!) }));
    }
    return { id, action };
  }

  private async notShown(id: number, annotations: readonly CheckRunAnnotation[]): Promise<CheckRunAnnotation[]> {
    const shown = (await withRetry(
      () => this.octokit.paginate('GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations', { ...this.repo, check_run_id: id, per_page: 100 }),
      this.retry,
    )) as Array<Partial<CheckRunAnnotation>>;
    const key = (a: Partial<CheckRunAnnotation>) => JSON.stringify([a.path, a.start_line, a.end_line, a.annotation_level, a.title, a.message]);
    const seen = new Set(shown.map(key));
    return annotations.filter((a) => !seen.has(key(a)));
  }
}

function sameResult(existing: ExistingCheckRun, result: CheckRunResult): boolean {
  return (
    existing.status === 'completed' &&
    existing.conclusion === result.conclusion &&
    existing.output.title === result.output.title &&
    existing.output.summary === result.output.summary &&
    (existing.output.text ?? '') === result.output.text &&
    existing.output.annotationsCount >= Math.min(result.annotations.length, 1)
  );
}
