import picomatch from 'picomatch';
import type { Logger } from 'probot';
import { containerDefinitionMatcher } from '../files/globs.js';
import { lintText, type LintOptions, type LintResult } from '../lint/lint.js';
import { defaultSettings } from '../lint/settings.js';
import { loadPolicyForInstallation, type Octokit } from '../github/client.js';
import type { PullRequestClient } from '../github/pulls.js';
import { readRepoConfig } from '../github/repo-config.js';
import { describeGitHubError, type RetryOptions } from '../github/retry.js';
import { approve, decodeStore, encodeStore, revoke, type ApprovalStore } from '../review/approvals.js';
import { scopeToKnownFile, type Command } from '../review/commands.js';
import { decideReview, wantsOpsReview, type LintedFile, type ReviewDecision } from '../review/decision.js';
import { changedLines } from '../review/diff.js';
import { mergeRuleLevels } from '../policy/repo-config.js';
import { sharedRegistryClient } from '../registry/client.js';
import { digestsForTexts } from '../registry/digests.js';
import type { RegistryClient } from '../registry/types.js';
import { Redis } from 'ioredis';
import { connectionFromUrl, redisUrlFromEnv } from '../queue/redis.js';
import { inProcessLock } from '../review-lock/lock.js';
import { ReviewQueue } from '../review-lock/queue.js';
import { redisLock } from '../review-lock/redis-lock.js';
import { annotationBatches, CHECK_NAME, checkOutput, summaryComment, SUMMARY_MARKER, type ReviewNotes } from '../review/render.js';

export type LintFn = (path: string, text: string, options: LintOptions) => LintResult;

/** What every handler shares; tests replace `lint`, `retry` and `signingKey`. */
export interface AppOptions {
  lint?: LintFn;
  retry?: RetryOptions;
  /** Key signing the approvals kept in the summary comment. */
  signingKey?: string;
  policyRepo?: string;
  now?: () => Date;
  /** Where reviews wait their turn; by default one per process, locked through Redis when `REDIS_URL` is set. */
  reviewQueue?: ReviewQueue;
  /** Asked for digests under `require-digest` (PL1008); the app's shared client by default, null for none. */
  registry?: RegistryClient | null;
}

export interface ReviewEnv {
  octokit: Octokit;
  client: PullRequestClient;
  installationId: number;
  log: Logger;
  options: AppOptions;
}

export interface PullTarget {
  number: number;
  headSha: string;
  author: string;
  requestedTeams: string[];
}

/** Approve/revoke commands of one comment, already cleared (membership, author, bot). */
export interface CommandBatch {
  commentId: number;
  by: string;
  commands: Array<Extract<Command, { kind: 'approve' | 'revoke' }>>;
}

export interface ReviewChanges {
  commands?: CommandBatch;
  /** Drop the approvals granted by this comment (it was edited). */
  dropComment?: number;
  /** Record tampering in the audit trail shown in the summary. */
  audit?: string;
}

export interface ReviewResult {
  skipped: boolean;
  conclusion?: 'success' | 'failure';
  /** Set when GitHub refused something and the review could not finish; already logged. */
  error?: string;
  /** Per command of `changes.commands`, null when accepted, else why it was refused. */
  outcomes: Array<string | null>;
}

let defaultQueue: ReviewQueue | null = null;

/** The queue reviews of this app wait in: reviews of one pull request never overlap. */
export function reviewQueue(options: AppOptions): ReviewQueue {
  if (options.reviewQueue) return options.reviewQueue;
  if (defaultQueue === null) {
    const url = redisUrlFromEnv();
    defaultQueue = new ReviewQueue(url ? redisLock(lockConnection(url)) : inProcessLock);
  }
  return defaultQueue;
}

/**
 * Unlike BullMQ's, the lock's commands give up after a few retries: with Redis down a review fails
 * with a logged error instead of hanging until Redis returns.
 */
function lockConnection(url: string): Redis {
  const redis = new Redis({ ...connectionFromUrl(url), maxRetriesPerRequest: 3 });
  redis.on('error', () => undefined); // reported where a command fails
  return redis;
}

/** Resolves once every review and reply started so far has finished (tests, graceful shutdown). */
export function settled(options: AppOptions = {}): Promise<void> {
  return options.reviewQueue ? options.reviewQueue.settled() : (defaultQueue?.settled() ?? Promise.resolve());
}

