import type { Caller } from './auth.js';
import { isBinary, pullFiles } from './diff.js';
import { suiteOutcome, type Urls } from './json.js';
import { latestOpinionatedReviews, latestStatuses, mergeStateStatus, settingsOf } from './merging.js';
import { FORBIDDEN_MESSAGE, grants, type Need } from './permissions.js';
import type { App, CheckRun, CheckSuite, Comment, GitHubState, PullRequest, Reaction, Repository, Review, TimelineEvent, User } from './state.js';

/** An error as GitHub words it: `{ type, message, path }` in `errors`, HTTP 200. */
export class GitHubGraphQLError extends Error {
  constructor(
    readonly type: string,
    message: string,
    /** On FORBIDDEN: the permission the field needed. */
    readonly need?: Need,
  ) {
    super(message);
  }
}

/** `Blob.text` stops here (GitHub: 512,000 bytes) and `isTruncated` says so. */
export const BLOB_TEXT_LIMIT = 512_000;

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

const encodeCursor = (index: number) => Buffer.from(`cursor:v2:${index}`).toString('base64');
function decodeCursor(cursor: string): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw new GitHubGraphQLError('INVALID_CURSOR_ARGUMENTS', `\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(match[1]);
}

/** A Relay connection over `items`, sliced by first/last/after/before (their bounds are checked before execution). */
export function connection<T>(items: readonly T[], args: PageArgs & { skip?: number | null }, toNode: (item: T) => unknown) {
  let start = args.skip ?? 0;
  let end = items.length;
  if (args.after) start = Math.max(start, decodeCursor(args.after) + 1);
  if (args.before) end = Math.min(end, decodeCursor(args.before));
  if (args.first !== undefined && args.first !== null) end = Math.min(end, start + args.first);
  if (args.last !== undefined && args.last !== null) start = Math.max(start, end - args.last);
  const edges = items.slice(start, Math.max(start, end)).map((item, i) => ({ cursor: encodeCursor(start + i), node: toNode(item) }));
  return {
    totalCount: items.length,
    nodes: edges.map((edge) => edge.node),
    edges,
    pageInfo: { hasNextPage: end < items.length, hasPreviousPage: start > 0, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

const REACTION_ENUM: Record<string, string> = { '+1': 'THUMBS_UP', '-1': 'THUMBS_DOWN', laugh: 'LAUGH', hooray: 'HOORAY', confused: 'CONFUSED', heart: 'HEART', rocket: 'ROCKET', eyes: 'EYES' };
const ITEM_TYPE: Record<string, string> = {
  committed: 'PULL_REQUEST_COMMIT',
  head_ref_force_pushed: 'HEAD_REF_FORCE_PUSHED_EVENT',
  head_ref_deleted: 'HEAD_REF_DELETED_EVENT',
  head_ref_restored: 'HEAD_REF_RESTORED_EVENT',
  closed: 'CLOSED_EVENT',
  reopened: 'REOPENED_EVENT',
  merged: 'MERGED_EVENT',
  review_requested: 'REVIEW_REQUESTED_EVENT',
  labeled: 'LABELED_EVENT',
  commented: 'ISSUE_COMMENT',
};

const CONTENTS_READ: Need = [['contents', 'read']];
/** Commit details: the contents, or a pull request's commits. */
const COMMIT_READ: Need = [
  ['contents', 'read'],
  ['pull_requests', 'read'],
];
const PULLS_READ: Need = [['pull_requests', 'read']];
const CHECKS_READ: Need = [['checks', 'read']];
const STATUSES_READ: Need = [['statuses', 'read']];

type Node = Record<string, unknown>;

/**
 * The objects the resolvers hand graphql-js: plain fields, and functions for fields that take
 * arguments or need a permission (checked only when the field is asked for, as GitHub does).
 */
export class Nodes {
  constructor(
    readonly state: GitHubState,
    readonly urls: Urls,
    readonly caller: Caller,
  ) {}

  /** `value()` if the caller holds `need`, else GitHub's FORBIDDEN for this field. */
  guard<T>(need: Need, value: () => T): T {
    if (this.caller.kind !== 'installation' || !grants(this.caller.permissions, need)) throw new GitHubGraphQLError('FORBIDDEN', FORBIDDEN_MESSAGE, need);
    return value();
  }

  /** A repository the caller may see, or GitHub's NOT_FOUND. */
  visibleRepo(owner: string, name: string): Repository {
    const repo = this.state.findRepo(owner, name);
    const caller = this.caller;
    const visible = repo && caller.kind === 'installation' && this.state.isInstalled(caller.app, repo) && (caller.repositories === null || caller.repositories.has(repo.name.toLowerCase()));
    if (!repo || !visible) throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`);
    return repo;
  }

  private web(repo: Repository, path: string) {
    return `${this.urls.web}/${repo.owner}/${repo.name}${path}`;
  }

  actor(user: User | null | undefined): Node | null {
    if (!user) return null;
    // GraphQL names a bot without the `[bot]` REST puts after it.
    const bot = user.type === 'Bot';
    return { __typename: bot ? 'Bot' : 'User', id: `${bot ? 'BOT' : 'U'}_${user.id}`, databaseId: user.id, login: bot ? user.login.replace(/\[bot\]$/, '') : user.login, url: `${this.urls.web}/${bot ? 'apps/' : ''}${user.login.replace(/\[bot\]$/, '')}`, avatarUrl: `${this.urls.web}/avatars/${user.id}` };
  }

  app(app: App | undefined): Node | null {
    return app ? { id: app.nodeId, databaseId: app.id, slug: app.slug, name: app.name, url: `${this.urls.web}/apps/${app.slug}`, createdAt: app.createdAt, updatedAt: app.createdAt } : null;
  }

  repository(repo: Repository): Node {
    return {
      id: repo.nodeId,
      databaseId: repo.id,
      name: repo.name,
      nameWithOwner: `${repo.owner}/${repo.name}`,
      url: this.web(repo, ''),
      isArchived: repo.archived,
      isPrivate: true,
      isDisabled: repo.disabled,
      autoMergeAllowed: settingsOf(repo).allowAutoMerge,
      mergeCommitAllowed: settingsOf(repo).allowMergeCommit,
      squashMergeAllowed: settingsOf(repo).allowSquashMerge,
      rebaseMergeAllowed: settingsOf(repo).allowRebaseMerge,
      createdAt: repo.createdAt,
      pushedAt: repo.pushedAt,
      owner: { __typename: 'Organization', id: 'O_1', login: repo.owner },
      defaultBranchRef: () => this.ref(repo, repo.defaultBranch),
      ref: ({ qualifiedName }: { qualifiedName: string }) => this.ref(repo, qualifiedName.replace(/^refs\/heads\//, '')),
      object: ({ expression, oid }: { expression?: string; oid?: string }) => this.guard(CONTENTS_READ, () => this.object(repo, expression, oid)),
      pullRequests: (args: PageArgs & { headRefName?: string; baseRefName?: string; states?: string[]; labels?: string[]; orderBy?: { field: string; direction: string } }) =>
        this.guard(PULLS_READ, () => {
          let pulls = this.state
            .pulls(repo)
            .filter((pr) => (args.headRefName === undefined || pr.pull.head === args.headRefName) && (args.baseRefName === undefined || pr.pull.base === args.baseRefName))
            .filter((pr) => !args.states || args.states.includes(pullState(pr)))
            .filter((pr) => !args.labels || args.labels.some((l) => pr.labels.includes(l)));
          if (args.orderBy?.field === 'UPDATED_AT') pulls = [...pulls].sort((a, b) => (a.updatedAt ?? a.createdAt).localeCompare(b.updatedAt ?? b.createdAt));
          if (args.orderBy?.direction === 'DESC') pulls = [...pulls].reverse();
          return connection(pulls, args, (pr) => this.pull(repo, pr));
        }),
      pullRequest: ({ number }: { number: number }) =>
        this.guard(PULLS_READ, () => {
          const pr = this.state.pull(repo, number);
          if (!pr) throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a PullRequest with the number of ${number}.`);
          return this.pull(repo, pr);
        }),
    };
  }

  /** `oid:`, or `expression:` as `rev`, `rev:path` (`HEAD` is the default branch). */
  object(repo: Repository, expression?: string, oid?: string): Node | null {
    if (oid !== undefined) return this.blob(oid) ?? this.commit(repo, oid);
    const [revision = '', path] = (expression ?? '').split(/:(.*)/s);
    const commitSha = this.state.resolveCommit(repo, revision === 'HEAD' || revision === '' ? repo.defaultBranch : revision);
    if (commitSha === null) return null;
    if (path === undefined) return this.commit(repo, commitSha);
    const blob = this.state.commits.get(commitSha)!.tree.get(path);
    return blob === undefined ? null : this.blob(blob);
  }

  blob(sha: string): Node | null {
    const bytes = this.state.blobContent(sha);
    if (!bytes) return null;
    const binary = isBinary(bytes);
    const truncated = bytes.length > BLOB_TEXT_LIMIT;
    return {
      __typename: 'Blob',
      id: `B_${sha}`,
      oid: sha,
      abbreviatedOid: sha.slice(0, 7),
      byteSize: bytes.length,
      isBinary: binary,
      isTruncated: truncated,
      text: binary ? null : bytes.subarray(0, BLOB_TEXT_LIMIT).toString('utf8'),
    };
  }

  ref(repo: Repository, branch: string): Node | null {
    const sha = repo.branches.get(branch);
    if (!sha) return null;
    return {
      __typename: 'Ref',
      id: `REF_${repo.id}_${Buffer.from(branch).toString('base64url')}`,
      name: branch,
      prefix: 'refs/heads/',
      target: this.commit(repo, sha),
      repository: () => this.repository(repo),
    };
  }

  commit(repo: Repository, sha: string): Node | null {
    const commit = this.state.commits.get(sha);
    if (!commit) return null;
    const gitActor = (actor: typeof commit.author) => {
      const login = /^\d+\+(.+)@users\.noreply\.github\.com$/.exec(actor?.email ?? '')?.[1];
      return actor ? { name: actor.name, email: actor.email, date: actor.date, user: login && !login.endsWith('[bot]') && this.state.users.has(login) ? this.actor(this.state.user(login)) : null } : null;
    };
    return {
      __typename: 'Commit',
      id: `C_${sha}`,
      oid: sha,
      abbreviatedOid: sha.slice(0, 7),
      url: this.web(repo, `/commit/${sha}`),
      commitUrl: this.web(repo, `/commit/${sha}`),
      resourcePath: `/${repo.owner}/${repo.name}/commit/${sha}`,
      message: () => this.guard(COMMIT_READ, () => commit.message),
      messageHeadline: () => this.guard(COMMIT_READ, () => commit.message.split('\n')[0]),
      messageBody: () => this.guard(COMMIT_READ, () => commit.message.split('\n').slice(1).join('\n').replace(/^\n/, '')),
      authoredDate: () => this.guard(COMMIT_READ, () => commit.author?.date),
      committedDate: () => this.guard(COMMIT_READ, () => commit.committer?.date),
      author: () => this.guard(COMMIT_READ, () => gitActor(commit.author)),
      committer: () => this.guard(COMMIT_READ, () => gitActor(commit.committer)),
      parents: (args: PageArgs) => connection(commit.parents, args, (p) => this.commit(repo, p)),
      tree: () => this.guard(CONTENTS_READ, () => ({ __typename: 'Tree', id: `T_${commit.treeSha}`, oid: commit.treeSha })),
      // GitHub signs what it commits itself; a pushed commit here carries no signature.
      signature: () =>
        commit.signed
          ? { __typename: 'GpgSignature', email: 'noreply@github.com', isValid: true, wasSignedByGitHub: true, state: 'VALID', payload: commit.message, signature: '(GitHub)', signer: null, verifiedAt: commit.committer?.date ?? null, keyId: '4AEE18F83AFDEB23' }
          : null,
      status: () =>
        this.guard(STATUSES_READ, () => {
          const contexts = latestStatuses(this.state, repo, sha);
          if (contexts.length === 0) return null;
          const states = contexts.map((c) => c.state);
          const overall = states.some((s) => s === 'failure' || s === 'error') ? 'FAILURE' : states.includes('pending') ? 'PENDING' : 'SUCCESS';
          return {
            id: `ST_${sha}`,
            state: overall,
            contexts: contexts.map((c) => ({ id: `SC_${c.id}`, context: c.context, state: c.state.toUpperCase(), description: c.description, targetUrl: c.targetUrl, createdAt: c.createdAt, creator: this.actor(c.creator) })),
          };
        }),
      file: ({ path }: { path: string }) =>
        this.guard(CONTENTS_READ, () => {
          const blob = commit.tree.get(path);
          return blob === undefined ? null : { name: path.split('/').pop(), path, oid: blob, type: 'blob', object: this.blob(blob) };
        }),
      history: (args: PageArgs & { path?: string; since?: string; until?: string }) =>
        this.guard(CONTENTS_READ, () => {
          const reachable = this.state.ancestors(sha);
          const history = [...this.state.commits.values()]
            .filter((c) => reachable.has(c.sha))
            .reverse()
            .filter((c) => (!args.since || (c.committer?.date ?? '') >= args.since) && (!args.until || (c.committer?.date ?? '') <= args.until))
            .filter((c) => {
              if (!args.path) return true;
              const parent = c.parents[0] ? this.state.commits.get(c.parents[0])?.tree : undefined;
              return c.tree.get(args.path) !== parent?.get(args.path);
            });
          return connection(history, args, (c) => this.commit(repo, c.sha));
        }),
      checkSuites: (args: PageArgs & { filterBy?: { appId?: number; checkName?: string } }) =>
        this.guard(CHECKS_READ, () => {
          const suites = this.state
            .checkSuitesOf(repo.name, sha)
            .filter((s) => args.filterBy?.appId === undefined || args.filterBy.appId === null || s.appId === args.filterBy.appId)
            .filter((s) => !args.filterBy?.checkName || this.runsOf(s).some((run) => run.name === args.filterBy!.checkName));
          return connection(suites, args, (s) => this.checkSuite(repo, s));
        }),
    };
  }

  private runsOf(suite: CheckSuite): CheckRun[] {
    return [...this.state.checkRuns.values()].filter((run) => run.suiteId === suite.id);
  }

  checkSuite(repo: Repository, suite: CheckSuite): Node {
    const outcome = () => suiteOutcome(this.runsOf(suite));
    return {
      id: `CS_${suite.id}`,
      databaseId: suite.id,
      createdAt: suite.createdAt,
      updatedAt: suite.updatedAt,
      status: () => outcome().status.toUpperCase(),
      conclusion: () => outcome().conclusion?.toUpperCase() ?? null,
      app: this.app(this.state.appById(suite.appId)),
      branch: suite.headBranch ? this.ref(repo, suite.headBranch) : null,
      commit: () => this.commit(repo, suite.headSha),
      repository: () => this.repository(repo),
      url: this.web(repo, `/commit/${suite.headSha}/checks?check_suite_id=${suite.id}`),
      checkRuns: (args: PageArgs & { filterBy?: { checkName?: string; appId?: number; status?: string; statuses?: string[]; conclusions?: string[]; checkType?: string } }) => {
        const filter = args.filterBy ?? {};
        let runs = this.runsOf(suite).filter(
          (run) =>
            (!filter.checkName || run.name === filter.checkName) &&
            (!filter.status || run.status.toUpperCase() === filter.status) &&
            (!filter.statuses || filter.statuses.includes(run.status.toUpperCase())) &&
            (!filter.conclusions || (run.conclusion !== null && filter.conclusions.includes(run.conclusion.toUpperCase()))),
        );
        if (filter.checkType === 'LATEST') runs = runs.filter((run, i) => !runs.slice(i + 1).some((later) => later.name === run.name));
        return connection(runs, args, (run) => this.checkRun(repo, run, suite));
      },
    };
  }

  checkRun(repo: Repository, run: CheckRun, suite?: CheckSuite): Node {
    return {
      id: `CR_${run.id}`,
      databaseId: run.id,
      name: run.name,
      status: run.status.toUpperCase(),
      conclusion: run.conclusion?.toUpperCase() ?? null,
      startedAt: run.startedAt ?? null,
      completedAt: run.completedAt ?? null,
      title: run.output.title ?? null,
      summary: run.output.summary ?? null,
      text: run.output.text ?? null,
      detailsUrl: run.detailsUrl ?? null,
      externalId: run.externalId ?? null,
      url: this.web(repo, `/runs/${run.id}`),
      permalink: this.web(repo, `/runs/${run.id}`),
      checkSuite: () => (suite ?? (run.suiteId ? this.state.checkSuites.get(run.suiteId) : undefined)) && this.checkSuite(repo, suite ?? this.state.checkSuites.get(run.suiteId!)!),
    };
  }

  pull(repo: Repository, pr: PullRequest): Node {
    const head = () => this.state.headSha(repo, pr);
    const url = this.web(repo, `/pull/${pr.number}`);
    return {
      __typename: 'PullRequest',
      id: pr.nodeId,
      databaseId: pr.id,
      fullDatabaseId: String(pr.id),
      number: pr.number,
      url,
      permalink: url,
      resourcePath: `/${repo.owner}/${repo.name}/pull/${pr.number}`,
      title: pr.title,
      body: pr.body,
      state: pullState(pr),
      closed: pr.state === 'closed',
      merged: pr.pull.merged,
      mergedAt: pr.pull.mergedAt ?? null,
      closedAt: pr.closedAt ?? null,
      createdAt: pr.createdAt,
      updatedAt: pr.updatedAt ?? pr.createdAt,
      isDraft: pr.pull.draft ?? false,
      isCrossRepository: false,
      mergeStateStatus: () => mergeStateStatus(this.state, repo, pr),
      autoMergeRequest: pr.pull.autoMerge ? { enabledAt: pr.pull.autoMerge.enabledAt, enabledBy: this.actor(pr.pull.autoMerge.enabledBy), mergeMethod: pr.pull.autoMerge.method.toUpperCase(), pullRequest: () => this.pull(repo, pr) } : null,
      latestOpinionatedReviews: (args: PageArgs) => connection(latestOpinionatedReviews(pr), args, (review) => this.review(repo, pr, review)),
      reviews: (args: PageArgs & { states?: string[] }) =>
        connection(
          (pr.pull.reviews ?? []).filter((review) => !args.states || args.states.includes(review.state)),
          args,
          (review) => this.review(repo, pr, review),
        ),
      author: this.actor(pr.user),
      authorAssociation: this.state.authorAssociation(pr.user, repo),
      headRefName: pr.pull.head,
      baseRefName: pr.pull.base,
      headRefOid: head,
      baseRefOid: () => repo.branches.get(pr.pull.base) ?? pr.pull.baseSha,
      headRef: () => (pr.state === 'open' ? this.ref(repo, pr.pull.head) : null),
      baseRef: () => this.ref(repo, pr.pull.base),
      headRepository: () => this.repository(repo),
      baseRepository: () => this.repository(repo),
      repository: () => this.repository(repo),
      headRepositoryOwner: { __typename: 'Organization', id: 'O_1', login: repo.owner },
      labels: (args: PageArgs) => connection(pr.labels, args, (name) => ({ id: `LA_${name}`, name, color: 'ededed' })),
      comments: (args: PageArgs) =>
        this.guard(
          [
            ['issues', 'read'],
            ['pull_requests', 'read'],
          ],
          () => connection(this.state.commentsOn(repo.name, pr.number), args, (c) => this.comment(repo, c)),
        ),
      commits: (args: PageArgs) =>
        connection(this.state.commitsBetween(repo.branches.get(pr.pull.base) ?? pr.pull.baseSha, head()).slice(0, 250), args, (sha) => ({
          __typename: 'PullRequestCommit',
          id: `PRC_${pr.id}_${sha}`,
          commit: this.commit(repo, sha),
          url: `${url}/commits/${sha}`,
          resourcePath: `/${repo.owner}/${repo.name}/pull/${pr.number}/commits/${sha}`,
        })),
      files: (args: PageArgs) => {
        const base = this.state.mergeBase(repo.branches.get(pr.pull.base) ?? pr.pull.baseSha, head()) ?? pr.pull.baseSha;
        const files = pullFiles(this.state, this.state.commits.get(base)!.tree, this.state.commits.get(head())!.tree);
        return connection(files, args, (f) => ({ path: f.filename, additions: f.additions, deletions: f.deletions, changeType: f.status === 'removed' ? 'DELETED' : f.status.toUpperCase() }));
      },
      timelineItems: (args: PageArgs & { itemTypes?: string[]; since?: string; skip?: number }) => {
        const items = this.state
          .timelineOf(repo.name, pr.number)
          .filter((item) => (!args.itemTypes || args.itemTypes.includes(ITEM_TYPE[item.kind] ?? '')) && (!args.since || item.at >= args.since));
        const result = connection(items, args, (item) => this.timelineItem(repo, pr, item));
        return { ...result, filteredCount: items.length, pageCount: result.nodes.length, updatedAt: pr.updatedAt ?? pr.createdAt };
      },
    };
  }

  timelineItem(repo: Repository, pr: PullRequest, item: TimelineEvent | { kind: 'commented'; comment: Comment; at: string }): Node {
    if (item.kind === 'commented') return this.comment(repo, item.comment);
    if (item.kind === 'committed') return { __typename: 'PullRequestCommit', id: `PRC_${pr.id}_${item.sha}`, commit: this.commit(repo, item.sha), url: this.web(repo, `/pull/${pr.number}/commits/${item.sha}`), resourcePath: `/${repo.owner}/${repo.name}/pull/${pr.number}/commits/${item.sha}` };
    const common = { id: `E_${item.id}`, actor: this.actor(item.actor), createdAt: item.at, pullRequest: () => this.pull(repo, pr) };
    switch (item.kind) {
      case 'head_ref_force_pushed':
        return { __typename: 'HeadRefForcePushedEvent', ...common, beforeCommit: this.commit(repo, item.before), afterCommit: this.commit(repo, item.after), ref: () => this.ref(repo, pr.pull.head) };
      case 'head_ref_deleted':
        return { __typename: 'HeadRefDeletedEvent', ...common, headRefName: pr.pull.head, headRef: null };
      case 'head_ref_restored':
        return { __typename: 'HeadRefRestoredEvent', ...common };
      case 'closed':
        return { __typename: 'ClosedEvent', ...common, closable: () => this.pull(repo, pr), url: this.web(repo, `/pull/${pr.number}`) };
      case 'reopened':
        return { __typename: 'ReopenedEvent', ...common, closable: () => this.pull(repo, pr) };
      case 'merged':
        return { __typename: 'MergedEvent', ...common, commit: item.commitId ? this.commit(repo, item.commitId) : null, mergeRefName: pr.pull.base, url: this.web(repo, `/pull/${pr.number}`) };
      case 'labeled':
        return { __typename: 'LabeledEvent', ...common, label: { id: `LA_${item.label}`, name: item.label, color: 'ededed' }, labelable: () => this.pull(repo, pr) };
      case 'review_requested':
        return { __typename: 'ReviewRequestedEvent', ...common, requestedReviewer: item.team ? { __typename: 'Team', id: `T_${item.team}`, slug: item.team, name: item.team } : this.actor(this.state.user(item.reviewer!)) };
    }
  }

  review(repo: Repository, pr: PullRequest, review: Review): Node {
    return {
      id: `PRR_${review.id}`,
      databaseId: review.id,
      state: review.state,
      body: review.body,
      author: this.actor(review.user),
      submittedAt: review.submittedAt,
      createdAt: review.submittedAt,
      commit: () => this.commit(repo, review.commitId),
      url: this.web(repo, `/pull/${pr.number}#pullrequestreview-${review.id}`),
    };
  }

  comment(repo: Repository, comment: Comment): Node {
    const edits = comment.edits ?? [];
    const last = edits.at(-1);
    const url = `${this.urls.web}/${repo.owner}/${repo.name}/pull/${comment.issueNumber}#issuecomment-${comment.id}`;
    return {
      __typename: 'IssueComment',
      id: `IC_${comment.id}`,
      databaseId: comment.id,
      fullDatabaseId: String(comment.id),
      body: comment.body,
      bodyText: comment.body,
      createdAt: comment.createdAt,
      publishedAt: comment.createdAt,
      updatedAt: comment.updatedAt,
      lastEditedAt: last?.editedAt ?? null,
      editor: this.actor(last?.editor),
      includesCreatedEdit: edits.length > 0,
      author: this.actor(comment.user),
      authorAssociation: this.state.authorAssociation(comment.user, repo),
      isMinimized: Boolean(comment.minimizedReason),
      minimizedReason: comment.minimizedReason ?? null,
      url,
      resourcePath: url.replace(this.urls.web, ''),
      viewerDidAuthor: this.caller.kind === 'installation' && this.caller.bot.id === comment.user.id,
      createdViaEmail: false,
      // Newest first, ending with the version it was created with (once edited).
      userContentEdits: (args: PageArgs) => {
        const versions = edits.length === 0 ? [] : [{ editor: comment.user, at: comment.createdAt, diff: edits[0]!.before }, ...edits.map((e) => ({ editor: e.editor, at: e.editedAt, diff: e.after }))].reverse();
        return connection(versions, args, (v) => ({ id: `UCE_${comment.id}_${v.at}`, createdAt: v.at, updatedAt: v.at, editedAt: v.at, editor: this.actor(v.editor), diff: v.diff, deletedAt: null, deletedBy: null }));
      },
      reactions: (args: PageArgs & { content?: string }) =>
        connection(
          comment.reactions.filter((r) => !args.content || REACTION_ENUM[r.content] === args.content),
          args,
          (r: Reaction) => ({ id: `REA_${r.id}`, databaseId: r.id, content: REACTION_ENUM[r.content], createdAt: r.createdAt ?? null, user: this.actor(r.user) }),
        ),
    };
  }
}

export function pullState(pr: PullRequest): 'OPEN' | 'CLOSED' | 'MERGED' {
  return pr.pull.merged ? 'MERGED' : pr.state === 'open' ? 'OPEN' : 'CLOSED';
}
