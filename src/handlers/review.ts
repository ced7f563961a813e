import type { Logger } from 'probot';
import type { ReadAs, TextResult } from '../files/read.js';
import { CheckRuns, type ExistingCheckRun } from '../github/check-run.js';
import { changesPolicyFile, type Octokit } from '../github/client.js';
import { MarkedComment } from '../github/marked-comment.js';
import { PullRecord, fileKey, type FileRead, type PullComment } from '../github/pull-record.js';
import type { PullRequestClient } from '../github/pulls.js';
import { describeGitHubError } from '../github/retry.js';
import { defaultSettings, type LintSettings } from '../lint/settings.js';
import { KIND_NAMES, MAX_MANIFEST_CHARS } from '../manifests/kinds.js';
import { inertMarkdown } from '../markdown/inert.js';
import type { PolicyContext } from '../policy/context.js';
import { classifierFor, mergeRuleLevels } from '../policy/repo-config.js';
import type { Policy } from '../policy/types.js';
import { digestsForTexts } from '../registry/digests.js';
import { approversToCheck, evaluateApprovals, screenComments, type ApprovalEvaluation, type CommandOutcome, type FindingIdentity } from '../review/approvals.js';
import { decideReview, identify, wantsOpsReview, type LintedFile, type ReviewDecision } from '../review/decision.js';
import { changedLines, type ChangedLines } from '../review/diff.js';
import { headWhenWritten } from '../review/heads.js';
import { lintManifests, manifestReads, manifestTargets, NO_CHANGES, readManifests, type KnownText, type ManifestTarget, type PullChanges } from '../review/manifest-files.js';
import { annotationBatches, CHECK_NAME, checkOutput, summaryComment, SUMMARY_MARKER, type ReviewNotes } from '../review/render.js';
import { liveRuntimes, type RuntimeOptions, type Runtime } from '../runtime.js';
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
  /** The commands of `trigger.commentId` and what became of each. */
  outcomes: CommandOutcome[];
  /** The app's earlier reply to `trigger.commentId`, if it wrote one. */
  reply: PullComment | null;
}

export const REPLY_MARKER = (commentId: number) => `<!-- plimsoll:reply ${commentId} -->`;

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
export function reviewPullRequest(env: ReviewEnv, number: number, trigger: ReviewTrigger = {}): Promise<ReviewResult> {
  const key = `${env.client.repo.owner}/${env.client.repo.repo}#${number}`;
  return env.runtime.reviews
    .enqueue(key, () => review(env, number, trigger), { coalesce: trigger.commentId === undefined })
    .catch((error: unknown) => failed(env, number, error));
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
function failed(env: ReviewEnv, number: number, error: unknown): ReviewResult {
  const message = describeGitHubError(error, `Reading pull request #${number}`);
  env.log.error({ decision: 'error', pr: number, status: (error as { status?: number }).status ?? null }, message);
  return { skipped: null, error: message, outcomes: [], reply: null };
}

/** Fetch → decide → write, for the pull request's head as it is now. */
async function review(env: ReviewEnv, number: number, trigger: ReviewTrigger): Promise<ReviewResult> {
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
    const lintAt = linter(env, reader, paths, targets, { settings, policy: policyContext });
    const changes: PullChanges = {
      lines: new Map(files.filter((f) => f.status !== 'removed').map((f) => [f.filename, changedLines(f.patch)])),
      removed: new Set(files.filter((f) => f.status === 'removed').map((f) => f.filename)),
    };

    const [current, comments] = await Promise.all([lintAt(head, changes), record.comments(number)]);
    const notes: ReviewNotes = { policyErrors: policyState.errors, policyInForce: policy !== null, unreadable: current.unreadable, repoConfigErrors: repoConfig.errors, repoConfigInvalid: repoConfig.invalid };

    const reviewed = [...new Set([...paths, ...current.files.map((f) => f.path)])];
    const evaluation = await approvalsInForce(env, record, { number, head, since: check.startedAt, author: pr.user?.login ?? '', policy, comments, current: current.files, paths: reviewed, lintAt });
    notes.tampering = evaluation.tampering;
    if (evaluation.teamNotVisible) {
      notes.opsTeam = `The app cannot see the ops team ${client.repo.owner}/${policy?.ops.team}: no approval counts. Ops: check ops.team in the policy (the team's slug) and that the app has the Members: read organization permission.`;
      log.error({ team: policy?.ops.team }, `the ops team ${client.repo.owner}/${policy?.ops.team} cannot be seen by the app: check ops.team in the policy and the app's Members: read permission`);
    }
    const blockers = [...(policyState.blocked ? [policyState.blocked.summary] : []), ...current.unreadable.map((u) => `${inertMarkdown(u)}; the check cannot pass until it can be reviewed.`)];
    const decision = decideReview(current.files, evaluation.approvals, blockers);
    // The blocker names the policy's problems already.
    if (policyState.blocked) notes.policyErrors = null;

    const team = policy?.ops.team ?? null;
    const requested = (pr.requested_teams ?? []).flatMap((t) => ('slug' in t && t.slug ? [t.slug] : []));
    if (team && policy && wantsOpsReview(policy.ops.review, decision) && !requested.includes(team)) {
      try {
        await client.requestTeamReview(number, team);
      } catch (error) {
        notes.reviewRequest = `${describeGitHubError(error, `Requesting a review from ${client.repo.owner}/${team}`)}. Check that the team exists and has access to this repository.`;
        log.warn({ team, status: (error as { status?: number }).status }, 'ops review request refused');
      }
    }

    const output = checkOutput(decision, notes);
    if (policyState.blocked) output.title = policyState.blocked.title;
    await checks.complete(head, CHECK_NAME, { conclusion: decision.conclusion, output, annotations: annotationBatches(decision).flat() }, check);
    await writeSummary(new MarkedComment(octokit, client.repo, SUMMARY_MARKER, identity.botLogin, runtime.retry), number, comments, decision, notes, team, head);
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
    if (check !== null) {
      const output = { title: 'Plimsoll could not finish the review', summary: `${message}.\n\nComment \`/plimsoll recheck\` or re-run the check to try again.`, text: '' };
      await checks.complete(head, CHECK_NAME, { conclusion: 'failure', output, annotations: [] }, check).catch(() => undefined);
    }
    return { skipped: null, error: message, outcomes: [], reply: null };
  }
}

