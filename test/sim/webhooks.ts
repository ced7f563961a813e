import { createHmac, randomUUID } from 'node:crypto';
import { checkRunJson, checkSuiteJson, commentJson, commitJson, installationJson, issueJson, labelJson, ownerJson, pullJson, repoJson, reviewJson, statusJson, userJson, type Urls } from './json.js';
import { ZERO_SHA, type App, type CheckRun, type CheckSuite, type Comment, type CommitStatus, type GitHubState, type PullRequest, type Repository, type Review, type User } from './state.js';

export type PullRequestAction = 'opened' | 'synchronize' | 'reopened' | 'ready_for_review' | 'closed' | 'edited' | 'labeled' | 'unlabeled' | 'converted_to_draft';

/**
 * Webhook payloads shaped like GitHub's (the fields of @octokit/webhooks-examples the app and
 * Probot read), built from the simulator's state so they agree with what the API then answers.
 */
export class Payloads {
  constructor(
    private readonly state: GitHubState,
    private readonly urls: Urls,
  ) {}

  private common(repo: Repository, sender: User, app: App = this.state.app) {
    return {
      repository: repoJson(this.state, repo, this.urls),
      organization: { login: this.state.org, id: 1, node_id: 'O_1' },
      installation: { id: app.installationId, node_id: `IN_${app.installationId}` },
      sender: userJson(sender, this.urls),
    };
  }

  /** `synchronize` carries the head before and after the push, `labeled` and `unlabeled` the label, as GitHub sends them. */
  pullRequest(repo: Repository, pr: PullRequest, action: PullRequestAction = 'opened', extra: { sender?: User; before?: string; after?: string; label?: string } = {}) {
    return {
      action,
      number: pr.number,
      ...(action === 'synchronize' ? { before: extra.before ?? null, after: extra.after ?? this.state.headSha(repo, pr) } : {}),
      ...(extra.label !== undefined ? { label: labelJson(extra.label) } : {}),
      pull_request: pullJson(this.state, repo, pr, this.urls),
      ...this.common(repo, extra.sender ?? pr.user),
    };
  }

  /** `edited` carries the body before the edit; the sender is who acted (the editor, the deleter). */
  issueComment(repo: Repository, comment: Comment, action: 'created' | 'edited' | 'deleted' = 'created', from?: string, sender: User = comment.user) {
    const issue = repo.issues.get(comment.issueNumber)!;
    return {
      action,
      issue: issueJson(this.state, repo, issue, this.urls),
      comment: commentJson(comment, this.urls, repo, this.state),
      ...(action === 'edited' ? { changes: { body: { from: from ?? '' } } } : {}),
      ...this.common(repo, sender),
    };
  }

