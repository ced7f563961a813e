import type { CheckRun, Comment, GitHubState, Issue, PullRequest, Repository, User } from './state.js';

/** Where the simulator is reached: REST base (`…/api/v3`) and the web root for `html_url`s. */
export interface Urls {
  api: string;
  web: string;
}

export function userJson(user: User, urls: Urls) {
  return { login: user.login, id: user.id, node_id: `U_${user.id}`, type: user.type, site_admin: false, url: `${urls.api}/users/${user.login}`, html_url: `${urls.web}/${user.login}` };
}

export function ownerJson(state: GitHubState, urls: Urls) {
  return { login: state.org, id: 1, node_id: 'O_1', type: 'Organization', url: `${urls.api}/orgs/${state.org}`, html_url: `${urls.web}/${state.org}` };
}

export function repoJson(state: GitHubState, repo: Repository, urls: Urls) {
  const fullName = `${repo.owner}/${repo.name}`;
  return {
    id: repo.id,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: fullName,
    private: true,
    owner: ownerJson(state, urls),
    html_url: `${urls.web}/${fullName}`,
    url: `${urls.api}/repos/${fullName}`,
    default_branch: repo.defaultBranch,
    archived: repo.archived,
    disabled: repo.disabled,
    fork: false,
    size: state.size(repo),
    pushed_at: repo.pushedAt,
    visibility: 'private',
  };
}

export function labelJson(name: string) {
  return { name, color: 'ededed', default: false, description: null };
}

export function issueJson(state: GitHubState, repo: Repository, issue: Issue, urls: Urls) {
  const path = `${repo.owner}/${repo.name}`;
  const kind = issue.pull ? 'pull' : 'issues';
  return {
    id: issue.id,
    node_id: issue.nodeId,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    labels: issue.labels.map(labelJson),
    user: userJson(issue.user, urls),
    created_at: issue.createdAt,
    html_url: `${urls.web}/${path}/${kind}/${issue.number}`,
    url: `${urls.api}/repos/${path}/issues/${issue.number}`,
    comments: state.commentsOn(repo.name, issue.number).length,
    ...(issue.pull ? { pull_request: { url: `${urls.api}/repos/${path}/pulls/${issue.number}`, html_url: `${urls.web}/${path}/pull/${issue.number}` } } : {}),
  };
}

export function pullJson(state: GitHubState, repo: Repository, pr: PullRequest, urls: Urls) {
  const path = `${repo.owner}/${repo.name}`;
  const repository = repoJson(state, repo, urls);
  const side = (ref: string, sha: string) => ({ label: `${repo.owner}:${ref}`, ref, sha, repo: repository, user: ownerJson(state, urls) });
  return {
    id: pr.id,
    node_id: pr.nodeId,
    number: pr.number,
    title: pr.title,
    body: pr.body,
    state: pr.state,
    merged: pr.pull.merged,
    draft: false,
    locked: false,
    labels: pr.labels.map(labelJson),
    user: userJson(pr.user, urls),
    created_at: pr.createdAt,
    html_url: `${urls.web}/${path}/pull/${pr.number}`,
    url: `${urls.api}/repos/${path}/pulls/${pr.number}`,
    head: side(pr.pull.head, state.headSha(repo, pr)),
    base: side(pr.pull.base, repo.branches.get(pr.pull.base) ?? pr.pull.baseSha),
    requested_teams: pr.pull.requestedTeams.map((slug) => ({ slug, name: slug, id: 0 })),
    requested_reviewers: pr.pull.requestedReviewers.map((login) => userJson(state.user(login), urls)),
  };
}

export function commentJson(comment: Comment, urls: Urls, repo: Repository) {
  const path = `${repo.owner}/${repo.name}`;
  return {
    id: comment.id,
    node_id: `IC_${comment.id}`,
    body: comment.body,
    user: userJson(comment.user, urls),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    html_url: `${urls.web}/${path}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${urls.api}/repos/${path}/issues/${comment.issueNumber}`,
    url: `${urls.api}/repos/${path}/issues/comments/${comment.id}`,
    author_association: comment.user.type === 'Bot' ? 'NONE' : 'MEMBER',
  };
}

export function checkRunJson(run: CheckRun, urls: Urls, repo: Repository) {
  return {
    id: run.id,
    name: run.name,
    head_sha: run.headSha,
    status: run.status,
    conclusion: run.conclusion,
    output: { ...run.output, annotations_count: run.annotations.length },
    html_url: `${urls.web}/${repo.owner}/${repo.name}/runs/${run.id}`,
    url: `${urls.api}/repos/${repo.owner}/${repo.name}/check-runs/${run.id}`,
  };
}
