import { mergeStateStatus, settingsOf } from './merging.js';
import type { App, CheckRun, CheckSuite, Comment, Commit, CommitStatus, GitHubState, Issue, PullRequest, Reaction, Repository, Review, TimelineEvent, User } from './state.js';

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
    created_at: repo.createdAt ?? null,
    updated_at: repo.pushedAt ?? repo.createdAt ?? null,
    pushed_at: repo.pushedAt,
    visibility: 'private',
    allow_auto_merge: settingsOf(repo).allowAutoMerge,
    allow_merge_commit: settingsOf(repo).allowMergeCommit,
    allow_squash_merge: settingsOf(repo).allowSquashMerge,
    allow_rebase_merge: settingsOf(repo).allowRebaseMerge,
  };
}

/** The short repository form check runs, suites and installation events carry. */
export function repoRefJson(repo: Repository, urls: Urls) {
  return { id: repo.id, node_id: repo.nodeId, name: repo.name, full_name: `${repo.owner}/${repo.name}`, private: true, url: `${urls.api}/repos/${repo.owner}/${repo.name}` };
}

export function labelJson(name: string) {
  return { name, color: 'ededed', default: false, description: null };
}

export function appJson(state: GitHubState, app: App, urls: Urls) {
  return {
    id: app.id,
    slug: app.slug,
    node_id: app.nodeId,
    client_id: `Iv1.sim${app.id}`,
    owner: ownerJson(state, urls),
    name: app.name,
    description: '',
    external_url: `${urls.web}/apps/${app.slug}`,
    html_url: `${urls.web}/apps/${app.slug}`,
    created_at: app.createdAt,
    updated_at: app.createdAt,
    permissions: app.permissions,
    events: app.events,
    installations_count: 1,
  };
}