  /**
   * A push of `after` onto `branch`, which pointed at `before`; lists what each new commit touched.
   * `after` all zeros: the branch was deleted. A push that is no fast-forward is `forced`.
   */
  push(repo: Repository, branch: string, before: string, after: string, pusher: User = this.state.user('dev-dana'), options: { forced?: boolean } = {}) {
    const deleted = after === ZERO_SHA;
    const created = before === ZERO_SHA;
    // A new branch lists the commits the default branch does not have; GitHub sends at most 2048.
    const from = created ? (branch === repo.defaultBranch ? null : (repo.branches.get(repo.defaultBranch) ?? null)) : before;
    const entry = (sha: string) => {
      const commit = this.state.commits.get(sha)!;
      const parentTree = commit.parents[0] ? this.state.commits.get(commit.parents[0])!.tree : new Map<string, string>();
      const added = [...commit.tree.keys()].filter((p) => !parentTree.has(p));
      const removed = [...parentTree.keys()].filter((p) => !commit.tree.has(p));
      const modified = [...commit.tree.keys()].filter((p) => parentTree.has(p) && parentTree.get(p) !== commit.tree.get(p));
      const person = (actor: typeof commit.author) => ({ name: actor?.name ?? '', email: actor?.email ?? '', username: actor?.name ?? '' });
      return {
        id: sha,
        tree_id: commit.treeSha,
        message: commit.message,
        timestamp: commit.committer?.date ?? null,
        author: person(commit.author),
        committer: person(commit.committer),
        added,
        removed,
        modified,
        distinct: true,
        url: `${this.urls.web}/${repo.owner}/${repo.name}/commit/${sha}`,
      };
    };
    const commits = deleted ? [] : this.state.commitsBetween(from, after).slice(-2048).map(entry);
    const forced = options.forced ?? (!created && !deleted && !this.state.isAncestor(before, after));
    // A push payload's repository has integer timestamps, unlike the REST API's.
    const rest = repoJson(this.state, repo, this.urls);
    const seconds = (iso: string | null | undefined) => (iso ? Math.floor(Date.parse(iso) / 1000) : null);
    const repository = { ...rest, owner: { ...ownerJson(this.state, this.urls), name: this.state.org }, created_at: seconds(rest.created_at), pushed_at: seconds(rest.pushed_at) };
    return {
      ref: `refs/heads/${branch}`,
      before,
      after,
      created,
      deleted,
      forced,
      base_ref: null,
      compare: `${this.urls.web}/${repo.owner}/${repo.name}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
      commits,
      head_commit: deleted || !this.state.commits.has(after) ? null : entry(after),
      pusher: { name: pusher.login, email: `${pusher.login}@example.com` },
      ...this.common(repo, pusher),
      repository,
    };
  }

  /** `recipient`: the app the event is delivered to (its installation is in the payload); by default the run's own app. */
  checkRun(repo: Repository, run: CheckRun, action: 'created' | 'completed' | 'rerequested' | 'requested_action' = 'created', sender: User = this.state.user('dev-dana'), recipient?: App) {
    const json = checkRunJson(run, this.urls, repo, this.state);
    const suite = run.suiteId !== undefined ? this.state.checkSuites.get(run.suiteId) : undefined;
    return {
      action,
      check_run: { ...json, check_suite: suite ? checkSuiteJson(this.state, suite, this.urls, { full: false }) : { id: run.suiteId ?? run.id, head_sha: run.headSha, pull_requests: json.pull_requests ?? [] } },
      ...this.common(repo, sender, recipient ?? this.state.appById(run.appId ?? this.state.app.id) ?? this.state.app),
    };
  }

  /** "Re-run" clicked on a check run. */
  checkRunRerequested(repo: Repository, run: CheckRun, sender: User = this.state.user('dev-dana')) {
    return this.checkRun(repo, run, 'rerequested', sender);
  }

  /** `requested` on a push (GitHub sends it to every app with checks permission), `rerequested` on "Re-run all", `completed` when the last run completes. */
  checkSuite(repo: Repository, suite: CheckSuite, action: 'requested' | 'rerequested' | 'completed' = 'requested', sender: User = this.state.user('dev-dana'), recipient?: App) {
    return { action, check_suite: checkSuiteJson(this.state, suite, this.urls), ...this.common(repo, sender, recipient ?? this.state.appById(suite.appId) ?? this.state.app) };
  }

  /** `pull_request_review`: a review submitted (or dismissed), by its author. */
  pullRequestReview(repo: Repository, pr: PullRequest, review: Review, action: 'submitted' | 'dismissed' | 'edited' = 'submitted') {
    return { action, review: reviewJson(repo, pr, review, this.urls), pull_request: pullJson(this.state, repo, pr, this.urls), ...this.common(repo, review.user) };
  }

  /** `status`: a commit status was set; `branches` lists those whose tip is the commit (at most 10). */
  status(repo: Repository, status: CommitStatus) {
    const commit = this.state.commits.get(status.sha)!;
    const branches = [...repo.branches]
      .filter(([, sha]) => sha === status.sha)
      .slice(0, 10)
      .map(([name, sha]) => ({ name, commit: { sha, url: `${this.urls.api}/repos/${repo.owner}/${repo.name}/commits/${sha}` }, protected: repo.protection?.has(name) ?? false }));
    const json = statusJson(this.state, repo, status, this.urls);
    return {
      id: status.id,
      sha: status.sha,
      name: `${repo.owner}/${repo.name}`,
      target_url: json.target_url,
      context: status.context,
      description: status.description,
      state: status.state,
      commit: commitJson(this.state, repo, commit, this.urls),
      branches,
      created_at: status.createdAt,
      updated_at: status.createdAt,
      ...this.common(repo, status.creator),
    };
  }

  /** The app installed on the organization, with the repositories it was given. */
  installation(action: 'created' | 'deleted' | 'new_permissions_accepted' | 'suspend' | 'unsuspend' = 'created', sender: User = this.state.user('org-admin'), app: App = this.state.app) {
    const repos = [...this.state.repos.values()].filter((r) => this.state.isInstalled(app, r));
    return {
      action,
      installation: installationJson(this.state, app, this.urls),
      ...(action === 'created' || action === 'deleted' ? { repositories: repos.map((r) => repoShort(r)) } : {}),
      requester: null,
      organization: { login: this.state.org, id: 1, node_id: 'O_1' },
      sender: userJson(sender, this.urls),
    };
  }

  /** Repositories added to (or removed from) a `selected` installation. */
  installationRepositories(action: 'added' | 'removed', repos: readonly Repository[], sender: User = this.state.user('org-admin'), app: App = this.state.app) {
    return {
      action,
      installation: installationJson(this.state, app, this.urls),
      repository_selection: app.repositorySelection,
      repositories_added: action === 'added' ? repos.map((r) => repoShort(r)) : [],
      repositories_removed: action === 'removed' ? repos.map((r) => repoShort(r)) : [],
      requester: null,
      organization: { login: this.state.org, id: 1, node_id: 'O_1' },
      sender: userJson(sender, this.urls),
    };
  }
}

const repoShort = (repo: Repository) => ({ id: repo.id, node_id: repo.nodeId, name: repo.name, full_name: `${repo.owner}/${repo.name}`, private: true });

export const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** POST one event to the app like GitHub does: JSON body, event name, delivery id, HMAC signature. */
export async function deliverWebhook(
  url: string,
  event: { name: string; payload: unknown; id?: string },
  secret: string,
): Promise<{ status: number; body: string; id: string }> {
  const id = event.id ?? randomUUID();
  const body = JSON.stringify(event.payload);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/sim',
      'x-github-event': event.name,
      'x-github-delivery': id,
      'x-hub-signature-256': sign(secret, body),
    },
    body,
  });
  return { status: response.status, body: await response.text(), id };
}
