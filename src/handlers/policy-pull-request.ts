import picomatch from 'picomatch';
import type { Logger } from 'probot';
import { containerDefinitionMatcher } from '../files/globs.js';
import type { AppIdentity } from '../github/app-identity.js';
import type { CheckRunResult } from '../check-output.js';
import { CheckRuns } from '../github/check-run.js';
import { policyLocation, type Octokit, type RepoRef } from '../github/client.js';
import { MarkedComment } from '../github/marked-comment.js';
import { readPolicyAt, type PolicySource } from '../github/policy-source.js';
import { readRepoConfig } from '../github/repo-config.js';
import { describeGitHubError, withRetry, type RetryOptions } from '../github/retry.js';
import type { Inventory } from '../inventory/model.js';
import { inertMarkdown } from '../markdown/inert.js';
import { PolicyUnreadable } from '../config/in-force.js';
import { previewPolicyChange } from '../policy-check/preview.js';
import { invalidPolicyCheck, noLongerChangesPolicy, POLICY_CHECK_NAME, POLICY_PREVIEW_MARKER, previewCheck, previewComment, previewWaitingCheck } from '../policy-check/render.js';
import type { WriteLimit } from '../queue/throttle.js';

export interface PolicyPullRequestDeps {
  source: PolicySource;
  identity: () => Promise<AppIdentity>;
  /** The installation's inventory: the kept one, or built once (cold) and kept. */
  inventory: (octokit: Octokit, installationId: number) => Promise<Inventory>;
  policyRepo?: string;
  retry?: RetryOptions;
  now: () => Date;
  limits: readonly WriteLimit[];
  log: Logger;
}

export interface PolicyPull {
  installationId: number;
  repo: RepoRef;
  number: number;
  headSha: string;
  action: string;
}

interface PullFile {
  filename: string;
  status: string;
  previous_filename?: string;
}

/**
 * A pull request on the policy repository that changes the policy (SPEC §7): one `plimsoll` check
 * run on its head and one summary comment kept in place. The head's policy is validated (every
 * problem an annotation at its line, `failure`); a valid one is previewed against the policy in
 * force, from the inventory, writing nothing but this check and this comment. The pull request
 * review leaves these pull requests to this check (src/handlers/review.ts).
 */
export async function checkPolicyPullRequest(octokit: Octokit, pull: PolicyPull, deps: PolicyPullRequestDeps): Promise<'checked' | 'not-a-policy-change'> {
  const location = policyLocation(pull.repo.owner, deps.policyRepo);
  const files = (await withRetry(
    () => octokit.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { ...pull.repo, pull_number: pull.number, per_page: 100 }),
    deps.retry,
  )) as PullFile[];
  const policyFile = files.find((file) => file.filename === location.path || file.previous_filename === location.path);
  const identity = await deps.identity();
  const comments = new MarkedComment(octokit, pull.repo, POLICY_PREVIEW_MARKER, identity.botLogin, deps.retry);

  if (!policyFile) {
    // A push took the policy change out of the pull request: the old preview must not stand.
    if (pull.action === 'synchronize') {
      const existing = await comments.find(pull.number);
      if (existing && (await isHead(octokit, pull, deps.retry))) await comments.upsert(pull.number, noLongerChangesPolicy(location.path, pull.headSha), existing);
    }
    return 'not-a-policy-change';
  }

  const checks = new CheckRuns(octokit, pull.repo, identity.id, deps.retry);
  const existing = await checks.find(pull.headSha, POLICY_CHECK_NAME);
  const run = await checks.start(pull.headSha, POLICY_CHECK_NAME, { title: 'Checking the policy', summary: `Validating ${location.path} and previewing its effect.`, text: '' }, existing);

  let result: CheckRunResult;
  try {
    result = await evaluate(octokit, pull, files, policyFile, deps);
  } catch (error) {
    const message = error instanceof PolicyUnreadable ? `Reading the policy failed: ${error.reason}` : describeGitHubError(error, 'The policy check');
    deps.log.error({ pr: pull.number, status: (error as { status?: number }).status ?? null }, message);
    result = { conclusion: 'neutral', output: { title: 'Plimsoll could not finish the policy check', summary: `${inertMarkdown(message)}. Re-run this check to try again.`, text: '' }, annotations: [] };
  }
  const written = await checks.complete(pull.headSha, POLICY_CHECK_NAME, result, run);
  // An event for a head that is no longer the pull request's must not overwrite the newer preview.
  if (!(await isHead(octokit, pull, deps.retry))) {
    deps.log.info({ pr: pull.number, sha: pull.headSha }, 'policy preview not commented: the head moved on');
    return 'checked';
  }
  const comment = await comments.upsert(pull.number, previewComment(result, pull.headSha));
  deps.log.info({ pr: pull.number, sha: pull.headSha, conclusion: result.conclusion, check: written.action, comment: comment.action }, 'policy pull request checked');
  return 'checked';
}

