import type { BumpKind } from '../fanout/bump-kind.js';

/**
 * What GitHub holds about one bump pull request, as the merge decision needs it (SPEC §7,
 * "Replacement without waiting"). Read in one go by the GitHub layer (src/github/merge-read.ts);
 * plain data, so the decision is a pure function of it.
 */

export type MergeMethod = 'squash' | 'merge' | 'rebase';

/** One commit of the pull request, with what says who made it. */
export interface CommitFacts {
  sha: string;
  /** The author's email: GitHub writes `<id>+<login>@users.noreply.github.com` for an app's bot. */
  authorEmail: string | null;
  committerEmail: string | null;
  /** GitHub signed it (`createCommitOnBranch`, a merge by GitHub): the author is who GitHub says. */
  signedByGitHub: boolean;
}

export interface CheckRunFacts {
  name: string;
  /** The app that reported it. */
  appId: number | null;
  /** `queued`, `in_progress`, `completed`, … (lower case). */
  status: string;
  conclusion: string | null;
}

/** A check suite (one app's work on the head, a workflow run for GitHub Actions). */
export interface SuiteFacts {
  appId: number | null;
  completed: boolean;
}

/** The newest commit status of one context. */
export interface StatusFacts {
  context: string;
  state: 'success' | 'pending' | 'failure' | 'error';
}

export interface PullFacts {
  /** GraphQL node id. */
  id: string;
  number: number;
  url: string;
  state: 'open' | 'closed' | 'merged';
  draft: boolean;
  /** Login of the author (a bot's without `[bot]`, as GraphQL gives it). */
  author: string | null;
  /** The head lives in another repository (a fork): never Plimsoll's. */
  crossRepository: boolean;
  body: string;
  headRef: string;
  baseRef: string;
  headSha: string;
  /** GitHub's `mergeStateStatus`, lower case: `behind` when the branch must be brought up to date first. */
  mergeState: string;
  /** GitHub's auto-merge, when someone enabled it. */
  autoMerge: { method: MergeMethod; enabledBy: string | null } | null;
  labels: string[];
  /** The latest approving or change-requesting review of each reviewer. */
  reviews: Array<{ author: string | null; state: 'APPROVED' | 'CHANGES_REQUESTED' }>;
  commits: CommitFacts[];
  /** More commits than were read: not a pull request Plimsoll wrote. */
  commitsTruncated: boolean;
  /** Actors of the branch's force pushes (login, null when GitHub no longer knows the account). */
  forcePushes: Array<string | null>;
  checkRuns: CheckRunFacts[];
  /** Each app's check suites on the head that hold runs: whether each has completed. */
  suites: SuiteFacts[];
  /** Null when the app may not read commit statuses (the installation has not accepted `statuses: read`). */
  statuses: StatusFacts[] | null;
  repository: { autoMergeAllowed: boolean; methods: MergeMethod[] };
}

/**
 * The status checks the base branch's protection requires (`GET /repos/{o}/{r}/branches/{b}`,
 * which `contents: read` may see). `appId` null: any source may report it.
 */
export interface RequiredChecks {
  protected: boolean;
  checks: Array<{ context: string; appId: number | null }>;
}

/** Who the app is, to tell its own commits and checks from everyone else's. */
export interface MergeIdentity {
  appId: number;
  /** `plimsoll[bot]`. */
  botLogin: string;
}

export interface MergeInput {
  pull: PullFacts;
  /** The kind the fan-out recorded in the body; null: not a bump Plimsoll can classify. */
  kind: BumpKind | null;
  /** Covered by the policy's `bumps.automerge`. */
  eligible: boolean;
  /** Null: the branch's protection could not be read. */
  required: RequiredChecks | null;
  identity: MergeIdentity;
}
