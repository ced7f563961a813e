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
 * What the base branch requires before a merge, from classic branch protection
 * (`GET /repos/{o}/{r}/branches/{b}`, which `contents: read` may see) and from the active rules of
 * repository and organization rulesets (`GET …/rules/branches/{b}`, `metadata: read`).
 * `checks` is the union of both; `appId` null: any source may report it.
 */
export interface RequiredChecks {
  /** Classic protection, or at least one active ruleset rule applies to the branch. */
  protected: boolean;
  checks: Array<{ context: string; appId: number | null }>;
  /** The other ruleset rules a merge by the app would meet; absent: none. */
  rules?: RulesetLimits;
  /** False when rules/branches answered 404 or 403 (an older GitHub Enterprise Server, no access): protection only. */
  rulesetsRead?: boolean;
}

/** What active ruleset rules ask of a merge, beyond status checks. */
export interface RulesetLimits {
  /** The most approving reviews a `pull_request` rule asks for (code owners' review counts as one); 0: none. */
  approvingReviews: number;
  /** A `merge_queue` rule: merges go through GitHub's merge queue, never directly. */
  mergeQueue: boolean;
  /** An `update` rule: only those allowed to bypass it may move the branch, a merge included. */
  updateRestricted: boolean;
  /** The merge methods every rule allows (`pull_request`'s `allowed_merge_methods`, linear history); null: any. */
  methods: MergeMethod[] | null;
  /** A `required_status_checks` rule wants the branch up to date with its base. */
  strict: boolean;
  /** The rulesets these rules come from (`ruleset_source` / ruleset id), for messages. */
  sources: string[];
}

export const NO_RULES: RulesetLimits = { approvingReviews: 0, mergeQueue: false, updateRestricted: false, methods: null, strict: false, sources: [] };

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
  /** GitHub refused to merge this pull request before, when it looked as `seen` (src/automerge/refusal.ts): not asked again until something changes. */
  refused?: { seen: string; message: string } | null;
}