async function evaluate(octokit: Octokit, pull: PolicyPull, files: readonly PullFile[], policyFile: PullFile, deps: PolicyPullRequestDeps): Promise<CheckRunResult> {
  const location = policyLocation(pull.repo.owner, deps.policyRepo);
  const repoConfig = await readRepoConfig(octokit, pull.repo, deps.retry);
  const isDefinition = containerDefinitionMatcher(repoConfig.config.globs ?? undefined);
  const ignored = picomatch([...repoConfig.config.ignore], { dot: true });
  const definitions = files.filter((file) => file.status !== 'removed' && file.filename !== location.path && isDefinition(file.filename) && !ignored(file.filename));
  // The review leaves pull requests that touch the policy to this check: container definitions in
  // one would go unreviewed, so it cannot pass, whatever it does to the policy.
  if (definitions.length > 0) {
    const listed = definitions.slice(0, 10).map((file) => inertMarkdown(file.filename));
    return {
      conclusion: 'failure',
      output: {
        title: 'Policy change mixed with container definitions',
        summary: `This pull request changes the policy and ${definitions.length} container definition(s) (${listed.join(', ')}${definitions.length > 10 ? ', …' : ''}). A policy change is previewed on its own and container definitions are reviewed against the policy in force: split them into two pull requests.`,
        text: '',
      },
      annotations: [],
    };
  }
  if (policyFile.status === 'removed' || policyFile.filename !== location.path) {
    return {
      conclusion: 'neutral',
      output: {
        title: 'This pull request removes the policy',
        summary: `Merged, it leaves the organization without a policy (${inertMarkdown(location.path)}): reviews would run the built-in rules only and no bump pull request would be opened.`,
        text: '',
      },
      annotations: [],
    };
  }

  const head = await readPolicyAt(octokit, location, pull.headSha, deps.retry);
  if (head === null) throw new PolicyUnreadable(`${location.path} is missing at ${pull.headSha.slice(0, 7)}`);
  if (!head.validation.ok) return invalidPolicyCheck(location.path, head.validation.errors, 'The policy in force is unchanged; this version cannot take effect as it is.');

  const base = await deps.source.inForce(octokit, pull.installationId, pull.repo.owner, { ...deps.retry, ...(deps.policyRepo ? { policyRepo: deps.policyRepo } : {}) });
  if (base.status === 'unreadable') return previewWaitingCheck(base.reason);
  const inventory = await deps.inventory(octokit, pull.installationId);
  const preview = previewPolicyChange({ base: base.policy, head: head.validation.policy, inventory, now: deps.now(), limits: deps.limits });
  const basis =
    base.status === 'in-force'
      ? `Compared with the policy in force${base.sha ? ` (commit ${base.sha.slice(0, 7)})` : ''}.`
      : base.status === 'never-valid'
        ? 'No valid policy is in force today (every review fails): compared with no policy.'
        : 'The organization has no policy today: compared with no policy.';
  return previewCheck(preview, deps.limits, basis);
}

async function isHead(octokit: Octokit, pull: PolicyPull, retry: RetryOptions | undefined): Promise<boolean> {
  const { data } = await withRetry(() => octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...pull.repo, pull_number: pull.number }), retry);
  return data.head.sha === pull.headSha;
}
