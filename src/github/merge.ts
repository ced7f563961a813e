import type { CheckRunFacts, MergeMethod, PullFacts, RequiredChecks, StatusFacts } from '../automerge/facts.js';
import type { MergeAnswer, MergeGitHub } from '../automerge/ports.js';
import { AUTOMERGE_MARKER } from '../automerge/render.js';
import { withRulesets, type BranchRule } from '../automerge/rulesets.js';
import type { RepoName } from '../fanout/ports.js';
import type { WriteThrottle } from '../queue/throttle.js';
import type { Octokit } from './client.js';
import { MarkedComment } from './marked-comment.js';
import { isHttpError, withRetry, type RetryOptions } from './retry.js';

/** Everything the merge decision reads, in one GraphQL request (statuses only when the app may read them). */
const PULL_FIELDS = `
  id number url state isDraft isCrossRepository body headRefName baseRefName headRefOid mergeStateStatus
  author { login }
  autoMergeRequest { mergeMethod enabledBy { login } }
  labels(first: 100) { nodes { name } }
  latestOpinionatedReviews(first: 100) { nodes { state author { login } } }
  commits(last: 100) {
    totalCount
    nodes { commit { oid author { email } committer { email } signature { isValid wasSignedByGitHub } } }
  }
  timelineItems(itemTypes: [HEAD_REF_FORCE_PUSHED_EVENT], first: 100) { nodes { ... on HeadRefForcePushedEvent { actor { login } } } }
  head: commits(last: 1) {
    nodes {
      commit {
        checkSuites(first: 100) { nodes { app { databaseId } status checkRuns(first: 100, filterBy: { checkType: LATEST }) { nodes { name status conclusion } } } }
        status @include(if: $statuses) { contexts { context state } }
      }
    }
  }`;

const REPO_FIELDS = 'autoMergeAllowed mergeCommitAllowed squashMergeAllowed rebaseMergeAllowed';

const BY_NUMBER = `query($owner: String!, $name: String!, $number: Int!, $statuses: Boolean!) {
  repository(owner: $owner, name: $name) { ${REPO_FIELDS} pullRequest(number: $number) { ${PULL_FIELDS} } }
}`;

const BY_BRANCH = `query($owner: String!, $name: String!, $branch: String!, $statuses: Boolean!) {
  repository(owner: $owner, name: $name) { ${REPO_FIELDS} pullRequests(headRefName: $branch, states: [OPEN], first: 1) { nodes { ${PULL_FIELDS} } } }
}`;

interface PullNode {
  id: string;
  number: number;
  url: string;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  isDraft: boolean;
  isCrossRepository: boolean;
  body: string;
  headRefName: string;
  baseRefName: string;
  headRefOid: string;
  mergeStateStatus: string;
  author: { login: string } | null;
  autoMergeRequest: { mergeMethod: string; enabledBy: { login: string } | null } | null;
  labels: { nodes: Array<{ name: string }> };
  latestOpinionatedReviews: { nodes: Array<{ state: string; author: { login: string } | null }> };
  commits: { totalCount: number; nodes: Array<{ commit: { oid: string; author: { email: string | null } | null; committer: { email: string | null } | null; signature: { isValid: boolean; wasSignedByGitHub: boolean } | null } }> };
  timelineItems: { nodes: Array<{ actor?: { login: string } | null }> };
  head: { nodes: Array<{ commit: { checkSuites: { nodes: Array<{ app: { databaseId: number | null } | null; status: string; checkRuns: { nodes: Array<{ name: string; status: string; conclusion: string | null }> } }> }; status?: { contexts: Array<{ context: string; state: string }> } | null } }> };
}

interface RepoNode {
  autoMergeAllowed: boolean;
  mergeCommitAllowed: boolean;
  squashMergeAllowed: boolean;
  rebaseMergeAllowed: boolean;
  pullRequest?: PullNode | null;
  pullRequests?: { nodes: PullNode[] };
}

interface BranchResponse {
  protected?: boolean;
  protection?: { enabled?: boolean; required_status_checks?: { enforcement_level?: string; contexts?: string[]; checks?: Array<{ context: string; app_id: number | null }> } };
}

/**
 * The GitHub side of merging bump pull requests (../automerge/ports.ts). Reads: one GraphQL
 * request for the pull request, its commits, reviews, check runs and statuses; one REST request
 * for the base branch's required checks (`GET …/branches/{b}`, which `contents: read` may see:
 * the protection API itself would need `administration`), one for the active ruleset rules of the
 * branch (`GET …/rules/branches/{b}`, `metadata: read`). Writes wait for the throttle.
 */
