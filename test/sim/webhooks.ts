import { createHmac, randomUUID } from 'node:crypto';
import { commentJson, issueJson, ownerJson, pullJson, repoJson, userJson, type Urls } from './json.js';
import type { CheckRun, Comment, GitHubState, PullRequest, Repository, User } from './state.js';

/**
 * Webhook payloads shaped like GitHub's (the fields of @octokit/webhooks-examples the app and
 * Probot read), built from the simulator's state so they agree with what the API then answers.
 */
export class Payloads {
  constructor(
    private readonly state: GitHubState,
    private readonly urls: Urls,
  ) {}

  private common(repo: Repository, sender: User) {
    return {
      repository: repoJson(this.state, repo, this.urls),
      organization: { login: this.state.org, id: 1, node_id: 'O_1' },
      installation: { id: this.state.installationId, node_id: `IN_${this.state.installationId}` },
      sender: userJson(sender, this.urls),
    };
  }

  pullRequest(repo: Repository, pr: PullRequest, action: 'opened' | 'synchronize' | 'reopened' | 'ready_for_review' = 'opened') {
    return { action, number: pr.number, pull_request: pullJson(this.state, repo, pr, this.urls), ...this.common(repo, pr.user) };
  }

  issueComment(repo: Repository, comment: Comment, action: 'created' | 'edited' = 'created', from?: string) {
    const issue = repo.issues.get(comment.issueNumber)!;
    return {
      action,
      issue: issueJson(this.state, repo, issue, this.urls),
      comment: commentJson(comment, this.urls, repo),
      ...(action === 'edited' ? { changes: { body: { from: from ?? '' } } } : {}),
      ...this.common(repo, comment.user),
    };
  }

  /** A push of `after` onto `branch`, which pointed at `before`; lists what each commit touched. */
  push(repo: Repository, branch: string, before: string, after: string, pusher: User = this.state.user('dev-dana')) {
    const commits = [];
    for (let sha = after; sha !== before && this.state.commits.has(sha); ) {
      const commit = this.state.commits.get(sha)!;
      const parentTree = commit.parents[0] ? this.state.commits.get(commit.parents[0])!.tree : new Map<string, string>();
      const added = [...commit.tree.keys()].filter((p) => !parentTree.has(p));
      const removed = [...parentTree.keys()].filter((p) => !commit.tree.has(p));
      const modified = [...commit.tree.keys()].filter((p) => parentTree.has(p) && parentTree.get(p) !== commit.tree.get(p));
      commits.unshift({ id: sha, tree_id: commit.treeSha, message: commit.message, added, removed, modified, distinct: true, url: `${this.urls.web}/${repo.owner}/${repo.name}/commit/${sha}` });
      sha = commit.parents[0] ?? before;
    }
    const repository = { ...repoJson(this.state, repo, this.urls), owner: { ...ownerJson(this.state, this.urls), name: this.state.org } };
    return {
      ref: `refs/heads/${branch}`,
      before,
      after,
      created: before === '0'.repeat(40),
      deleted: false,
      forced: false,
      commits,
      head_commit: commits.at(-1) ?? null,
      pusher: { name: pusher.login, email: `${pusher.login}@example.com` },
      ...this.common(repo, pusher),
      repository,
    };
  }

  checkRunRerequested(repo: Repository, run: CheckRun, sender: User = this.state.user('dev-dana')) {
    const pulls = this.state
      .pulls(repo)
      .filter((pr) => this.state.headSha(repo, pr) === run.headSha)
      .map((pr) => ({ number: pr.number, id: pr.id, head: { ref: pr.pull.head, sha: run.headSha }, base: { ref: pr.pull.base, sha: pr.pull.baseSha } }));
    return {
      action: 'rerequested',
      check_run: { id: run.id, name: run.name, head_sha: run.headSha, status: run.status, conclusion: run.conclusion, pull_requests: pulls, check_suite: { id: run.id, head_sha: run.headSha, pull_requests: pulls } },
      ...this.common(repo, sender),
    };
  }
}

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
