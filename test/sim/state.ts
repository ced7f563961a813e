import { createHash } from 'node:crypto';
import type { Clock } from '../../src/clock.js';

/** A file map of one commit: path → blob sha. */
export type Tree = ReadonlyMap<string, string>;

export interface Commit {
  sha: string;
  tree: Tree;
  treeSha: string;
  parents: string[];
  message: string;
}

export interface User {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface Reaction {
  id: number;
  content: string;
  user: User;
}

export interface Comment {
  id: number;
  repo: string;
  issueNumber: number;
  body: string;
  user: User;
  createdAt: string;
  updatedAt: string;
  reactions: Reaction[];
}

export interface Issue {
  number: number;
  id: number;
  nodeId: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  user: User;
  createdAt: string;
  /** Present on pull requests, which share the issue numbers of their repository. */
  pull?: PullData;
}

export interface PullData {
  head: string;
  base: string;
  /** The base tip when opened: the diff of `pulls/{n}/files` is taken from it. */
  baseSha: string;
  merged: boolean;
  requestedTeams: string[];
  requestedReviewers: string[];
}

export type PullRequest = Issue & { pull: PullData };

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: string;
  message: string;
  title?: string;
  start_column?: number;
  end_column?: number;
}

export interface CheckRun {
  id: number;
  repo: string;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string; text?: string };
  /** Every annotation sent, over all updates (GitHub appends them). */
  annotations: Annotation[];
  /** The app that created it; the simulator's own app when absent (test/sim/rest-commits.ts). */
  app?: { id: number; slug: string };
}

export interface Repository {
  id: number;
  nodeId: string;
  owner: string;
  name: string;
  defaultBranch: string;
  archived: boolean;
  disabled: boolean;
  pushedAt: string | null;
  /** Branch name → commit sha. */
  branches: Map<string, string>;
  issues: Map<number, Issue>;
  nextNumber: number;
}

/** A change to a file: its new text, or null to delete it. */
export type FileChanges = Record<string, string | null>;

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * An in-memory organization on GitHub: repositories with content-addressed git objects, issues and
 * pull requests, comments, check runs, teams. Plain data for tests to arrange and assert on.
 */
export class GitHubState {
  readonly blobs = new Map<string, string>();
  readonly commits = new Map<string, Commit>();
  readonly trees = new Map<string, Tree>();
  readonly repos = new Map<string, Repository>();
  readonly comments = new Map<number, Comment>();
  readonly checkRuns = new Map<number, CheckRun>();
  /** Team slug → member logins. */
  readonly teams = new Map<string, Set<string>>();
  readonly users = new Map<string, User>();
  readonly installationId: number;
  readonly bot: User;
  private nextId = 1000;

  constructor(
    readonly org: string,
    private readonly clock: Clock,
    options: { installationId?: number; appSlug?: string } = {},
  ) {
    this.installationId = options.installationId ?? 42;
    this.bot = { login: `${options.appSlug ?? 'plimsoll'}[bot]`, id: this.id(), type: 'Bot' };
  }

  id(): number {
    return this.nextId++;
  }

