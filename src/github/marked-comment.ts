import type { Octokit, RepoRef } from './client.js';
import { withRetry, type RetryOptions } from './retry.js';

interface ListedComment {
  id: number;
  body?: string | null;
  user: { login: string; type: string } | null;
}

export type CommentWrite = { id: number; action: 'created' | 'edited' | 'unchanged' };

/**
 * The one comment of an issue or pull request that this app keeps in place, found by its hidden
 * marker AND its author: a comment by anyone else holding the same marker (pasted, or quoted) is
 * never taken for it, never edited.
 */
export class MarkedComment {
  constructor(
    private readonly octokit: Octokit,
    readonly repo: RepoRef,
    private readonly marker: string,
    private readonly botLogin: string,
    private readonly retry: RetryOptions = {},
  ) {}

  async find(issueNumber: number): Promise<{ id: number; body: string } | null> {
    const comments = (await withRetry(
      () => this.octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...this.repo, issue_number: issueNumber, per_page: 100 }),
      this.retry,
    )) as ListedComment[];
    const ours = comments.find((comment) => comment.user?.type === 'Bot' && comment.user.login.toLowerCase() === this.botLogin.toLowerCase() && (comment.body ?? '').includes(this.marker));
    return ours ? { id: ours.id, body: ours.body ?? '' } : null;
  }

  /** Create it, or edit it in place; an identical body is not written again. */
  async upsert(issueNumber: number, body: string, existing?: { id: number; body: string } | null): Promise<CommentWrite> {
    const found = existing === undefined ? await this.find(issueNumber) : existing;
    if (found === null) {
      const { data } = await withRetry(() => this.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...this.repo, issue_number: issueNumber, body }), this.retry);
      return { id: Number(data.id), action: 'created' };
    }
    if (found.body === body) return { id: found.id, action: 'unchanged' };
    await withRetry(() => this.octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...this.repo, comment_id: found.id, body }), this.retry);
    return { id: found.id, action: 'edited' };
  }
}
