import { createHash } from 'node:crypto';
import type { Clock } from '../../src/clock.js';
import { grants, loadAppManifest, type Permissions } from './permissions.js';
import type { App, CheckRun, CheckSuite, Comment, Commit, CommitOptions, CommitStatus, Dispatch, FileChanges, GitActor, Issue, MergeMethod, PullRequest, Push, Reaction, Repository, StateOptions, TimelineEvent, Tree, User } from './state-types.js';

export type {
  Tree,
  GitActor,
  Commit,
  User,
  Reaction,
  CommentEdit,
  Comment,
  TimelineEvent,
  Issue,
  PullData,
  PullRequest,
  Annotation,
  CheckRun,
  CheckSuite,
  App,
  Push,
  Repository,
  FileChanges,
  CommitOptions,
  StateOptions,
  Review,
  AutoMerge,
  CommitStatus,
  BranchProtection,
  RepoSettings,
  Ruleset,
  RulesetRule,
  Dispatch,
  MergeMethod,
} from './state-types.js';

const sha1 = (data: string | Buffer) => createHash('sha1').update(data).digest('hex');
export const ZERO_SHA = '0'.repeat(40);

/**
 * An in-memory organization on GitHub: repositories with content-addressed git objects, issues and
 * pull requests with their timelines, comments with their edits, check suites and runs, teams,
 * installed apps. Plain data for tests to arrange and assert on. Every timestamp comes from `tick()`.
 */
export class GitHubState {
  /** Blob sha → text (UTF-8 decoded; lossy for binary, see `blobBytes`). */
  readonly blobs = new Map<string, string>();
  /** Blob sha → the exact bytes. */
  readonly blobBytes = new Map<string, Buffer>();
  readonly commits = new Map<string, Commit>();
  readonly trees = new Map<string, Tree>();
  readonly repos = new Map<string, Repository>();
  readonly comments = new Map<number, Comment>();
  readonly checkRuns = new Map<number, CheckRun>();
  readonly checkSuites = new Map<number, CheckSuite>();
  /** Team slug → active member logins. */
  readonly teams = new Map<string, Set<string>>();
  /** Team slug → invited logins who have not accepted (membership `state: pending`). */
  readonly pendingTeamMembers = new Map<string, Set<string>>();
  readonly teamMaintainers = new Map<string, Set<string>>();
  /** Logins of the organization's members (team members are added here). */
  readonly orgMembers = new Set<string>();
  readonly users = new Map<string, User>();
  /** Every branch move, oldest first. */
  readonly pushes: Push[] = [];
  /** Commit statuses, oldest first. */
  readonly statuses: CommitStatus[] = [];
  /** `repository_dispatch` events received, oldest first. */
  readonly dispatches: Dispatch[] = [];
  /** False: an older GitHub Enterprise Server without rulesets (rules/branches answers 404; rulesets are not enforced). */
  rulesetsApi = true;
  /** Plimsoll: the app the simulator hands installation tokens for. */
  readonly app: App;
  /** Other apps installed on the organization (an attacker's, GitHub Actions…), by id. */
  readonly otherApps = new Map<number, App>();
  readonly installationId: number;
  readonly bot: User;
  private nextId = 1000;
  private lastMs = 0;
  private readonly suiteIndex = new Map<string, CheckSuite>();

  constructor(
    readonly org: string,
    private readonly clock: Clock,
    options: StateOptions = {},
  ) {
    const manifest = loadAppManifest(options.manifestPath);
    const slug = options.appSlug ?? manifest.slug;
    this.app = this.newApp({ id: options.appId ?? 1, slug, name: options.appName ?? manifest.name, installationId: options.installationId ?? 42, permissions: options.permissions ?? manifest.permissions, events: manifest.events });
    this.installationId = this.app.installationId;
    this.bot = this.app.bot;
  }

  id(): number {
    return this.nextId++;
  }

  /**
   * Epoch milliseconds of the next thing that happens: the clock, but strictly after everything
   * before it, so two changes never share a timestamp. (GitHub itself records whole seconds.)
   */
  tick(): number {
    this.lastMs = Math.max(Math.floor(this.clock.now()), this.lastMs + 1);
    return this.lastMs;
  }