export function mergeGitHub(octokit: Octokit, throttle: WriteThrottle, botLogin: string, retry: RetryOptions = {}): MergeGitHub {
  // Until an installation accepts `statuses: read`, asking for statuses fails the whole query: ask without.
  let statusesReadable = true;

  const query = async (where: RepoName, pull: { number: number } | { branch: string }): Promise<RepoNode> => {
    const variables = { owner: where.owner, name: where.repo, statuses: statusesReadable, ...pull };
    try {
      const response = await withRetry(() => octokit.graphql<{ repository: RepoNode }>('number' in pull ? BY_NUMBER : BY_BRANCH, variables), retry);
      return response.repository;
    } catch (error) {
      if (!statusesReadable || !isForbiddenStatus(error)) throw error;
      statusesReadable = false;
      return query(where, pull);
    }
  };

  /** Every active ruleset rule of the branch (100 a page); null when GitHub answers 404 or 403 (no rulesets API, no access). */
  const branchRules = async (where: RepoName, branch: string): Promise<BranchRule[] | null> => {
    const rules: BranchRule[] = [];
    for (let page = 1; page <= MAX_RULE_PAGES; page++) {
      try {
        const { data } = await withRetry(() => octokit.request('GET /repos/{owner}/{repo}/rules/branches/{branch}', { ...where, branch, per_page: 100, page }), retry);
        const batch = data as unknown as BranchRule[];
        rules.push(...batch);
        if (batch.length < 100) break;
      } catch (error) {
        if (isHttpError(error) && (error.status === 403 || error.status === 404)) return null;
        throw error;
      }
    }
    return rules;
  };

  const write = async <T>(call: () => Promise<T>): Promise<T> => {
    await throttle.acquire();
    return call();
  };

  return {
    readPull: async (where, pull) => {
      let repository: RepoNode;
      try {
        repository = await query(where, pull);
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
      const node = repository.pullRequest ?? repository.pullRequests?.nodes[0] ?? null;
      return node ? pullFacts(node, repository, statusesReadable) : null;
    },

    requiredChecks: async (where, branch) => {
      let protection: RequiredChecks;
      try {
        const { data } = await withRetry(() => octokit.request('GET /repos/{owner}/{repo}/branches/{branch}', { ...where, branch }), retry);
        protection = requiredChecksOf(data as BranchResponse);
      } catch (error) {
        if (isHttpError(error) && (error.status === 403 || error.status === 404)) return null;
        throw error;
      }
      return withRulesets(protection, await branchRules(where, branch));
    },

    merge: async (where, number, sha, method) =>
      write(async (): Promise<MergeAnswer> => {
        try {
          const { data } = await octokit.request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', { ...where, pull_number: number, sha, merge_method: method });
          return { outcome: 'merged', sha: data.sha ?? null };
        } catch (error) {
          if (!isHttpError(error) || ![405, 409, 422].includes(error.status)) throw error;
          return { outcome: error.status === 409 ? 'head-moved' : 'refused', message: messageOf(error) };
        }
      }),

    enableAutoMerge: async (pullId, sha, method) =>
      write(async () => {
        try {
          await octokit.graphql(
            `mutation($id: ID!, $mergeMethod: PullRequestMergeMethod!, $head: GitObjectID!) {
  enablePullRequestAutoMerge(input: { pullRequestId: $id, mergeMethod: $mergeMethod, expectedHeadOid: $head }) { pullRequest { id } }
}`,
            // `method` is a name @octokit/graphql keeps for itself.
            { id: pullId, mergeMethod: method.toUpperCase(), head: sha },
          );
          return { enabled: true as const };
        } catch (error) {
          const refusal = graphqlRefusal(error);
          if (refusal === null) throw error;
          return { enabled: false as const, message: refusal };
        }
      }),

    disableAutoMerge: async (pullId) =>
      write(async () => {
        await octokit.graphql(`mutation($id: ID!) { disablePullRequestAutoMerge(input: { pullRequestId: $id }) { pullRequest { id } } }`, { id: pullId });
      }),

    updateBranch: async (where, number, sha) =>
      write(async () => {
        try {
          await octokit.request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch', { ...where, pull_number: number, expected_head_sha: sha });
          return { updated: true };
        } catch (error) {
          if (!isHttpError(error) || error.status !== 422) throw error;
          return { updated: false, message: messageOf(error) };
        }
      }),

    upsertComment: async (where, number, body) => {
      const comments = new MarkedComment(octokit, where, AUTOMERGE_MARKER, botLogin, retry);
      const existing = await comments.find(number);
      if (existing?.body === body) return 'unchanged';
      await throttle.acquire();
      return (await comments.upsert(number, body, existing)).action;
    },

    editCommentIfAny: async (where, number, body) => {
      const comments = new MarkedComment(octokit, where, AUTOMERGE_MARKER, botLogin, retry);
      const existing = await comments.find(number);
      if (existing === null) return 'none';
      if (existing.body === body) return 'unchanged';
      await throttle.acquire();
      await comments.upsert(number, body, existing);
      return 'edited';
    },
  };
}

/** 1,000 rules: more than any branch has; a longer answer is read that far. */
const MAX_RULE_PAGES = 10;

const METHODS: Record<string, MergeMethod> = { MERGE: 'merge', SQUASH: 'squash', REBASE: 'rebase' };
const STATUS_STATES = new Set(['success', 'pending', 'failure', 'error']);

function pullFacts(node: PullNode, repository: RepoNode, statusesReadable: boolean): PullFacts {
  const head = node.head.nodes[0]?.commit;
  const checkRuns: CheckRunFacts[] = (head?.checkSuites.nodes ?? []).flatMap((suite) =>
    suite.checkRuns.nodes.map((run) => ({ name: run.name, appId: suite.app?.databaseId ?? null, status: run.status.toLowerCase(), conclusion: run.conclusion?.toLowerCase() ?? null })),
  );
  const statuses: StatusFacts[] | null = statusesReadable
    ? (head?.status?.contexts ?? []).map((context) => ({ context: context.context, state: (STATUS_STATES.has(context.state.toLowerCase()) ? context.state.toLowerCase() : 'pending') as StatusFacts['state'] }))
    : null;
  const methods = (['squash', 'merge', 'rebase'] as const).filter((method) => ({ squash: repository.squashMergeAllowed, merge: repository.mergeCommitAllowed, rebase: repository.rebaseMergeAllowed })[method]);
  return {
    id: node.id,
    number: node.number,
    url: node.url,
    state: node.state === 'OPEN' ? 'open' : node.state === 'MERGED' ? 'merged' : 'closed',
    draft: node.isDraft,
    author: node.author?.login ?? null,
    crossRepository: node.isCrossRepository,
    body: node.body,
    headRef: node.headRefName,
    baseRef: node.baseRefName,
    headSha: node.headRefOid,
    mergeState: node.mergeStateStatus.toLowerCase(),
    autoMerge: node.autoMergeRequest ? { method: METHODS[node.autoMergeRequest.mergeMethod] ?? 'merge', enabledBy: node.autoMergeRequest.enabledBy?.login ?? null } : null,
    labels: node.labels.nodes.map((label) => label.name),
    reviews: node.latestOpinionatedReviews.nodes
      .filter((review) => review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED')
      .map((review) => ({ author: review.author?.login ?? null, state: review.state as 'APPROVED' | 'CHANGES_REQUESTED' })),
    commits: node.commits.nodes.map(({ commit }) => ({
      sha: commit.oid,
      authorEmail: commit.author?.email ?? null,
      committerEmail: commit.committer?.email ?? null,
      signedByGitHub: commit.signature?.isValid === true && commit.signature.wasSignedByGitHub,
    })),
    commitsTruncated: node.commits.totalCount > node.commits.nodes.length,
    forcePushes: node.timelineItems.nodes.map((item) => item.actor?.login ?? null),
    checkRuns,
    // A suite GitHub made for an app that never reports anything holds no run: not work to wait for.
    suites: (head?.checkSuites.nodes ?? []).filter((suite) => suite.checkRuns.nodes.length > 0).map((suite) => ({ appId: suite.app?.databaseId ?? null, completed: suite.status === 'COMPLETED' })),
    statuses,
    repository: { autoMergeAllowed: repository.autoMergeAllowed, methods },
  };
}

/** The partial view of the protection `GET …/branches/{b}` gives: which checks, from which app. */
export function requiredChecksOf(branch: BranchResponse): RequiredChecks {
  const required = branch.protection?.required_status_checks;
  if (!branch.protected || !required || required.enforcement_level === 'off') return { protected: Boolean(branch.protected), checks: [] };
  const checks = (required.checks ?? []).map((check) => ({ context: check.context, appId: check.app_id ?? null }));
  // Older answers list names only: any source.
  for (const context of required.contexts ?? []) if (!checks.some((check) => check.context === context)) checks.push({ context, appId: null });
  return { protected: true, checks };
}

function isNotFound(error: unknown): boolean {
  const errors = (error as { errors?: Array<{ type?: string }> })?.errors;
  return Array.isArray(errors) && errors.some((e) => e.type === 'NOT_FOUND');
}

function isForbiddenStatus(error: unknown): boolean {
  const errors = (error as { errors?: Array<{ type?: string; path?: ReadonlyArray<string | number> }> })?.errors;
  return Array.isArray(errors) && errors.some((e) => e.type === 'FORBIDDEN' && (e.path ?? []).includes('status'));
}

/** GitHub's answer to a mutation it refused (UNPROCESSABLE), or null for any other failure. */
function graphqlRefusal(error: unknown): string | null {
  const errors = (error as { errors?: Array<{ type?: string; message?: string }> })?.errors;
  if (!Array.isArray(errors)) return null;
  const refused = errors.find((e) => e.type === 'UNPROCESSABLE' || e.type === 'FORBIDDEN');
  return refused ? (refused.message ?? refused.type ?? 'refused') : null;
}

function messageOf(error: { message: string; response?: { data?: unknown } }): string {
  const data = error.response?.data as { message?: unknown } | undefined;
  return typeof data?.message === 'string' ? data.message : error.message;
}
