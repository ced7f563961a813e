import type { Logger } from 'probot';
import { CheckRuns, type ExistingCheckRun } from '../github/check-run.js';
import { changesPolicyFile, type Octokit } from '../github/client.js';
import { MarkedComment } from '../github/marked-comment.js';
import { PullRecord, type PullComment } from '../github/pull-record.js';
import type { PullRequestClient } from '../github/pulls.js';
import { describeGitHubError, isHttpError, rateLimitWait } from '../github/retry.js';
import { defaultSettings } from '../rules/settings.js';
import type { PolicyContext } from '../policy/context.js';
import { classifierFor, mergeRuleLevels } from '../config/repo-config.js';
import type { ApprovalEvaluation, CommandOutcome } from '../review/approvals.js';
import { decidePullRequest, type ReviewDecision } from '../review/decision.js';
import { changedLines } from '../review/diff.js';
import { manifestTargets, readManifests, type PullChanges } from '../review/manifest-files.js';
import { CHECK_NAME, SUMMARY_MARKER } from '../review/render.js';
import { REPLY_MARKER } from '../review/reply.js';
import { liveRuntimes, type RuntimeOptions, type Runtime } from '../runtime.js';
import { approvalsInForce, HeadTexts, linter } from './review-read.js';
import { policyForReview } from './review-policy.js';

export type { LintFn } from '../runtime.js';

/** The app's options (src/index.ts): the runtime's overrides. */
export interface AppOptions extends RuntimeOptions {
  /** Ignored: approvals are no longer kept in the summary comment (kept so older callers still compile). */
  signingKey?: string;
}

export interface ReviewEnv {
  octokit: Octokit;
  client: PullRequestClient;
  installationId: number;
  log: Logger;
  runtime: Runtime;
}

/** What started a review. */
export interface ReviewTrigger {
  /** The head the event was about: a review for a head the pull request no longer has writes nothing. */
  headSha?: string;
  /** When GitHub says that head was pushed (the event's `pull_request.updated_at`). */
  pushedAt?: string;
  /** The comment whose commands this review answers. */
  commentId?: number;
  /** When the event arrived (ms), for the webhook-to-check metric. */
  receivedAt?: number;
}

export interface ReviewResult {
  /** Why nothing was reviewed: the pull request is closed, the event is stale, no definition changed. */
  skipped: 'closed' | 'stale' | 'no-definitions' | null;
  conclusion?: 'success' | 'failure';
  /** Set when GitHub refused something and the review could not finish; already logged. */
  error?: string;
  /** The refusal was GitHub's rate limit: the review is tried again after this long (ms). */
  retryAfterMs?: number;
  /** The commands of `trigger.commentId` and what became of each. */
  outcomes: CommandOutcome[];
  /** The app's earlier reply to `trigger.commentId`, if it wrote one. */
  reply: PullComment | null;
}

/** Resolves once every review and background task of every app of this process has finished (tests, shutdown). */
export async function settled(options: { reviewQueue?: { settled(): Promise<void> } } = {}): Promise<void> {
  await options.reviewQueue?.settled();
  await Promise.all([...liveRuntimes()].map((runtime) => runtime.idle()));
}

/**
 * Queue a review of pull request `number` and return at once with its eventual result: webhook
 * handlers do not await it. Plain reviews (a push, a re-run) coalesce with one already waiting;
 * reviews answering a comment each run.
 */
export function reviewPullRequest(env: ReviewEnv, number: number, trigger: ReviewTrigger = {}, attempt = 1): Promise<ReviewResult> {
  const key = `${env.client.repo.owner}/${env.client.repo.repo}#${number}`;
  const result = env.runtime.reviews
    .enqueue(key, () => review(env, number, trigger, attempt < RATE_LIMITED_ATTEMPTS), { coalesce: trigger.commentId === undefined })
    .catch((error: unknown) => failed(env, number, error, attempt < RATE_LIMITED_ATTEMPTS));
  void result.then((done) => {
    if (done.retryAfterMs !== undefined) againLater(env, number, done.retryAfterMs, attempt);
  });
  return result;
}

