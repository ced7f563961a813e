import type { Permissions } from './permissions.js';

/** The data the simulator's GitHub is made of (the behaviour is `GitHubState`'s). */

/** A file map of one commit: path → blob sha. */
export type Tree = ReadonlyMap<string, string>;

/** Who wrote or committed a commit, and when they say they did (git takes their word for it). */
export interface GitActor {
  name: string;
  email: string;
  date: string;
}

export interface Commit {
  sha: string;
  tree: Tree;
  treeSha: string;
  parents: string[];
  message: string;
  /** Absent only on commits built by hand outside `GitHubState`. */
  author?: GitActor;
  committer?: GitActor;
  /** GitHub signed it (`createCommitOnBranch`, a merge or an edit made on GitHub): shown verified. */
  signed?: boolean;
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
  createdAt?: string;
}

/** One edit of a comment: GitHub keeps who edited, when, and every version. */
export interface CommentEdit {
  editor: User;
  editedAt: string;
  before: string;
  after: string;
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
  edits?: CommentEdit[];
  /** Set when someone hid the comment (`minimizeComment`): `spam`, `outdated`, … */
  minimizedReason?: string | null;
}

/** What a pull request's timeline records besides its comments (those come from `comments`). */
export type TimelineEvent =
  | { kind: 'committed'; sha: string; at: string }
  | { kind: 'head_ref_force_pushed'; id: number; before: string; after: string; actor: User; at: string }
  | { kind: 'head_ref_deleted' | 'head_ref_restored' | 'closed' | 'reopened' | 'merged'; id: number; actor: User; at: string; commitId?: string }
  | { kind: 'review_requested'; id: number; actor: User; at: string; team?: string; reviewer?: string }
  | { kind: 'labeled'; id: number; actor: User; at: string; label: string };

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
  updatedAt?: string;
  closedAt?: string | null;
  /** The timeline but for comments, oldest first. */
  events?: TimelineEvent[];
  /** Present on pull requests, which share the issue numbers of their repository. */
  pull?: PullData;
}

export interface PullData {
  head: string;
  base: string;
  /** The base tip when opened. */
  baseSha: string;
  merged: boolean;
  requestedTeams: string[];
  requestedReviewers: string[];
  /** The head as GitHub last saw it: kept when the branch is deleted or the pull request closed. */
  headSha?: string;
  mergedAt?: string | null;
  mergeCommitSha?: string | null;
  draft?: boolean;
  /** Reviews in the order they were submitted. */
  reviews?: Review[];
  /** GitHub's auto-merge, while enabled. */
  autoMerge?: AutoMerge | null;
}

export type MergeMethod = 'merge' | 'squash' | 'rebase';

export interface Review {
  id: number;
  user: User;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  body: string;
  /** The head it reviewed. */
  commitId: string;
  submittedAt: string;
}

export interface AutoMerge {
  method: MergeMethod;
  enabledBy: User;
  enabledAt: string;
}

/** A commit status (the Statuses API), as one app or person reported it. */
export interface CommitStatus {
  id: number;
  repo: string;
  sha: string;
  context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  description: string | null;
  targetUrl: string | null;
  creator: User;
  /** The app whose installation token set it; null for a person. */
  appId: number | null;
  createdAt: string;
}

/** Branch protection's required status checks: `checks[].app_id` null means any source. */
export interface BranchProtection {
  checks: Array<{ context: string; appId: number | null }>;
  /** Require branches to be up to date with the base before merging. */
  strict: boolean;
}

/**
 * A repository or organization ruleset as it applies to this repository: its rules hold for the
 * branches it targets while `enforcement` is `active` (`evaluate` only reports, `disabled` nothing).
 */
export interface Ruleset {
  id: number;
  name: string;
  /** `Repository` (its own) or `Organization` (the org's, named after the org). */
  sourceType: 'Repository' | 'Organization';
  enforcement: 'active' | 'evaluate' | 'disabled';
  /** Branch names it targets; `~DEFAULT_BRANCH` and `~ALL` as GitHub writes them. */
  branches: string[];
  rules: RulesetRule[];
}

/** One rule, as GitHub's REST API writes it (`type` and `parameters`). */
export interface RulesetRule {
  type: 'required_status_checks' | 'pull_request' | 'merge_queue' | 'update' | 'required_signatures' | 'non_fast_forward' | 'required_linear_history' | 'deletion';
  parameters?: Record<string, unknown>;
}

/** Merge settings of a repository (GitHub's defaults: every method, no auto-merge). */
export interface RepoSettings {
  allowAutoMerge: boolean;
  allowMergeCommit: boolean;
  allowSquashMerge: boolean;
  allowRebaseMerge: boolean;
}

/** A `repository_dispatch` an app sent. */
export interface Dispatch {
  repo: string;
  eventType: string;
  clientPayload: Record<string, unknown>;
  appId: number;
  at: string;
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
  raw_details?: string;
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
  /** The app whose token created it: only that app may update it. */
  appId?: number;
  suiteId?: number;
  startedAt?: string | null;
  completedAt?: string | null;
  externalId?: string | null;
  detailsUrl?: string | null;
}

/** One per app and head commit, created when the commit is pushed (or at the app's first check run on it). */
export interface CheckSuite {
  id: number;
  repo: string;
  appId: number;
  headSha: string;
  headBranch: string | null;
  before: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A GitHub App with its installation on the organization. */
export interface App {
  id: number;
  slug: string;
  name: string;
  nodeId: string;
  installationId: number;
  /** What the installation was granted; tokens never get more. */
  permissions: Permissions;
  events: string[];
  bot: User;
  createdAt: string;
  repositorySelection: 'all' | 'selected';
  /** Lowercase repository names, when the selection is `selected`. */
  selectedRepositories: Set<string>;
  /**
   * The public half of the app's private key (PEM). When set, a JWT naming this app must be signed
   * with that key, as GitHub checks; else any JWT is taken (a leniency for tests).
   */
  publicKey?: string;
}

/** One move of a branch, as the server saw it. `after` null: the branch was deleted. */
export interface Push {
  repo: string;
  branch: string;
  before: string | null;
  after: string | null;
  at: string;
  pusher: User;
  forced: boolean;
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
  createdAt?: string;
  /** Branch name → commit sha. */
  branches: Map<string, string>;
  issues: Map<number, Issue>;
  nextNumber: number;
  /** Protected branches by name. */
  protection?: Map<string, BranchProtection>;
  /** Rulesets that apply to the repository (its own and the organization's). */
  rulesets?: Ruleset[];
  settings?: RepoSettings;
}

/** A change to a file: its new content (text, or bytes for binary and other encodings), or null to delete it. */
export type FileChanges = Record<string, string | Buffer | null>;

/** How a commit is made. Dates may be anything: git records what the committer's machine says. */
export interface CommitOptions {
  author?: Partial<GitActor>;
  committer?: Partial<GitActor>;
  authorDate?: string;
  committerDate?: string;
  /** Who pushes it (the force-push actor, the push payload's sender); default dev-dana. */
  pusher?: User;
  /** The parent instead of the branch tip; null makes a root commit. */
  parent?: string | null;
  /** The commit whose files the changes apply to, instead of the parent's. */
  from?: string;
  /** GitHub signs it (commits made on GitHub). */
  signed?: boolean;
}

export interface StateOptions {
  installationId?: number;
  appSlug?: string;
  appId?: number;
  appName?: string;
  /** The installation's permissions; default app.yml's `default_permissions`. */
  permissions?: Permissions;
  /** Another app.yml to read name, permissions and events from. */
  manifestPath?: string;
}