  timestamp(): string {
    return new Date(this.tick()).toISOString();
  }

  /** The installation's permissions (Plimsoll's); assign or mutate to change them at runtime. */
  get permissions(): Permissions {
    return this.app.permissions;
  }

  set permissions(permissions: Permissions) {
    this.app.permissions = { ...permissions };
  }

  private newApp(fields: { id: number; slug: string; name: string; installationId: number; permissions: Permissions; events: string[] }): App {
    return {
      ...fields,
      permissions: { ...fields.permissions },
      nodeId: `A_${fields.id}`,
      bot: this.user(`${fields.slug}[bot]`),
      createdAt: this.timestamp(),
      repositorySelection: 'all',
      selectedRepositories: new Set(),
    };
  }

  /** Another app installed on the organization, with its own installation and permissions. */
  addApp(fields: { id: number; slug: string; name?: string; installationId?: number; permissions?: Permissions; events?: string[] }): App {
    if (fields.id === this.app.id || this.otherApps.has(fields.id)) throw new Error(`an app with id ${fields.id} is already installed`);
    const app = this.newApp({ id: fields.id, slug: fields.slug, name: fields.name ?? fields.slug, installationId: fields.installationId ?? this.id(), permissions: fields.permissions ?? { metadata: 'read', checks: 'write' }, events: fields.events ?? [] });
    this.otherApps.set(app.id, app);
    return app;
  }

  apps(): App[] {
    return [this.app, ...this.otherApps.values()];
  }

  appById(id: number): App | undefined {
    return id === this.app.id ? this.app : this.otherApps.get(id);
  }

  appByInstallation(installationId: number): App | undefined {
    return this.apps().find((app) => app.installationId === installationId);
  }

  isInstalled(app: App, repo: Repository): boolean {
    return app.repositorySelection === 'all' || app.selectedRepositories.has(repo.name.toLowerCase());
  }

  /** Limit Plimsoll's installation to these repositories (`selected`), or back to `all`. */
  setInstalledRepositories(names: readonly string[] | 'all', app: App = this.app): void {
    if (names === 'all') {
      app.repositorySelection = 'all';
      app.selectedRepositories.clear();
      return;
    }
    app.repositorySelection = 'selected';
    app.selectedRepositories = new Set(names.map((n) => n.toLowerCase()));
  }

  user(login: string): User {
    let user = this.users.get(login);
    if (!user) this.users.set(login, (user = { login, id: this.id(), type: login.endsWith('[bot]') ? 'Bot' : 'User' }));
    return user;
  }

  addOrgMember(login: string): void {
    this.orgMembers.add(login);
    this.user(login);
  }

  addTeam(slug: string, members: readonly string[]): void {
    this.teams.set(slug, new Set(members));
    for (const member of members) this.addOrgMember(member);
  }

  /** Adds `login` to the team (creating it): `pending` until they accept the invitation. */
  addTeamMember(slug: string, login: string, options: { state?: 'active' | 'pending'; role?: 'member' | 'maintainer' } = {}): void {
    if (!this.teams.has(slug)) this.teams.set(slug, new Set());
    const into = options.state === 'pending' ? this.pendingTeamMembers : this.teams;
    (options.state === 'pending' ? this.teams : this.pendingTeamMembers).get(slug)?.delete(login);
    if (!into.has(slug)) into.set(slug, new Set());
    into.get(slug)!.add(login);
    if (options.role === 'maintainer') {
      if (!this.teamMaintainers.has(slug)) this.teamMaintainers.set(slug, new Set());
      this.teamMaintainers.get(slug)!.add(login);
    }
    this.addOrgMember(login);
  }

  /** Takes `login` out of the team, from now on: the next membership read answers 404. */
  removeTeamMember(slug: string, login: string): void {
    this.teams.get(slug)?.delete(login);
    this.pendingTeamMembers.get(slug)?.delete(login);
    this.teamMaintainers.get(slug)?.delete(login);
  }

  teamMembership(slug: string, login: string): { state: 'active' | 'pending'; role: 'member' | 'maintainer' } | null {
    const role = this.teamMaintainers.get(slug)?.has(login) ? 'maintainer' : 'member';
    if (this.teams.get(slug)?.has(login)) return { state: 'active', role };
    if (this.pendingTeamMembers.get(slug)?.has(login)) return { state: 'pending', role };
    return null;
  }