export function installationJson(state: GitHubState, app: App, urls: Urls) {
  return {
    id: app.installationId,
    node_id: `IN_${app.installationId}`,
    account: ownerJson(state, urls),
    repository_selection: app.repositorySelection,
    access_tokens_url: `${urls.api}/app/installations/${app.installationId}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url: `${urls.web}/organizations/${state.org}/settings/installations/${app.installationId}`,
    app_id: app.id,
    app_slug: app.slug,
    target_id: 1,
    target_type: 'Organization',
    permissions: app.permissions,
    events: app.events,
    created_at: app.createdAt,
    updated_at: app.createdAt,
    single_file_name: null,
    suspended_at: null,
    suspended_by: null,
  };
}

const REACTIONS = ['+1', '-1', 'laugh', 'hooray', 'confused', 'heart', 'rocket', 'eyes'] as const;

function reactionRollup(reactions: readonly Reaction[], url: string) {
  const counts: Record<string, number> = {};
  for (const content of REACTIONS) counts[content] = reactions.filter((r) => r.content === content).length;
  return { url, total_count: reactions.length, ...counts };
}

export function reactionJson(reaction: Reaction, urls: Urls) {
  return { id: reaction.id, node_id: `REA_${reaction.id}`, user: userJson(reaction.user, urls), content: reaction.content, created_at: reaction.createdAt ?? null };
}

/** The app behind a bot account, as `performed_via_github_app` names it. */
function viaApp(state: GitHubState | undefined, user: User, urls: Urls) {
  const app = state?.apps().find((a) => a.bot.id === user.id);
  return app && state ? appJson(state, app, urls) : null;
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
    author_association: state.authorAssociation(issue.user, repo),
    created_at: issue.createdAt,
    updated_at: issue.updatedAt ?? issue.createdAt,
    closed_at: issue.closedAt ?? null,
    html_url: `${urls.web}/${path}/${kind}/${issue.number}`,
    url: `${urls.api}/repos/${path}/issues/${issue.number}`,
    comments: state.commentsOn(repo.name, issue.number).length,
    locked: false,
    performed_via_github_app: viaApp(state, issue.user, urls),
    ...(issue.pull
      ? { pull_request: { url: `${urls.api}/repos/${path}/pulls/${issue.number}`, html_url: `${urls.web}/${path}/pull/${issue.number}`, merged_at: issue.pull.mergedAt ?? null } }
      : {}),
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
    merged_at: pr.pull.mergedAt ?? null,
    merged_by: mergedBy(pr, urls),
    merge_commit_sha: pr.pull.mergeCommitSha ?? null,
    draft: pr.pull.draft ?? false,
    mergeable_state: mergeStateStatus(state, repo, pr).toLowerCase(),
    auto_merge: pr.pull.autoMerge ? { enabled_by: userJson(pr.pull.autoMerge.enabledBy, urls), merge_method: pr.pull.autoMerge.method, commit_title: '', commit_message: '' } : null,
    locked: false,
    labels: pr.labels.map(labelJson),
    user: userJson(pr.user, urls),
    author_association: state.authorAssociation(pr.user, repo),
    created_at: pr.createdAt,
    updated_at: pr.updatedAt ?? pr.createdAt,
    closed_at: pr.closedAt ?? null,
    html_url: `${urls.web}/${path}/pull/${pr.number}`,
    url: `${urls.api}/repos/${path}/pulls/${pr.number}`,
    issue_url: `${urls.api}/repos/${path}/issues/${pr.number}`,
    commits_url: `${urls.api}/repos/${path}/pulls/${pr.number}/commits`,
    head: side(pr.pull.head, state.headSha(repo, pr)),
    base: side(pr.pull.base, repo.branches.get(pr.pull.base) ?? pr.pull.baseSha),
    requested_teams: pr.pull.requestedTeams.map((slug) => ({ slug, name: slug, id: 0 })),
    requested_reviewers: pr.pull.requestedReviewers.map((login) => userJson(state.user(login), urls)),
  };
}

/** Who merged it: for GitHub's auto-merge, whoever enabled it. */
function mergedBy(pr: PullRequest, urls: Urls) {
  const merged = (pr.events ?? []).find((event) => event.kind === 'merged');
  return merged && 'actor' in merged ? userJson(merged.actor, urls) : null;
}

/** `state` adds what only it knows (author association, reactions, the app behind a bot). */
export function commentJson(comment: Comment, urls: Urls, repo: Repository, state?: GitHubState) {
  const path = `${repo.owner}/${repo.name}`;
  const url = `${urls.api}/repos/${path}/issues/comments/${comment.id}`;
  return {
    id: comment.id,
    node_id: `IC_${comment.id}`,
    body: comment.body,
    user: userJson(comment.user, urls),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    html_url: `${urls.web}/${path}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${urls.api}/repos/${path}/issues/${comment.issueNumber}`,
    url,
    author_association: state ? state.authorAssociation(comment.user, repo) : comment.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    performed_via_github_app: viaApp(state, comment.user, urls),
    reactions: reactionRollup(comment.reactions, `${url}/reactions`),
  };
}

/** A `pull_requests` entry of a check run or suite: the short form GitHub sends there. */
function pullRefJson(state: GitHubState, repo: Repository, pr: PullRequest, urls: Urls) {
  const short = { id: repo.id, url: `${urls.api}/repos/${repo.owner}/${repo.name}`, name: repo.name };
  return {
    url: `${urls.api}/repos/${repo.owner}/${repo.name}/pulls/${pr.number}`,
    id: pr.id,
    number: pr.number,
    head: { ref: pr.pull.head, sha: state.headSha(repo, pr), repo: short },
    base: { ref: pr.pull.base, sha: repo.branches.get(pr.pull.base) ?? pr.pull.baseSha, repo: short },
  };
}

export function checkSuiteJson(state: GitHubState, suite: CheckSuite, urls: Urls, options: { full?: boolean } = {}) {
  const repo = state.repo(suite.repo);
  const runs = [...state.checkRuns.values()].filter((run) => run.suiteId === suite.id);
  const { status, conclusion } = suiteOutcome(runs);
  const app = state.appById(suite.appId);
  const commit = state.commits.get(suite.headSha);
  return {
    id: suite.id,
    node_id: `CS_${suite.id}`,
    head_branch: suite.headBranch,
    head_sha: suite.headSha,
    status,
    conclusion,
    url: `${urls.api}/repos/${repo.owner}/${repo.name}/check-suites/${suite.id}`,
    before: suite.before,
    after: suite.headSha,
    pull_requests: state.pullsWithHead(repo, suite.headSha).map((pr) => pullRefJson(state, repo, pr, urls)),
    app: app ? appJson(state, app, urls) : null,
    created_at: suite.createdAt,
    updated_at: runs.reduce((latest, run) => (run.completedAt && run.completedAt > latest ? run.completedAt : latest), suite.updatedAt),
    ...(options.full === false
      ? {}
      : {
          latest_check_runs_count: runs.length,
          check_runs_url: `${urls.api}/repos/${repo.owner}/${repo.name}/check-suites/${suite.id}/check-runs`,
          head_commit: commit
            ? { id: commit.sha, tree_id: commit.treeSha, message: commit.message, timestamp: commit.committer?.date ?? null, author: { name: commit.author?.name, email: commit.author?.email }, committer: { name: commit.committer?.name, email: commit.committer?.email } }
            : null,
          repository: repoRefJson(repo, urls),
        }),
  };
}

/** A suite's status and conclusion from its runs: the most severe conclusion wins, then success. */
export function suiteOutcome(runs: readonly CheckRun[]): { status: string; conclusion: string | null } {
  if (runs.length === 0) return { status: 'queued', conclusion: null };
  if (runs.some((run) => run.status !== 'completed')) return { status: runs.every((run) => run.status === 'queued') ? 'queued' : 'in_progress', conclusion: null };
  const conclusions = runs.map((run) => run.conclusion ?? 'success');
  const severe = ['action_required', 'cancelled', 'timed_out', 'failure', 'startup_failure', 'stale'].find((c) => conclusions.includes(c));
  const conclusion = severe ?? ['success', 'neutral', 'skipped'].find((c) => conclusions.includes(c)) ?? 'success';
  return { status: 'completed', conclusion };
}

/** `state` adds the app, the suite and the pull requests (the old three-argument form omits them). */
export function checkRunJson(run: CheckRun, urls: Urls, repo: Repository, state?: GitHubState) {
  const app = state && run.appId !== undefined ? state.appById(run.appId) : undefined;
  const suite = state && run.suiteId !== undefined ? state.checkSuites.get(run.suiteId) : undefined;
  return {
    id: run.id,
    node_id: `CR_${run.id}`,
    name: run.name,
    head_sha: run.headSha,
    external_id: run.externalId ?? null,
    details_url: run.detailsUrl ?? null,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt ?? null,
    completed_at: run.completedAt ?? null,
    output: {
      title: run.output.title ?? null,
      summary: run.output.summary ?? null,
      text: run.output.text ?? null,
      annotations_count: run.annotations.length,
      annotations_url: `${urls.api}/repos/${repo.owner}/${repo.name}/check-runs/${run.id}/annotations`,
    },
    html_url: `${urls.web}/${repo.owner}/${repo.name}/runs/${run.id}`,
    url: `${urls.api}/repos/${repo.owner}/${repo.name}/check-runs/${run.id}`,
    ...(state
      ? {
          check_suite: suite ? { id: suite.id } : null,
          app: app ? appJson(state, app, urls) : null,
          pull_requests: state.pullsWithHead(repo, run.headSha).map((pr) => pullRefJson(state, repo, pr, urls)),
        }
      : {}),
  };
}

/** A commit as the git data API (`git/commits/{sha}`) and timeline `committed` events show it. */
export function gitCommitJson(repo: Repository, commit: Commit, urls: Urls) {
  const path = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  return {
    sha: commit.sha,
    node_id: `C_${commit.sha}`,
    url: `${path}/git/commits/${commit.sha}`,
    html_url: `${urls.web}/${repo.owner}/${repo.name}/commit/${commit.sha}`,
    author: commit.author ?? null,
    committer: commit.committer ?? null,
    tree: { sha: commit.treeSha, url: `${path}/git/trees/${commit.treeSha}` },
    message: commit.message,
    parents: commit.parents.map((sha) => ({ sha, url: `${path}/git/commits/${sha}`, html_url: `${urls.web}/${repo.owner}/${repo.name}/commit/${sha}` })),
    verification: commit.signed
      ? { verified: true, reason: 'valid', signature: '-----BEGIN PGP SIGNATURE-----\n(GitHub)\n-----END PGP SIGNATURE-----', payload: commit.message, verified_at: commit.committer?.date ?? null }
      : { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

/** A commit as the commits API (`commits/{ref}`, `pulls/{n}/commits`) shows it. */
export function commitJson(state: GitHubState, repo: Repository, commit: Commit, urls: Urls) {
  const path = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const git = gitCommitJson(repo, commit, urls);
  // GitHub links a commit to an account by its email; the simulator's identities use the noreply
  // form, and GitHub's own commits the `web-flow` account.
  const account = (actor: Commit['author']) => {
    if (actor?.email === 'noreply@github.com') return userJson(state.user('web-flow'), urls);
    const login = /^\d+\+(.+)@users\.noreply\.github\.com$/.exec(actor?.email ?? '')?.[1];
    return login && state.users.has(login) ? userJson(state.user(login), urls) : null;
  };
  return {
    sha: commit.sha,
    node_id: git.node_id,
    commit: { author: git.author, committer: git.committer, message: git.message, tree: git.tree, url: git.url, comment_count: 0, verification: git.verification },
    url: `${path}/commits/${commit.sha}`,
    html_url: git.html_url,
    author: account(commit.author),
    committer: account(commit.committer),
    parents: git.parents.map(({ sha, url, html_url }) => ({ sha, url: url.replace('/git/commits/', '/commits/'), html_url })),
  };
}

/** One item of `issues/{n}/timeline`, as GitHub shapes each event. */
export function timelineItemJson(state: GitHubState, repo: Repository, number: number, item: ReturnType<GitHubState['timelineOf']>[number], urls: Urls) {
  const path = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  if (item.kind === 'commented') return { ...commentJson(item.comment, urls, repo, state), event: 'commented', actor: userJson(item.comment.user, urls) };
  if (item.kind === 'committed') {
    const commit = state.commits.get(item.sha);
    // GitHub gives committed events no created_at: only the commit's own (forgeable) dates.
    return commit ? { ...gitCommitJson(repo, commit, urls), event: 'committed' } : { sha: item.sha, event: 'committed' };
  }
  const event = item as Exclude<TimelineEvent, { kind: 'committed' }>;
  const commitId = event.kind === 'head_ref_force_pushed' ? event.after : event.kind === 'merged' || event.kind === 'closed' ? (event.commitId ?? null) : null;
  return {
    id: event.id,
    node_id: `E_${event.id}`,
    url: `${path}/issues/events/${event.id}`,
    actor: userJson(event.actor, urls),
    event: event.kind,
    commit_id: commitId,
    commit_url: commitId ? `${path}/commits/${commitId}` : null,
    created_at: event.at,
    performed_via_github_app: null,
    ...(event.kind === 'labeled' ? { label: { name: event.label, color: 'ededed' } } : {}),
    ...(event.kind === 'review_requested' ? { review_requester: userJson(event.actor, urls), ...(event.team ? { requested_team: { slug: event.team, name: event.team } } : {}), ...(event.reviewer ? { requested_reviewer: userJson(state.user(event.reviewer), urls) } : {}) } : {}),
    issue_url: `${path}/issues/${number}`,
  };
}

/** A commit status, as the Statuses API and the `status` webhook show it. */
export function statusJson(state: GitHubState, repo: Repository, status: CommitStatus, urls: Urls) {
  return {
    id: status.id,
    node_id: `SC_${status.id}`,
    url: `${urls.api}/repos/${repo.owner}/${repo.name}/statuses/${status.sha}`,
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    creator: userJson(status.creator, urls),
    avatar_url: `${urls.web}/avatars/${status.creator.id}`,
  };
}

/** `commits/{ref}/status`: the newest status per context and their overall state. */
export function combinedStatusJson(state: GitHubState, repo: Repository, sha: string, statuses: readonly CommitStatus[], urls: Urls) {
  const states = statuses.map((s) => s.state);
  const overall = states.some((s) => s === 'failure' || s === 'error') ? 'failure' : states.length === 0 || states.includes('pending') ? 'pending' : 'success';
  return {
    state: overall,
    sha,
    total_count: statuses.length,
    statuses: statuses.map((s) => statusJson(state, repo, s, urls)),
    repository: repoRefJson(repo, urls),
    commit_url: `${urls.api}/repos/${repo.owner}/${repo.name}/commits/${sha}`,
    url: `${urls.api}/repos/${repo.owner}/${repo.name}/commits/${sha}/status`,
  };
}

export function reviewJson(repo: Repository, pr: PullRequest, review: Review, urls: Urls) {
  return {
    id: review.id,
    node_id: `PRR_${review.id}`,
    user: userJson(review.user, urls),
    body: review.body,
    state: review.state,
    commit_id: review.commitId,
    submitted_at: review.submittedAt,
    author_association: 'MEMBER',
    html_url: `${urls.web}/${repo.owner}/${repo.name}/pull/${pr.number}#pullrequestreview-${review.id}`,
    pull_request_url: `${urls.api}/repos/${repo.owner}/${repo.name}/pulls/${pr.number}`,
  };
}