/** Reviews of one pull request GitHub's rate limit may refuse in a row before the app waits for the next event. */
const RATE_LIMITED_ATTEMPTS = 3;

/**
 * A review GitHub rate-limited is tried again once the limit has passed (on the runtime's clock),
 * as a plain review of the head as it is then: not left in progress until someone pushes. Not
 * awaited by `settled` (the wait can be an hour); a closed runtime drops it.
 */
function againLater(env: ReviewEnv, number: number, waitMs: number, attempt: number): void {
  env.log.warn({ pr: number, waitMs, attempt }, `review of #${number} rate-limited: trying again in ${Math.ceil(waitMs / 1000)} s`);
  void env.runtime.clock.sleep(waitMs).then(() => {
    if (!liveRuntimes().has(env.runtime) || env.runtime.closing) return;
    void reviewPullRequest(env, number, {}, attempt + 1);
  });
}

/** GitHub's wait, with a second's margin, when `error` is its rate limit. */
function rateLimitedFor(error: unknown): number | undefined {
  const wait = isHttpError(error) ? rateLimitWait(error) : null;
  return wait === null ? undefined : (wait + 1) * 1000;
}

/** Run a handler's work in the background, logged if it fails, awaited by `settled`. */
export function inBackground(runtime: Runtime, log: Logger, what: string, work: () => Promise<void>): void {
  runtime.background.track(
    work().catch((error: unknown) => {
      log.error({ decision: 'error', status: (error as { status?: number }).status ?? null }, describeGitHubError(error, what));
    }),
  );
}