  repo(name: string): Repository {
    const repo = this.repos.get(name.toLowerCase());
    if (!repo) throw new Error(`the simulator has no repository ${this.org}/${name}`);
    return repo;
  }

  findRepo(owner: string, name: string): Repository | undefined {
    return owner.toLowerCase() === this.org.toLowerCase() ? this.repos.get(name.toLowerCase()) : undefined;
  }

  /** A repository whose default branch has one commit with `files`; none makes an empty repository. */
  addRepo(name: string, files?: FileChanges, options: { defaultBranch?: string; archived?: boolean } = {}): Repository {
    const id = this.id();
    const repo: Repository = {
      id,
      nodeId: `R_${id}`,
      owner: this.org,
      name,
      defaultBranch: options.defaultBranch ?? 'main',
      archived: options.archived ?? false,
      disabled: false,
      pushedAt: null,
      createdAt: this.timestamp(),
      branches: new Map(),
      issues: new Map(),
      nextNumber: 1,
    };
    this.repos.set(name.toLowerCase(), repo);
    if (files) this.commit(repo, repo.defaultBranch, files, 'Initial commit');
    return repo;
  }

  storeBlob(content: string | Buffer): string {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const sha = sha1(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]));
    this.blobBytes.set(sha, bytes);
    this.blobs.set(sha, typeof content === 'string' ? content : bytes.toString('utf8'));
    return sha;
  }

  /** The bytes of a blob, also for blobs a test put into `blobs` directly. */
  blobContent(sha: string): Buffer | undefined {
    const bytes = this.blobBytes.get(sha);
    if (bytes) return bytes;
    const text = this.blobs.get(sha);
    return text === undefined ? undefined : Buffer.from(text, 'utf8');
  }

  identity(user: User, date: string): GitActor {
    return { name: user.login, email: `${user.id}+${user.login}@users.noreply.github.com`, date };
  }

  /** `GitHub <noreply@github.com>`, the committer of everything GitHub makes itself. */
  gitHubCommitter(date: string = this.timestamp()): GitActor {
    return { name: 'GitHub', email: 'noreply@github.com', date };
  }

  storeCommit(tree: Map<string, string>, parents: string[], message: string, author: GitActor, committer: GitActor, signed = false): Commit {
    const listing = [...tree].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, blob]) => `${blob} ${path}`).join('\n');
    const treeSha = sha1(`tree ${listing}`);
    this.trees.set(treeSha, tree);
    const sha = sha1(`commit ${treeSha}\n${parents.join(' ')}\n${message}\n${author.date}\n${this.nextId++}`);
    const commit: Commit = { sha, tree, treeSha, parents, message, author, committer, ...(signed ? { signed } : {}) };
    this.commits.set(sha, commit);
    return commit;
  }

  /** A commit object on top of `parent` (not on any branch yet). */
  makeCommit(parent: string | null, changes: FileChanges, message: string, options: CommitOptions = {}): Commit {
    const fromSha = options.from ?? parent;
    const tree = new Map(fromSha ? (this.commits.get(fromSha)?.tree ?? []) : []);
    for (const [path, content] of Object.entries(changes)) {
      if (content === null) tree.delete(path);
      else tree.set(path, this.storeBlob(content));
    }
    const now = this.timestamp();
    const pusher = options.pusher ?? this.user('dev-dana');
    const author = { ...this.identity(pusher, options.authorDate ?? now), ...options.author };
    if (options.authorDate) author.date = options.authorDate;
    const committer = { ...this.identity(pusher, options.committerDate ?? now), ...options.committer };
    if (options.committerDate) committer.date = options.committerDate;
    return this.storeCommit(tree, parent ? [parent] : [], message, author, committer, options.signed ?? false);
  }

  /** A commit on `branch` (created from the default branch when missing), moving the branch to it. */
  commit(repo: Repository, branch: string, changes: FileChanges, message: string, options: CommitOptions = {}): Commit {
    const parentSha = options.parent !== undefined ? options.parent : (repo.branches.get(branch) ?? repo.branches.get(repo.defaultBranch) ?? null);
    const commit = this.makeCommit(parentSha, changes, message, options);
    this.setRef(repo, branch, commit.sha, options.pusher ? { pusher: options.pusher } : {});
    return commit;
  }

  /**
   * Rewrites `branch`: a commit whose parent is the base (the base branch of the open pull request
   * from it, else the default branch) and whose files are the old head's with `changes` applied.
   * The old head is no ancestor of it, so the move is a force push.
   */
  forcePush(repo: Repository, branch: string, changes: FileChanges, message: string, options: CommitOptions = {}): Commit {
    const old = repo.branches.get(branch);
    const pull = this.pulls(repo).find((pr) => pr.state === 'open' && pr.pull.head === branch);
    const base = repo.branches.get(pull?.pull.base ?? repo.defaultBranch) ?? null;
    const commit = this.makeCommit(base, changes, message, { ...options, ...(old && options.from === undefined ? { from: old } : {}) });
    this.setRef(repo, branch, commit.sha, { ...(options.pusher ? { pusher: options.pusher } : {}) });
    return commit;
  }

  /**
   * Moves `branch` to `sha`, as a push: records it, moves `pushed_at` on the default branch,
   * creates a check suite for every installed app allowed to write checks, and writes the timeline
   * (commits, or a force push) of every open pull request from the branch.
   */
  setRef(repo: Repository, branch: string, sha: string, options: { pusher?: User } = {}): void {
    const before = repo.branches.get(branch) ?? null;
    repo.branches.set(branch, sha);
    const at = this.timestamp();
    if (branch === repo.defaultBranch) repo.pushedAt = at;
    const pusher = options.pusher ?? this.user('dev-dana');
    const forced = before !== null && before !== sha && !this.isAncestor(before, sha);
    this.pushes.push({ repo: repo.name, branch, before, after: sha, at, pusher, forced });
    if (before === sha) return;
    for (const app of this.apps()) {
      if (this.isInstalled(app, repo) && grants(app.permissions, [['checks', 'write']])) this.checkSuite(repo, app.id, sha, { branch, before, at });
    }
    for (const pr of this.pulls(repo)) {
      if (pr.state !== 'open' || pr.pull.head !== branch) continue;
      const old = pr.pull.headSha ?? before;
      if (old === sha) continue;
      const events = (pr.events ??= []);
      if (before === null && events.at(-1)?.kind === 'head_ref_deleted') events.push({ kind: 'head_ref_restored', id: this.id(), actor: pusher, at });
      if (old && !this.isAncestor(old, sha)) events.push({ kind: 'head_ref_force_pushed', id: this.id(), before: old, after: sha, actor: pusher, at });
      // Commits new to the pull request: not on the base, not listed before.
      const listed = new Set(events.flatMap((e) => (e.kind === 'committed' ? [e.sha] : [])));
      for (const commit of this.commitsBetween(repo.branches.get(pr.pull.base) ?? null, sha)) if (!listed.has(commit)) events.push({ kind: 'committed', sha: commit, at });
      pr.pull.headSha = sha;
      pr.updatedAt = at;
    }
  }

  /** Deletes a branch; open pull requests from it record `head_ref_deleted` and keep their head sha. */
  deleteBranch(repo: Repository, branch: string, pusher: User = this.user('dev-dana')): string {
    const before = repo.branches.get(branch);
    if (before === undefined) throw new Error(`no branch ${branch} in ${repo.name}`);
    if (branch === repo.defaultBranch) throw new Error(`refusing to delete the default branch ${branch}`);
    repo.branches.delete(branch);
    const at = this.timestamp();
    this.pushes.push({ repo: repo.name, branch, before, after: null, at, pusher, forced: false });
    for (const pr of this.pulls(repo)) {
      if (pr.pull.head !== branch || pr.state !== 'open') continue;
      pr.pull.headSha = before;
      (pr.events ??= []).push({ kind: 'head_ref_deleted', id: this.id(), actor: pusher, at });
      pr.updatedAt = at;
    }
    return before;
  }

  /** The app's check suite for a commit: found, or created now as GitHub does on a push or a first check run. */
  checkSuite(repo: Repository, appId: number, headSha: string, options: { branch?: string | null; before?: string | null; at?: string } = {}): CheckSuite {
    const key = `${repo.name.toLowerCase()}:${appId}:${headSha}`;
    const existing = this.suiteIndex.get(key);
    if (existing && this.checkSuites.has(existing.id)) return existing;
    const at = options.at ?? this.timestamp();
    const branch = options.branch ?? [...repo.branches].find(([, sha]) => sha === headSha)?.[0] ?? null;
    const suite: CheckSuite = { id: this.id(), repo: repo.name, appId, headSha, headBranch: branch, before: options.before ?? null, createdAt: at, updatedAt: at };
    this.checkSuites.set(suite.id, suite);
    this.suiteIndex.set(key, suite);
    return suite;
  }

  checkSuitesOf(repoName: string, headSha?: string): CheckSuite[] {
    return [...this.checkSuites.values()].filter((s) => s.repo.toLowerCase() === repoName.toLowerCase() && (headSha === undefined || s.headSha === headSha));
  }

  /** Whether `ancestor` is `sha` or one of its ancestors. */
  isAncestor(ancestor: string, sha: string): boolean {
    return this.ancestors(sha).has(ancestor);
  }

  /** `sha` and every commit it descends from. */
  ancestors(sha: string | null): Set<string> {
    const seen = new Set<string>();
    const stack = sha ? [sha] : [];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(this.commits.get(next)?.parents ?? []));
    }
    return seen;
  }

  /** Commits reachable from `to` but not from `from`, oldest first (`git log --reverse from..to`). */
  commitsBetween(from: string | null, to: string): string[] {
    const excluded = this.ancestors(from);
    const wanted = new Set([...this.ancestors(to)].filter((sha) => !excluded.has(sha)));
    // Commits are stored in creation order, which puts parents first.
    return [...this.commits.keys()].filter((sha) => wanted.has(sha));
  }

  /** The newest common ancestor of two commits (`git merge-base`), or null. */
  mergeBase(a: string, b: string): string | null {
    const ofA = this.ancestors(a);
    const queue = [b];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (ofA.has(next)) return next;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(this.commits.get(next)?.parents ?? []));
    }
    return null;
  }

  /** A branch name, a commit sha or a tree sha, to the file map it names. */
  resolveTree(repo: Repository, ref: string): { sha: string; tree: Tree } | null {
    const commit = this.commits.get(this.resolveCommit(repo, ref) ?? ref);
    if (commit) return { sha: commit.treeSha, tree: commit.tree };
    const tree = this.trees.get(ref);
    return tree ? { sha: ref, tree } : null;
  }

  /** A branch name (`main`, `refs/heads/main`, `heads/main`) or a commit sha, to the commit sha. */
  resolveCommit(repo: Repository, ref: string): string | null {
    const branch = repo.branches.get(ref.replace(/^(refs\/)?heads\//, ''));
    if (branch) return branch;
    if (this.commits.has(ref)) return ref;
    return null;
  }

  /** The text of `path` at `ref` (default branch when omitted), or null. */
  fileAt(repo: Repository, path: string, ref?: string): string | null {
    const resolved = this.resolveTree(repo, ref ?? repo.defaultBranch);
    const blob = resolved?.tree.get(path);
    return blob === undefined ? null : (this.blobs.get(blob) ?? null);
  }

  /** The bytes of `path` at `ref` (default branch when omitted), or null. */
  bytesAt(repo: Repository, path: string, ref?: string): Buffer | null {
    const resolved = this.resolveTree(repo, ref ?? repo.defaultBranch);
    const blob = resolved?.tree.get(path);
    return blob === undefined ? null : (this.blobContent(blob) ?? null);
  }

  /** Size in KB as GitHub reports it; 0 for an empty repository. */
  size(repo: Repository): number {
    const head = repo.branches.get(repo.defaultBranch);
    if (!head) return 0;
    let bytes = 0;
    for (const blob of this.commits.get(head)!.tree.values()) bytes += this.blobContent(blob)?.length ?? 0;
    return Math.max(1, Math.ceil(bytes / 1024));
  }

  private newIssue(repo: Repository, fields: { title: string; body?: string; labels?: string[]; user: User }): Issue {
    const id = this.id();
    const now = this.timestamp();
    const issue: Issue = {
      number: repo.nextNumber++,
      id,
      nodeId: `I_${id}`,
      title: fields.title,
      body: fields.body ?? '',
      state: 'open',
      labels: [...(fields.labels ?? [])],
      user: fields.user,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      events: [],
    };
    repo.issues.set(issue.number, issue);
    return issue;
  }

  createIssue(repo: Repository, fields: { title: string; body?: string; labels?: string[]; user?: User }): Issue {
    return this.newIssue(repo, { ...fields, user: fields.user ?? this.bot });
  }

  createPull(repo: Repository, fields: { head: string; base?: string; title: string; body?: string; user?: User }): PullRequest {
    const base = fields.base ?? repo.defaultBranch;
    const baseSha = repo.branches.get(base);
    if (!baseSha) throw new Error(`no base branch ${base} in ${repo.name}`);
    const issue = this.newIssue(repo, { title: fields.title, body: fields.body ?? '', user: fields.user ?? this.bot });
    issue.nodeId = `PR_${issue.id}`;
    const headSha = repo.branches.get(fields.head) ?? baseSha;
    issue.pull = { head: fields.head, base, baseSha, merged: false, requestedTeams: [], requestedReviewers: [], headSha, mergedAt: null, mergeCommitSha: null };
    for (const sha of this.commitsBetween(baseSha, headSha)) issue.events!.push({ kind: 'committed', sha, at: issue.createdAt });
    return issue as PullRequest;
  }

  /** A branch with `changes` committed on top of the default branch, and a pull request from it. */
  openPullRequest(
    repoName: string,
    options: { branch: string; changes: FileChanges; title?: string; body?: string; author?: string; base?: string } & Pick<CommitOptions, 'authorDate' | 'committerDate'>,
  ): PullRequest {
    const repo = this.repo(repoName);
    const author = this.user(options.author ?? 'dev-dana');
    const dates = { ...(options.authorDate ? { authorDate: options.authorDate } : {}), ...(options.committerDate ? { committerDate: options.committerDate } : {}) };
    const parent = repo.branches.get(options.branch) ?? repo.branches.get(options.base ?? repo.defaultBranch) ?? null;
    this.commit(repo, options.branch, options.changes, options.title ?? `Change ${Object.keys(options.changes).join(', ')}`, { pusher: author, parent, ...dates });
    return this.createPull(repo, {
      head: options.branch,
      ...(options.base ? { base: options.base } : {}),
      title: options.title ?? `Update ${options.branch}`,
      body: options.body ?? '',
      user: author,
    });
  }

  /**
   * Closes a pull request; `merge` first lands it on the base as GitHub does: a merge commit
   * (`true` or `merge`), one squashed commit, or its commits replayed (`rebase`). Each carries the
   * base's own changes since the merge base, is committed by GitHub and signed.
   */
  closePull(repo: Repository, pr: PullRequest, options: { merge?: boolean | MergeMethod; actor?: User } = {}): void {
    const actor = options.actor ?? this.user('dev-dana');
    const head = this.headSha(repo, pr);
    if (options.merge) {
      const method: MergeMethod = options.merge === true ? 'merge' : options.merge;
      const landed = this.land(repo, pr, head, method, actor);
      this.setRef(repo, pr.pull.base, landed, { pusher: actor });
      pr.pull.merged = true;
      pr.pull.mergeCommitSha = landed;
      pr.pull.autoMerge = null;
    }
    const at = this.timestamp();
    pr.pull.headSha = head;
    pr.state = 'closed';
    pr.closedAt = at;
    pr.updatedAt = at;
    if (options.merge) pr.pull.mergedAt = at;
    (pr.events ??= []).push({ kind: options.merge ? 'merged' : 'closed', id: this.id(), actor, at, ...(options.merge ? { commitId: pr.pull.mergeCommitSha! } : {}) });
  }

  /** The commit the base moves to when `pr` is merged with `method`. */
  private land(repo: Repository, pr: PullRequest, head: string, method: MergeMethod, actor: User): string {
    const base = repo.branches.get(pr.pull.base)!;
    const author = this.identity(actor, this.timestamp());
    const onBase = (from: string | null, to: string, onto: string) => this.applyDiff(this.commits.get(onto)!.tree, from ? this.commits.get(from)!.tree : new Map(), this.commits.get(to)!.tree);
    const mergeBase = this.mergeBase(base, head);
    switch (method) {
      case 'merge':
        return this.storeCommit(onBase(mergeBase, head, base), [base, head], `Merge pull request #${pr.number} from ${repo.owner}/${pr.pull.head}`, author, this.gitHubCommitter(), true).sha;
      case 'squash':
        return this.storeCommit(onBase(mergeBase, head, base), [base], `${pr.title} (#${pr.number})`, author, this.gitHubCommitter(), true).sha;
      case 'rebase': {
        let tip = base;
        for (const sha of this.commitsBetween(base, head)) {
          const commit = this.commits.get(sha)!;
          tip = this.storeCommit(onBase(commit.parents[0] ?? null, sha, tip), [tip], commit.message, commit.author ?? author, this.gitHubCommitter(), true).sha;
        }
        return tip;
      }
    }
  }

  /** `onto` with the changes from `from` to `to` applied (a three-way merge without conflicts). */
  applyDiff(onto: Tree, from: Tree, to: Tree): Map<string, string> {
    const tree = new Map(onto);
    for (const path of new Set([...from.keys(), ...to.keys()])) {
      if (from.get(path) === to.get(path)) continue;
      const blob = to.get(path);
      if (blob === undefined) tree.delete(path);
      else tree.set(path, blob);
    }
    return tree;
  }

  reopenPull(repo: Repository, pr: PullRequest, actor: User = this.user('dev-dana')): void {
    if (pr.pull.merged) throw new Error(`${repo.name}#${pr.number} is merged and cannot be reopened`);
    const at = this.timestamp();
    pr.state = 'open';
    pr.closedAt = null;
    pr.updatedAt = at;
    (pr.events ??= []).push({ kind: 'reopened', id: this.id(), actor, at });
    const tip = repo.branches.get(pr.pull.head);
    if (tip && tip !== pr.pull.headSha) this.setRef(repo, pr.pull.head, tip, { pusher: actor });
  }

  pull(repo: Repository, number: number): PullRequest | undefined {
    const issue = repo.issues.get(number);
    return issue?.pull ? (issue as PullRequest) : undefined;
  }

  pulls(repo: Repository): PullRequest[] {
    return [...repo.issues.values()].filter((issue): issue is PullRequest => issue.pull !== undefined);
  }

  /** The head commit: the branch tip while open (and the branch exists), else the last one GitHub saw. */
  headSha(repo: Repository, pull: PullRequest): string {
    const tip = pull.state === 'open' ? repo.branches.get(pull.pull.head) : undefined;
    return tip ?? pull.pull.headSha ?? repo.branches.get(pull.pull.head) ?? pull.pull.baseSha;
  }

  /** Open pull requests of `repo` whose head is `sha` (what a check run lists as `pull_requests`). */
  pullsWithHead(repo: Repository, sha: string): PullRequest[] {
    return this.pulls(repo).filter((pr) => pr.state === 'open' && this.headSha(repo, pr) === sha);
  }

  addComment(repo: Repository, issueNumber: number, body: string, user: User = this.bot): Comment {
    const now = this.timestamp();
    const comment: Comment = { id: this.id(), repo: repo.name, issueNumber, body, user, createdAt: now, updatedAt: now, reactions: [], edits: [], minimizedReason: null };
    this.comments.set(comment.id, comment);
    const issue = repo.issues.get(issueNumber);
    if (issue) issue.updatedAt = now;
    return comment;
  }

  /** `editor` changes the comment's body: GitHub keeps the edit (who, when, before and after). */
  editComment(commentId: number, editor: User, body: string): Comment {
    const comment = this.comments.get(commentId);
    if (!comment) throw new Error(`the simulator has no comment ${commentId}`);
    const now = this.timestamp();
    (comment.edits ??= []).push({ editor, editedAt: now, before: comment.body, after: body });
    comment.body = body;
    comment.updatedAt = now;
    const issue = this.repo(comment.repo).issues.get(comment.issueNumber);
    if (issue) issue.updatedAt = now;
    return comment;
  }

  deleteComment(commentId: number): Comment {
    const comment = this.comments.get(commentId);
    if (!comment) throw new Error(`the simulator has no comment ${commentId}`);
    this.comments.delete(commentId);
    const issue = this.repo(comment.repo).issues.get(comment.issueNumber);
    if (issue) issue.updatedAt = this.timestamp();
    return comment;
  }

  /** Hides a comment as GitHub's "Hide" does (`reason`: spam, abuse, off-topic, outdated, duplicate, resolved). */
  minimizeComment(commentId: number, reason = 'outdated'): void {
    const comment = this.comments.get(commentId);
    if (!comment) throw new Error(`the simulator has no comment ${commentId}`);
    comment.minimizedReason = reason;
  }

  /** A reaction by `user`; the same user and content again returns the existing one (`created: false`). */
  react(commentId: number, user: User, content: string): { reaction: Reaction; created: boolean } {
    const comment = this.comments.get(commentId);
    if (!comment) throw new Error(`the simulator has no comment ${commentId}`);
    const existing = comment.reactions.find((r) => r.user.id === user.id && r.content === content);
    if (existing) return { reaction: existing, created: false };
    const reaction: Reaction = { id: this.id(), content, user, createdAt: this.timestamp() };
    comment.reactions.push(reaction);
    return { reaction, created: true };
  }

  commentsOn(repoName: string, issueNumber: number): Comment[] {
    return [...this.comments.values()].filter((c) => c.repo.toLowerCase() === repoName.toLowerCase() && c.issueNumber === issueNumber);
  }

  /**
   * The timeline of an issue or pull request, oldest first: its events and its comments. Events sit
   * at the server's time; a commit sits at its author date, as GitHub orders a pull request's
   * commits, so a forged date moves it anywhere (its push time is not in the timeline).
   */
  timelineOf(repoName: string, number: number): Array<TimelineEvent | { kind: 'commented'; comment: Comment; at: string }> {
    const issue = this.repo(repoName).issues.get(number);
    if (!issue) throw new Error(`the simulator has no issue ${repoName}#${number}`);
    const items = [...(issue.events ?? []), ...this.commentsOn(repoName, number).map((comment) => ({ kind: 'commented' as const, comment, at: comment.createdAt }))];
    const when = (item: (typeof items)[number]) => {
      const date = item.kind === 'committed' ? this.commits.get(item.sha)?.author?.date : undefined;
      return date && !Number.isNaN(Date.parse(date)) ? Date.parse(date) : Date.parse(item.at);
    };
    // Stable: commits of one moment keep their order.
    return items.map((item, index) => ({ item, index, at: when(item) })).sort((a, b) => a.at - b.at || a.index - b.index).map(({ item }) => item);
  }

  /** Branch moves of a repository (of one branch when given), oldest first. */
  pushesOf(repoName: string, branch?: string): Push[] {
    return this.pushes.filter((p) => p.repo.toLowerCase() === repoName.toLowerCase() && (branch === undefined || p.branch === branch));
  }

  /**
   * As GitHub answers it: `MEMBER` for the organization's members, `COLLABORATOR` for others who
   * pushed to the repository (they have write access), `CONTRIBUTOR` for authors of merged pull
   * requests, `NONE` for bots and everyone else.
   */
  authorAssociation(user: User, repo?: Repository): 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'NONE' {
    if (user.type === 'Bot') return 'NONE';
    if (this.orgMembers.has(user.login)) return 'MEMBER';
    if (repo && this.pushes.some((p) => p.repo === repo.name && p.pusher.id === user.id)) return 'COLLABORATOR';
    if (repo && this.pulls(repo).some((pr) => pr.pull.merged && pr.user.id === user.id)) return 'CONTRIBUTOR';
    return 'NONE';
  }

  checkRunsOf(repoName: string, name?: string): CheckRun[] {
    return [...this.checkRuns.values()].filter((run) => run.repo.toLowerCase() === repoName.toLowerCase() && (name === undefined || run.name === name));
  }
}