interface LintedHead {
  files: LintedFile[];
  /** Files that could not be reviewed, explained. */
  unreadable: string[];
}

/** How the files of one kind are read: their size limit and the words of messages. */
const MANIFEST_READ: ReadAs = { maxBytes: MAX_MANIFEST_CHARS, what: 'a text file' };

/**
 * The texts of a review's files at each head, read once: the Dockerfiles and the files of other
 * kinds in one GraphQL query, and the files only their texts name (a dev container's compose
 * files) in one more when there are any.
 */
class HeadTexts {
  private readonly known = new Map<string, TextResult | null>();

  constructor(
    private readonly record: PullRecord,
    private readonly dockerfiles: readonly string[],
    private readonly targets: readonly ManifestTarget[],
  ) {}

  async readAt(sha: string): Promise<KnownText> {
    const known: KnownText = (path) => this.known.get(fileKey({ path, ref: sha }));
    const kinds = new Map(this.targets.map((t) => [t.path, t.kind]));
    let wanted: FileRead[] = this.dockerfiles.map((path) => ({ path, ref: sha }));
    // Each round reads what the texts read so far name; a dev container's compose files need a second.
    for (let round = 0; round < 3; round++) {
      const asManifest = manifestReads(this.targets, known).map((path): FileRead => {
        const kind = kinds.get(path);
        return { path, ref: sha, as: kind ? { maxBytes: MAX_MANIFEST_CHARS, what: KIND_NAMES[kind] } : MANIFEST_READ };
      });
      const missing = [...wanted, ...asManifest].filter((read) => !this.known.has(fileKey(read)));
      if (missing.length === 0) break;
      for (const [key, read] of await this.record.texts(missing)) this.known.set(key, read);
      wanted = [];
    }
    return known;
  }
}

/** What the check says it is reading. */
function startedWhat(definitions: number, others: number): string {
  const parts = [];
  if (definitions > 0 || others === 0) parts.push(`${definitions} changed container definition(s)`);
  if (others > 0) parts.push(`${others} changed compose file(s), manifest(s), workflow(s) or dev container(s)`);
  return parts.join(' and ');
}

/** Reads the changed files at a commit and lints them; the same settings at every head. */
function linter(env: ReviewEnv, reader: HeadTexts, paths: readonly string[], targets: readonly ManifestTarget[], lintOptions: { settings: LintSettings; policy: PolicyContext | null }) {
  const lint = env.runtime.lint;
  return async (sha: string, changes: PullChanges): Promise<LintedHead> => {
    const known = await reader.readAt(sha);
    const manifests = readManifests(targets, known);
    // Under require-digest, PL1008 gives the registry's digest where the policy pins none.
    const policy = lintOptions.policy;
    const resolvedDigests = policy?.policy.requireDigest
      ? await digestsForTexts(
          policy.policy,
          paths.map((path) => known(path)).map((read) => (read?.ok ? read.text : null)),
          env.runtime.registry(),
          undefined,
          manifests.images.flatMap((image) => (image.ref !== null && image.ref.digest === null ? [image.ref] : [])),
        )
      : undefined;
    const options = resolvedDigests && policy ? { ...lintOptions, policy: { ...policy, resolvedDigests } } : lintOptions;
    const files: LintedFile[] = [];
    const unreadable: string[] = [];
    for (const path of paths) {
      const read: TextResult | null | undefined = known(path);
      const lines: ChangedLines = changes.lines.get(path) ?? new Set<number>();
      if (read === null || read === undefined) {
        unreadable.push(`${path} could not be read at ${sha.slice(0, 7)}`);
        continue;
      }
      if (!read.ok) {
        // As the command line says it: one finding naming the problem, not a lint of garbage.
        files.push({ path, dockerfile: null, changed: lines, findings: [{ code: 'DL1000', level: 'error', file: path, line: 1, column: 1, message: `The file ${read.message}; it was not linted.` }] });
        continue;
      }
      const result = lint(path, read.text, options);
      files.push({ path, findings: result.findings, dockerfile: result.dockerfile, changed: lines });
    }
    // DL and BuildKit rules do not apply to these files: only the policy's image rules (SPEC §11).
    files.push(...lintManifests(manifests, options, changes));
    unreadable.push(...manifests.missing.map((path) => `${path} could not be read at ${sha.slice(0, 7)}`));
    return { files, unreadable };
  };
}