/** GitHub refused a read before the check existed (the pull request, its files, the config): log it, clearly. */
function failed(env: ReviewEnv, number: number, error: unknown, mayRetry: boolean): ReviewResult {
  const message = describeGitHubError(error, `Reading pull request #${number}`);
  env.log.error({ decision: 'error', pr: number, status: (error as { status?: number }).status ?? null }, message);
  const retryAfterMs = mayRetry ? rateLimitedFor(error) : undefined;
  return { skipped: null, error: message, outcomes: [], reply: null, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

/** Fetch → decide → write, for the pull request's head as it is now. */
async function review(env: ReviewEnv, number: number, trigger: ReviewTrigger, mayRetry: boolean): Promise<ReviewResult> {
  const started = Date.now();
  const { client, octokit, runtime } = env;
  const pr = await client.getPull(number);
  const head = pr.head.sha;
  const log = env.log.child({ repo: `${client.repo.owner}/${client.repo.repo}`, pr: number, sha: head });
  const nothing = (skipped: ReviewResult['skipped'], why: string): ReviewResult => {
    log.info({ decision: 'skipped', why, durationMs: Date.now() - started }, `review skipped: ${why}`);
    return { skipped, outcomes: [], reply: null };
  };
  if (pr.state !== 'open') return nothing('closed', 'the pull request is closed');
  // A redelivered or late event for a head that was pushed over: the newer head's review decides.
  if (trigger.headSha !== undefined && trigger.headSha !== head) return nothing('stale', `the event was for ${trigger.headSha.slice(0, 7)}, the head is now ${head.slice(0, 7)}`);

  const [files, repoConfig] = await Promise.all([client.listFiles(number), runtime.repoConfigs.read(octokit, client.repo, runtime.retry)]);
  // A pull request on the policy file gets the policy check (handlers/policy-pull-request.ts), not this review.
  if (changesPolicyFile(client.repo, files, runtime.policyRepo)) return nothing('no-definitions', 'the pull request changes the policy: the policy check reviews it');
  const classify = classifierFor(repoConfig.config);
  const definitions = files.filter((f) => f.status !== 'removed' && classify(f.filename) === 'dockerfile');
  // Compose files, manifests, workflows and dev containers it touches (SPEC §11).
  const targets = manifestTargets(files, classify);
  if (definitions.length === 0 && targets.length === 0) return nothing('no-definitions', 'no container definition changed');

  const identity = await runtime.identity();
  const record = new PullRecord(octokit, client.repo, identity.botLogin, runtime.retry);
  const paths = definitions.map((f) => f.filename);
  const reader = new HeadTexts(record, paths, targets);
  // Only YAML that may be a Kubernetes manifest changed: read it first, and say nothing when none is one.
  if (definitions.length === 0 && !targets.some((t) => t.changed && t.kind !== 'kubernetes')) {
    const read = readManifests(targets, await reader.readAt(head));
    if (read.paths.length === 0 && read.missing.length === 0) return nothing('no-definitions', 'no container definition or file naming images changed');
  }

  const checks = new CheckRuns(octokit, client.repo, identity.id, runtime.retry);
  let check: ExistingCheckRun | null = null;
  try {
    // One check run per head: a redelivery finds the one its first delivery made.
    check = await checks.start(
      head,
      CHECK_NAME,
      { title: 'Reviewing container definitions', summary: `Linting ${startedWhat(definitions.length, targets.filter((t) => t.changed).length)}.`, text: '' },
      await checks.find(head, CHECK_NAME),
      trigger.headSha === head ? trigger.pushedAt : (pr.updated_at ?? undefined),
    );
    // Fails closed: waits (the check saying what for) while the policy cannot be read; blocks when no version was ever valid.
    const policyState = await policyForReview(octokit, client.repo, env.installationId, check.id, { retry: runtime.retry, ...(runtime.policyRepo ? { policyRepo: runtime.policyRepo } : {}) });
    const policy = policyState.policy;
    if (policyState.state.status === 'unreadable') log.error({ lasting: policyState.state.lasting ?? false }, `review blocked: the policy cannot be read: ${policyState.state.reason}`);
    const settings = defaultSettings();
    settings.levels = mergeRuleLevels(policy?.rules ?? {}, repoConfig.config.rules);
    // The repository's `build-args: BUILDKIT_DOCKERFILE_CHECK`, as `docker build --build-arg` would set it.
    settings.buildkitCheck = repoConfig.config.buildkitCheck ?? null;
    const policyContext: PolicyContext | null = policy ? { policy, repo: `${client.repo.owner}/${client.repo.repo}`, now: runtime.now() } : null;
    const lintAt = linter(runtime, reader, paths, targets, { settings, policy: policyContext });
    const changes: PullChanges = {
      lines: new Map(files.filter((f) => f.status !== 'removed').map((f) => [f.filename, changedLines(f.patch)])),
      removed: new Set(files.filter((f) => f.status === 'removed').map((f) => f.filename)),
    };

    const [current, comments] = await Promise.all([lintAt(head, changes), record.comments(number)]);
    const reviewed = [...new Set([...paths, ...current.files.map((f) => f.path)])];
    const evaluation = await approvalsInForce(client, runtime, record, { number, head, since: check.startedAt, author: pr.user?.login ?? '', policy, comments, current: current.files, paths: reviewed, lintAt });
    // Only the app's own comment is its summary: a pasted marker in anyone else's comment is just text.
    const summary = comments.find((c) => c.byThisApp && c.body.startsWith(SUMMARY_MARKER)) ?? null;

    const decided = decidePullRequest({
      files: current.files,
      unreadable: current.unreadable,
      shellcheckSkipped: current.shellcheck.state === 'skipped' ? current.shellcheck.reason : null,
      approvals: evaluation,
      policy: policyState,
      repoConfig,
      owner: client.repo.owner,
      head,
      requestedTeams: (pr.requested_teams ?? []).flatMap((t) => ('slug' in t && t.slug ? [t.slug] : [])),
      summaryExists: summary !== null,
    });
    const { decision } = decided;
    if (decided.opsTeamProblem) log.error({ team: policy?.ops.team }, `the ops team ${client.repo.owner}/${policy?.ops.team} cannot be seen by the app: check ops.team in the policy and the app's Members: read permission`);
    const refused = decided.askTeam === null ? null : await requestReview(client, number, decided.askTeam, log);
    const report = decided.report(refused);
    await checks.complete(head, CHECK_NAME, report.check, check);
    // Mutation quotas are tighter than read quotas: an identical body is not written again.
    if (report.summary !== null) await new MarkedComment(octokit, client.repo, SUMMARY_MARKER, identity.botLogin, runtime.retry).upsert(number, report.summary, summary);
    logReviewed(log, decision, current.files.length, evaluation, started);
    runtime.metrics.reviewed(decision.conclusion, Date.now() - started, trigger.receivedAt === undefined ? null : Date.now() - trigger.receivedAt);
    return {
      skipped: null,
      conclusion: decision.conclusion,
      outcomes: trigger.commentId === undefined ? [] : (evaluation.outcomes.get(trigger.commentId) ?? []),
      reply: trigger.commentId === undefined ? null : (comments.find((c) => c.byThisApp && c.body.includes(REPLY_MARKER(trigger.commentId!))) ?? null),
    };
  } catch (error) {
    // Never leave the check spinning, never pass for want of a review, never throw a stack trace at people.
    const message = describeGitHubError(error, check === null ? 'Creating the `plimsoll` check run' : 'The review');
    log.error({ decision: 'error', status: (error as { status?: number }).status ?? null, durationMs: Date.now() - started }, message);
    runtime.metrics.reviewed('error', Date.now() - started, trigger.receivedAt === undefined ? null : Date.now() - trigger.receivedAt);
    const retryAfterMs = mayRetry ? rateLimitedFor(error) : undefined;
    if (check !== null) {
      const again = retryAfterMs === undefined ? 'Comment `/plimsoll recheck` or re-run the check to try again.' : `Plimsoll tries again in ${Math.ceil(retryAfterMs / 1000)} s, or comment \`/plimsoll recheck\` or re-run the check.`;
      const output = { title: 'Plimsoll could not finish the review', summary: `${message}.\n\n${again}`, text: '' };
      await checks.complete(head, CHECK_NAME, { conclusion: 'failure', output, annotations: [] }, check).catch(() => undefined);
    }
    return { skipped: null, error: message, outcomes: [], reply: null, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
}

/** What the check says it is reading. */
function startedWhat(definitions: number, others: number): string {
  const parts = [];
  if (definitions > 0 || others === 0) parts.push(`${definitions} changed container definition(s)`);
  if (others > 0) parts.push(`${others} changed compose file(s), manifest(s), workflow(s) or dev container(s)`);
  return parts.join(' and ');
}

/** Ask the ops team for a review; GitHub's refusal, explained, or null. */
async function requestReview(client: PullRequestClient, number: number, team: string, log: Logger): Promise<string | null> {
  try {
    await client.requestTeamReview(number, team);
    return null;
  } catch (error) {
    log.warn({ team, status: (error as { status?: number }).status }, 'ops review request refused');
    return `${describeGitHubError(error, `Requesting a review from ${client.repo.owner}/${team}`)}. Check that the team exists and has access to this repository.`;
  }
}

function logReviewed(log: Logger, decision: ReviewDecision, files: number, evaluation: ApprovalEvaluation, started: number): void {
  const changed = decision.findings.filter((f) => f.changed);
  log.info(
    {
      decision: decision.conclusion,
      files,
      findings: decision.findings.length,
      changed: changed.length,
      failing: decision.failing.length,
      approved: changed.filter((f) => f.approval).length,
      approvals: evaluation.approvals.length,
      blockers: decision.blockers.length,
      durationMs: Date.now() - started,
    },
    'pull request reviewed',
  );
}
