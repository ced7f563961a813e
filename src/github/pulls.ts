import type { Annotation, CheckOutput } from '../review/render.js';
import { readFileText, type Octokit, type RepoRef } from './client.js';
import { isHttpError, withRetry, type RetryOptions } from './retry.js';

export interface PullFile {
  filename: string;
  status: string;
  previous_filename?: string;
  /** Absent when GitHub does not send a diff (too large, binary). */
  patch?: string;
}

export interface IssueComment {
  id: number;
  body: string;
  user: { login: string; type: string } | null;
  created_at: string;
  updated_at: string;
}

/**
 * Every Octokit call the review makes, for one repository. Nothing here decides; the handlers
 * pass what these return to src/review.
 */
export class PullRequestClient {
  constructor(
    private readonly octokit: Octokit,
    readonly repo: RepoRef,
    private readonly retry: RetryOptions = {},
  ) {}

  private call<T>(fn: () => Promise<T>): Promise<T> {
    return withRetry(fn, this.retry);
  }

  async getPull(pullNumber: number) {
    const { data } = await this.call(() => this.octokit.rest.pulls.get({ ...this.repo, pull_number: pullNumber }));
    return data;
  }

  listFiles(pullNumber: number): Promise<PullFile[]> {
    return this.call(() =>
      this.octokit.paginate(this.octokit.rest.pulls.listFiles, { ...this.repo, pull_number: pullNumber, per_page: 100 }),
    );
  }

  /** A file at a commit; fork heads too, as GitHub keeps a pull request's commits in the base repository. */
  readFile(path: string, ref?: string): Promise<string | null> {
    return readFileText(this.octokit, { ...this.repo, path, ...(ref === undefined ? {} : { ref }) }, this.retry);
  }

  async createCheck(headSha: string, name: string, output: CheckOutput): Promise<number> {
    const { data } = await this.call(() =>
      this.octokit.rest.checks.create({ ...this.repo, name, head_sha: headSha, status: 'in_progress', output }),
    );
    return data.id;
  }

  /** Send every annotation batch, then complete: one request per batch, at least one. */
  async completeCheck(
    checkRunId: number,
    conclusion: 'success' | 'failure' | 'neutral',
    output: CheckOutput,
    batches: Annotation[][],
  ): Promise<void> {
    const rounds = batches.length === 0 ? [[]] : batches;
    for (const [index, annotations] of rounds.entries()) {
      const last = index === rounds.length - 1;
      await this.call(() =>
        this.octokit.rest.checks.update({
          ...this.repo,
          check_run_id: checkRunId,
          output: { ...output, ...(annotations.length > 0 ? { annotations } : {}) },
          ...(last ? { status: 'completed' as const, conclusion } : {}),
        }),
      );
    }
  }

  listComments(issueNumber: number): Promise<IssueComment[]> {
    return this.call(() =>
      this.octokit.paginate(this.octokit.rest.issues.listComments, { ...this.repo, issue_number: issueNumber, per_page: 100 }),
    ) as Promise<IssueComment[]>;
  }

  async createComment(issueNumber: number, body: string): Promise<number> {
    const { data } = await this.call(() => this.octokit.rest.issues.createComment({ ...this.repo, issue_number: issueNumber, body }));
    return data.id;
  }

  async updateComment(commentId: number, body: string): Promise<void> {
    await this.call(() => this.octokit.rest.issues.updateComment({ ...this.repo, comment_id: commentId, body }));
  }

  async requestTeamReview(pullNumber: number, teamSlug: string): Promise<void> {
    await this.call(() =>
      this.octokit.rest.pulls.requestReviewers({ ...this.repo, pull_number: pullNumber, reviewers: [], team_reviewers: [teamSlug] }),
    );
  }

  /** Active membership of `org/team`, asked of GitHub each time a command is read. */
  async isTeamMember(teamSlug: string, username: string): Promise<boolean> {
    try {
      const { data } = await this.call(() =>
        this.octokit.rest.teams.getMembershipForUserInOrg({ org: this.repo.owner, team_slug: teamSlug, username }),
      );
      return data.state === 'active';
    } catch (error) {
      if (isHttpError(error) && error.status === 404) return false;
      throw error;
    }
  }

  async react(commentId: number, content: '+1' | 'confused'): Promise<void> {
    await this.call(() => this.octokit.rest.reactions.createForIssueComment({ ...this.repo, comment_id: commentId, content }));
  }
}