/**
 * The approvals in force, recomputed from GitHub's record: every comment, its author's team
 * membership asked now (once per person), and for a comment written before the current head was
 * pushed, the findings at the head it was written against.
 */
async function approvalsInForce(
  env: ReviewEnv,
  record: PullRecord,
  input: {
    number: number;
    head: string;
    since: string | null;
    author: string;
    policy: Policy | null;
    comments: PullComment[];
    current: LintedFile[];
    paths: readonly string[];
    lintAt: (sha: string, changes: PullChanges) => Promise<LintedHead>;
  },
): Promise<ApprovalEvaluation> {
  const rules = { team: input.policy?.ops.team ?? null, selfApproval: input.policy?.ops.selfApproval ?? false, pullAuthor: input.author };
  const screened = screenComments(input.comments.filter((c) => !c.byThisApp), rules, input.paths);
  const members = new Map<string, boolean>();
  if (rules.team !== null) {
    for (const login of approversToCheck(screened)) members.set(login.toLowerCase(), await env.client.isTeamMember(rules.team, login));
  }
  // A refused membership may mean the team itself is invisible: asked once, so ops learn their setup is wrong.
  const teamVisible = rules.team === null || ![...members.values()].includes(false) || (await env.client.teamVisible(rules.team));

  const identities = new Map<string, FindingIdentity[]>([[input.head, input.current.flatMap(identify)]]);
  let heads: Array<{ sha: string; since: string }> | null = null;
  const granting = screened.filter((s) => s.refusal === null && members.get(s.comment.author.toLowerCase()) === true);
  for (const { comment } of granting) {
    if (input.since !== null && Date.parse(comment.createdAt) >= Date.parse(input.since)) continue;
    heads ??= withCurrent(await record.heads(input.number, (await env.runtime.identity()).id, CHECK_NAME), input.head, input.since);
    const sha = headWhenWritten(heads, comment.createdAt);
    if (sha === null || identities.has(sha)) continue;
    identities.set(sha, (await input.lintAt(sha, NO_CHANGES)).files.flatMap(identify));
  }
  return evaluateApprovals({
    screened,
    rules,
    members,
    teamVisible,
    findingsFor: (comment) => {
      if (input.since !== null && Date.parse(comment.createdAt) >= Date.parse(input.since)) return identities.get(input.head)!;
      const sha = heads === null ? null : headWhenWritten(heads, comment.createdAt);
      return sha === null ? null : (identities.get(sha) ?? null);
    },
  });
}

/** The current head always counts from when its check run says it arrived. */
function withCurrent(heads: Array<{ sha: string; since: string }>, head: string, since: string | null): Array<{ sha: string; since: string }> {
  const others = heads.filter((h) => h.sha !== head);
  return since === null ? others : [...others, { sha: head, since }];
}

async function writeSummary(
  summaries: MarkedComment,
  number: number,
  comments: readonly PullComment[],
  decision: ReviewDecision,
  notes: ReviewNotes,
  team: string | null,
  head: string,
): Promise<void> {
  // Only the app's own comment is its summary: a pasted marker in anyone else's comment is just text.
  const existing = comments.find((c) => c.byThisApp && c.body.startsWith(SUMMARY_MARKER)) ?? null;
  const nothingToSay =
    decision.findings.length === 0 && decision.blockers.length === 0 && !notes.policyErrors?.length && !notes.repoConfigErrors?.length && !notes.reviewRequest && !notes.opsTeam && !notes.unreadable?.length && !notes.tampering?.length;
  if (existing === null && nothingToSay) return;
  // Mutation quotas are tighter than read quotas: an identical body is not written again.
  await summaries.upsert(number, summaryComment(decision, notes, team, head), existing);
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
