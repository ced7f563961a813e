import type { Inventory, RepoInventory } from '../inventory/model.js';
import type { ManifestKind } from '../files/kinds.js';
import type { RepositoryBumpState } from './decide.js';

/**
 * What the fan-out needs from the bump planner (src/bump, pure): for one file, the edits per
 * image and the text with one image's edits applied. Adapted from `planBumps` in ./planner.ts.
 */
export interface PlannedEdit {
  /** Normalised image name the edit belongs to. */
  image: string;
  familiar: string;
  line: number;
  from: string;
  to: string;
  banned: boolean;
  /** The policy's reason (a ban's CVE), if any. */
  reason: string | null;
}

export interface FilePlan {
  edits: PlannedEdit[];
  /** What could not be fixed automatically (an ARG default shared by FROMs that need different edits). */
  unfixable: Unfixable[];
  /** The file's text with the edits of one image applied. */
  applyFor(image: string): string;
}

export type PlanFile = (path: string, text: string) => FilePlan;

/** A job's compose file, manifest, workflow or dev container (SPEC §11), read on the default branch. */
export interface ManifestText {
  path: string;
  kind: ManifestKind;
  text: string;
}

/**
 * What the fan-out needs from src/bump's `planManifestBumps` for a job's files of other kinds:
 * every file is planned together, as a value written once (a `.env` line) may feed images in
 * several of them. Edits are placed in the file where the version is written.
 */
export interface ManifestsPlan {
  /** With the file edited, and the whole references before and after (`node:20.11.1-bookworm`). */
  edits: Array<PlannedEdit & { path: string; fromRef: string; toRef: string }>;
  /** With the normalised image each is about (null: unresolved), so a job keeps its own. */
  unfixable: Array<Unfixable & { image: string | null }>;
  /** Every file the edits of one image change, with its new text. */
  applyFor(image: string): Array<{ path: string; contents: string }>;
}

/** `texts`: every file the job read, by path (the `.env` files its values come from included). */
export type PlanManifests = (files: readonly ManifestText[], texts: ReadonlyMap<string, string>) => ManifestsPlan;

/** A reference the planner left alone, and why: listed in the inventory issue (SPEC §7). */
export interface Unfixable {
  file: string;
  line: number;
  reference: string;
  reason: string;
}

export interface FileEdits {
  path: string;
  edits: PlannedEdit[];
}

export type RenderPullRequest = (familiar: string, files: readonly FileEdits[]) => { title: string; body: string };

export interface RepoName {
  owner: string;
  repo: string;
}

export interface CommitChange {
  headline: string;
  body: string;
  files: { path: string; contents: string }[];
}

/**
 * The GitHub side of one job (src/github/bump-*.ts). Each method is one request, whatever it does
 * inside: GraphQL runs the mutations of one document in order, so moving the branch, committing and
 * opening (or retitling, or closing) the pull request cost one content-creating request.
 */
export interface BumpGitHub {
  /** One read: default branch tip, the bump branch, its pull requests, and the files' text. */
  readState(where: RepoName, branch: string, paths: readonly string[]): Promise<{ state: RepositoryBumpState; files: Record<string, string | null> }>;
  /** Points the branch at `baseOid` (creating or force-moving it), commits `commit` on it when
   *  given, and opens the pull request. */
  openPullRequest(
    where: RepoName,
    change: { branch: string; state: RepositoryBumpState; commit: CommitChange | null; title: string; body: string },
  ): Promise<{ number: number; url: string }>;
  addLabels(where: RepoName, number: number, labels: string[]): Promise<void>;
  /** Moves an open pull request to a new target: branch reset and commit (when given), new title and body. */
  updatePullRequest(
    where: RepoName,
    change: { branch: string; state: RepositoryBumpState; commit: CommitChange | null; pullRequestId: string; title: string; body: string },
  ): Promise<void>;
  closePullRequest(where: RepoName, pullRequestId: string, body: string): Promise<void>;
  /**
   * Whether the installation granted `workflows: write`, without which GitHub refuses a commit
   * touching `.github/workflows/`; absent or unknown: assumed granted.
   */
  mayWriteWorkflows?(): Promise<boolean>;
}

/** What writing the inventory issue did. */
export interface IssueWrite {
  number: number;
  action: 'created' | 'edited' | 'unchanged';
}

/**
 * Everything the fan-out and the upstream watch ask of GitHub for one installation
 * (src/github/installation.ts): discovery, the inventory issue in the policy repository, and the
 * writes of bump pull requests. Every write waits for the installation's write throttle.
 */
export interface InstallationGitHub {
  /** Every repository with its container definitions; one whose `pushed_at` did not move since `previous` is not read again. */
  discover(previous: Inventory | null): Promise<{ repos: Record<string, RepoInventory>; reads: number }>;
  /** The inventory issue, created or edited in place; an identical body is not written. */
  upsertInventoryIssue(body: string): Promise<IssueWrite>;
  bumps: BumpGitHub;
  /** `POST /repos/{o}/{r}/dispatches` (SPEC §7 `bumps.rebuild`), after the write throttle; absent where nothing is dispatched (tests). */
  repositoryDispatch?(where: RepoName, eventType: string, clientPayload: Record<string, unknown>): Promise<void>;
}

/** The GitHub side of an installation, for jobs that run anywhere (after a restart, in another instance). */
export type GitHubFor = (installationId: number, owner: string) => Promise<InstallationGitHub>;
