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

export interface ExistingCheck {
  id: number;
  /** When its head was pushed (or first reviewed): ISO time, GitHub's clock. */
  startedAt: string | null;
  status: string;
  conclusion: string | null;
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

  /**
   * This app's check run named `name` on `headSha`, if there is one: one check run per head, whatever
   * the number of deliveries. Runs of other apps that took the same name are not ours to touch.
   */
  async findCheck(headSha: string, name: string, appId: number): Promise<ExistingCheck | null> {
    const { data } = await this.call(() =>
      this.octokit.rest.checks.listForRef({ ...this.repo, ref: headSha, check_name: name, app_id: appId, filter: 'all', per_page: 100 }),
    );
    const ours = data.check_runs
      .filter((run) => run.app?.id === appId && run.head_sha === headSha)
      .sort((a, b) => a.id - b.id)[0];
    return ours ? { id: ours.id, startedAt: ours.started_at ?? null, status: ours.status, conclusion: ours.conclusion ?? null } : null;
  }

  /** A new check run, in progress; `startedAt` is when its head was pushed, when GitHub said so. */
  async createCheck(headSha: string, name: string, output: CheckOutput, startedAt?: string): Promise<ExistingCheck> {
    const { data } = await this.call(() =>
      this.octokit.rest.checks.create({ ...this.repo, name, head_sha: headSha, status: 'in_progress', output, ...(startedAt ? { started_at: startedAt } : {}) }),
    );
    return { id: data.id, startedAt: data.started_at ?? startedAt ?? null, status: data.status, conclusion: data.conclusion ?? null };
  }

  /** Show progress (or what the review waits for) on a check run that stays in progress. */
  async updateCheck(checkRunId: number, output: CheckOutput): Promise<void> {
    await this.call(() => this.octokit.rest.checks.update({ ...this.repo, check_run_id: checkRunId, status: 'in_progress', output }));
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

  /**
   * Whether the app can see `org/team` at all. GitHub answers a membership question with 404 both
   * for a non-member and for a team that does not exist or that the app cannot see (no Members:
   * read): this tells the two apart, so ops learn their setup is wrong instead of being refused.
   */
  async teamVisible(teamSlug: string): Promise<boolean> {
    try {
      await this.call(() => this.octokit.rest.teams.getByName({ org: this.repo.owner, team_slug: teamSlug }));
      return true;
    } catch (error) {
      if (isHttpError(error) && (error.status === 404 || error.status === 403)) return false;
      throw error;
    }
  }

  /** Reacting twice with the same content is no error on GitHub: it answers with the existing reaction. */
  async react(commentId: number, content: '+1' | 'confused'): Promise<void> {
    await this.call(() => this.octokit.rest.reactions.createForIssueComment({ ...this.repo, comment_id: commentId, content }));
  }
}