/**
 * Queue a review and return at once with its eventual result: webhook handlers do not await it
 * (see `ReviewQueue`). A review without changes coalesces with one already waiting.
 */
export function reviewPullRequest(env: ReviewEnv, pull: PullTarget, changes: ReviewChanges = {}): Promise<ReviewResult> {
  const key = `${env.client.repo.owner}/${env.client.repo.repo}#${pull.number}`;
  const plain = changes.commands === undefined && changes.dropComment === undefined && changes.audit === undefined;
  return reviewQueue(env.options)
    .enqueue(key, () => review(env, pull, changes), { coalesce: plain })
    .catch((error: unknown) => failed(env, pull, error));
}

/** Run a handler's work in the background, logged if it fails, awaited by `settled`. */
export function inBackground(options: AppOptions, log: Logger, what: string, work: () => Promise<void>): void {
  reviewQueue(options).track(
    work().catch((error: unknown) => {
      log.error({ decision: 'error', status: (error as { status?: number }).status ?? null }, describeGitHubError(error, what));
    }),
  );
}

/** GitHub refused a read before the check existed (listing files, the config): log it, clearly. */
function failed(env: ReviewEnv, pull: PullTarget, error: unknown): ReviewResult {
  const message = describeGitHubError(error, `Reading pull request #${pull.number}`);
  env.log.error({ decision: 'error', pr: pull.number, status: (error as { status?: number }).status ?? null }, message);
  return { skipped: false, error: message, outcomes: [] };
}