  timestamp(): string {
    return new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  user(login: string): User {
    let user = this.users.get(login);
    if (!user) this.users.set(login, (user = { login, id: this.id(), type: login.endsWith('[bot]') ? 'Bot' : 'User' }));
    return user;
  }

  addTeam(slug: string, members: readonly string[]): void {
    this.teams.set(slug, new Set(members));
    for (const member of members) this.user(member);
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
  addRepo(name: string, files?: Record<string, string>, options: { defaultBranch?: string; archived?: boolean } = {}): Repository {
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
      branches: new Map(),
      issues: new Map(),
      nextNumber: 1,
    };
    this.repos.set(name.toLowerCase(), repo);
    if (files) this.commit(repo, repo.defaultBranch, files, 'Initial commit');
    return repo;
  }

  storeBlob(text: string): string {
    const sha = sha1(`blob ${Buffer.byteLength(text)}\0${text}`);
    this.blobs.set(sha, text);
    return sha;
  }

  private storeCommit(tree: Map<string, string>, parents: string[], message: string): Commit {
    const listing = [...tree].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, blob]) => `${blob} ${path}`).join('\n');
    const treeSha = sha1(`tree ${listing}`);
    this.trees.set(treeSha, tree);
    const sha = sha1(`commit ${treeSha}\n${parents.join(' ')}\n${message}\n${this.nextId++}`);
    const commit: Commit = { sha, tree, treeSha, parents, message };
    this.commits.set(sha, commit);
    return commit;
  }

  /** A commit on `branch` (created from the default branch when missing), moving the branch to it. */
  commit(repo: Repository, branch: string, changes: FileChanges, message: string): Commit {
    const parentSha = repo.branches.get(branch) ?? repo.branches.get(repo.defaultBranch);
    const tree = new Map(parentSha ? this.commits.get(parentSha)!.tree : []);
    for (const [path, text] of Object.entries(changes)) {
      if (text === null) tree.delete(path);
      else tree.set(path, this.storeBlob(text));
    }
    const commit = this.storeCommit(tree, parentSha ? [parentSha] : [], message);
    this.setRef(repo, branch, commit.sha);
    return commit;
  }

  setRef(repo: Repository, branch: string, sha: string): void {
    repo.branches.set(branch, sha);
    if (branch === repo.defaultBranch) repo.pushedAt = this.timestamp();
  }

  /** Whether `ancestor` is `sha` or one of its ancestors. */
  isAncestor(ancestor: string, sha: string): boolean {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (next === ancestor) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(this.commits.get(next)?.parents ?? []));
    }
    return false;
  }

  /** A branch name, a commit sha or a tree sha, to the file map it names. */
  resolveTree(repo: Repository, ref: string): { sha: string; tree: Tree } | null {
    const branch = repo.branches.get(ref.replace(/^refs\/heads\//, ''));
    const commit = this.commits.get(branch ?? ref);
    if (commit) return { sha: commit.treeSha, tree: commit.tree };
    const tree = this.trees.get(ref);
    return tree ? { sha: ref, tree } : null;
  }

  /** The text of `path` at `ref` (default branch when omitted), or null. */
  fileAt(repo: Repository, path: string, ref?: string): string | null {
    const resolved = this.resolveTree(repo, ref ?? repo.defaultBranch);
    const blob = resolved?.tree.get(path);
    return blob === undefined ? null : (this.blobs.get(blob) ?? null);
  }

  /** Size in KB as GitHub reports it; 0 for an empty repository. */
  size(repo: Repository): number {
    const head = repo.branches.get(repo.defaultBranch);
    if (!head) return 0;
    let bytes = 0;
    for (const blob of this.commits.get(head)!.tree.values()) bytes += Buffer.byteLength(this.blobs.get(blob) ?? '');
    return Math.max(1, Math.ceil(bytes / 1024));
  }

  private newIssue(repo: Repository, fields: { title: string; body?: string; labels?: string[]; user: User }): Issue {
    const id = this.id();
    const issue: Issue = {
      number: repo.nextNumber++,
      id,
      nodeId: `I_${id}`,
      title: fields.title,
      body: fields.body ?? '',
      state: 'open',
      labels: [...(fields.labels ?? [])],
      user: fields.user,
      createdAt: this.timestamp(),
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
    issue.pull = { head: fields.head, base, baseSha, merged: false, requestedTeams: [], requestedReviewers: [] };
    return issue as PullRequest;
  }

  /** A branch with `changes` committed on top of the default branch, and a pull request from it. */
  openPullRequest(repoName: string, options: { branch: string; changes: FileChanges; title?: string; body?: string; author?: string }): PullRequest {
    const repo = this.repo(repoName);
    this.commit(repo, options.branch, options.changes, options.title ?? `Change ${Object.keys(options.changes).join(', ')}`);
    return this.createPull(repo, {
      head: options.branch,
      title: options.title ?? `Update ${options.branch}`,
      body: options.body ?? '',
      user: this.user(options.author ?? 'dev-dana'),
    });
  }

  pull(repo: Repository, number: number): PullRequest | undefined {
    const issue = repo.issues.get(number);
    return issue?.pull ? (issue as PullRequest) : undefined;
  }

  pulls(repo: Repository): PullRequest[] {
    return [...repo.issues.values()].filter((issue): issue is PullRequest => issue.pull !== undefined);
  }

  headSha(repo: Repository, pull: PullRequest): string {
    return repo.branches.get(pull.pull.head) ?? pull.pull.baseSha;
  }

  addComment(repo: Repository, issueNumber: number, body: string, user: User = this.bot): Comment {
    const now = this.timestamp();
    const comment: Comment = { id: this.id(), repo: repo.name, issueNumber, body, user, createdAt: now, updatedAt: now, reactions: [] };
    this.comments.set(comment.id, comment);
    return comment;
  }

  commentsOn(repoName: string, issueNumber: number): Comment[] {
    return [...this.comments.values()].filter((c) => c.repo.toLowerCase() === repoName.toLowerCase() && c.issueNumber === issueNumber);
  }

  checkRunsOf(repoName: string, name?: string): CheckRun[] {
    return [...this.checkRuns.values()].filter((run) => run.repo.toLowerCase() === repoName.toLowerCase() && (name === undefined || run.name === name));
  }
}