async function review(env: ReviewEnv, pull: PullTarget, changes: ReviewChanges): Promise<ReviewResult> {
  const started = Date.now();
  const { client, octokit, options } = env;
  const log = env.log.child({ repo: `${client.repo.owner}/${client.repo.repo}`, pr: pull.number, sha: pull.headSha });
  const lint = options.lint ?? lintText;

  const [files, repoConfig] = await Promise.all([client.listFiles(pull.number), readRepoConfig(octokit, client.repo, options.retry)]);
  const isDefinition = containerDefinitionMatcher(repoConfig.config.globs ?? undefined);
  const ignored = picomatch([...repoConfig.config.ignore], { dot: true });
  const definitions = files.filter((f) => f.status !== 'removed' && isDefinition(f.filename) && !ignored(f.filename));
  if (definitions.length === 0) {
    log.info({ decision: 'skipped', files: files.length, durationMs: Date.now() - started }, 'no container definition changed');
    return { skipped: true, outcomes: [] };
  }

  // The check first, so a failure later can still be shown on it.
  let checkRunId: number | null = null;
  try {
    checkRunId = await client.createCheck(pull.headSha, CHECK_NAME, {
      title: 'Reviewing container definitions',
      summary: `Linting ${definitions.length} changed container definition(s).`,
      text: '',
    });
    const [policyState, texts, comments] = await Promise.all([
      loadPolicyForInstallation(octokit, env.installationId, client.repo.owner, { ...options.retry, ...(options.policyRepo ? { policyRepo: options.policyRepo } : {}) }),
      Promise.all(definitions.map((f) => client.readFile(f.filename, pull.headSha))),
      client.listComments(pull.number),
    ]);
    const policy = policyState.policy;
    const settings = defaultSettings();
    settings.levels = mergeRuleLevels(policy?.rules ?? {}, repoConfig.config.rules);
    // Under require-digest, PL1008 gives the registry's digest where the policy pins none.
    const resolvedDigests = policy?.requireDigest ? await digestsForTexts(policy, texts, options.registry === undefined ? sharedRegistryClient() : options.registry) : undefined;
    const policyContext = policy ? { policy, repo: `${client.repo.owner}/${client.repo.repo}`, now: options.now?.() ?? new Date(), ...(resolvedDigests ? { resolvedDigests } : {}) } : null;
    const notes: ReviewNotes = { policyErrors: policyState.errors, policyInForce: policy !== null, unreadable: [], tampering: [], repoConfigErrors: repoConfig.errors, repoConfigInvalid: repoConfig.invalid };

    const linted: LintedFile[] = [];
    definitions.forEach((file, i) => {
      const text = texts[i];
      if (text === null || text === undefined) {
        notes.unreadable!.push(`\`${file.filename}\` could not be read at ${pull.headSha.slice(0, 7)}; it was not reviewed`);
        return;
      }
      const result = lint(file.filename, text, { settings, policy: policyContext });
      linted.push({ path: file.filename, findings: result.findings, dockerfile: result.dockerfile, changed: changedLines(file.patch) });
    });

    const summary = comments.find((c) => c.body?.includes(SUMMARY_MARKER) && c.user?.type === 'Bot') ?? null;
    const signingKey = options.signingKey ?? process.env.PLIMSOLL_SIGNING_KEY ?? process.env.WEBHOOK_SECRET ?? 'development';
    const stored = decodeStore(summary?.body, signingKey);
    const store: ApprovalStore = { approvals: stored.approvals, audit: [...stored.audit] };
    if (stored.tampered) store.audit.push('the approvals recorded in this comment were altered by hand; they were discarded');
    if (changes.audit) store.audit.push(changes.audit);
    if (changes.dropComment !== undefined) store.approvals = store.approvals.filter((a) => a.commentId !== changes.dropComment);

    let decision = decideReview(linted, store.approvals);
    const outcomes: Array<string | null> = [];
    const paths = definitions.map((f) => f.filename);
    for (const command of (changes.commands?.commands ?? []).map((c) => scopeToKnownFile(c, paths))) {
      const change =
        command.kind === 'approve'
          ? approve(store.approvals, decision.findings, command, { by: changes.commands!.by, reason: command.reason, commentId: changes.commands!.commentId })
          : revoke(store.approvals, command);
      if (change.ok) {
        store.approvals = change.approvals;
        decision = decideReview(linted, store.approvals);
        outcomes.push(null);
      } else outcomes.push(change.refusal);
    }
    notes.tampering = store.audit;

    const team = policy?.ops.team ?? null;
    if (team && policy && wantsOpsReview(policy.ops.review, decision) && !pull.requestedTeams.includes(team)) {
      try {
        await client.requestTeamReview(pull.number, team);
      } catch (error) {
        notes.reviewRequest = `${describeGitHubError(error, `Requesting a review from @${client.repo.owner}/${team}`)}. Check that the team exists and has access to this repository.`;
        log.warn({ team, status: (error as { status?: number }).status }, 'ops review request refused');
      }
    }

    const output = checkOutput(decision, notes);
    await client.completeCheck(checkRunId, decision.conclusion, output, annotationBatches(decision));
    await writeSummary(client, pull.number, summary, decision, notes, team, encodeStore(store, signingKey));

    const changed = decision.findings.filter((f) => f.changed);
    log.info(
      {
        decision: decision.conclusion,
        files: linted.length,
        findings: decision.findings.length,
        changed: changed.length,
        failing: decision.failing.length,
        approved: changed.filter((f) => f.approval).length,
        durationMs: Date.now() - started,
      },
      'pull request reviewed',
    );
    return { skipped: false, conclusion: decision.conclusion, outcomes };
  } catch (error) {
    // Never leave the check spinning nor throw a stack trace at people: say what GitHub refused.
    const message = describeGitHubError(error, checkRunId === null ? 'Creating the `plimsoll` check run' : 'The review');
    log.error({ decision: 'error', status: (error as { status?: number }).status ?? null, durationMs: Date.now() - started }, message);
    if (checkRunId !== null) {
      await client
        .completeCheck(checkRunId, 'neutral', { title: 'Plimsoll could not finish the review', summary: message, text: '' }, [])
        .catch(() => undefined);
    }
    return { skipped: false, error: message, outcomes: [] };
  }
}

async function writeSummary(
  client: PullRequestClient,
  pullNumber: number,
  existing: { id: number; body: string } | null,
  decision: ReviewDecision,
  notes: ReviewNotes,
  team: string | null,
  store: string,
): Promise<void> {
  const nothingToSay =
    decision.findings.length === 0 && !notes.policyErrors?.length && !notes.repoConfigErrors?.length && !notes.reviewRequest && !notes.unreadable?.length && !notes.tampering?.length;
  if (existing === null && nothingToSay) return;
  const body = summaryComment(decision, notes, team, store);
  if (existing === null) await client.createComment(pullNumber, body);
  // Mutation quotas are tighter than read quotas: skip the edit when nothing changed.
  else if (existing.body !== body) await client.updateComment(existing.id, body);
}
