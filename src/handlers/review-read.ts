import type { ReadAs, TextResult } from '../files/read.js';
import { compareFindings } from '../findings.js';
import { fileKey, type FileRead, type PullComment, type PullRecord } from '../github/pull-record.js';
import type { PullRequestClient } from '../github/pulls.js';
import { shellcheckDockerfiles } from '../lint/batch.js';
import type { LintSettings } from '../rules/settings.js';
import { KIND_NAMES, MAX_MANIFEST_CHARS } from '../files/kinds.js';
import type { PolicyContext } from '../policy/context.js';
import type { Policy } from '../policy/types.js';
import { digestsForTexts } from '../registry/digests.js';
import { approversToCheck, evaluateApprovals, screenComments, type ApprovalEvaluation, type FindingIdentity } from '../review/approvals.js';
import { identify, type LintedFile } from '../review/decision.js';
import type { ChangedLines } from '../review/diff.js';
import { headWhenWritten } from '../review/heads.js';
import { lintManifests, manifestReads, NO_CHANGES, readManifests, type KnownText, type ManifestTarget, type PullChanges } from '../review/manifest-files.js';
import { CHECK_NAME } from '../review/render.js';
import type { Runtime } from '../runtime.js';
import type { ShellCheckStatus } from '../shellcheck/run.js';

/**
 * What a review reads: the texts of its files at each head it needs (linted as they were), and the
 * approvals in force, recomputed from GitHub's record. The review (./review.ts) decides on these.
 */

export interface LintedHead {
  files: LintedFile[];
  /** Files that could not be reviewed, explained. */
  unreadable: string[];
  shellcheck: ShellCheckStatus;
}

/** Adds ShellCheck's findings to the linted Dockerfiles; what became of ShellCheck, for the check's text. */
async function shellcheckHead(runtime: Runtime, files: LintedFile[], settings: LintSettings): Promise<ShellCheckStatus> {
  const { runner, status } = runtime.shellcheck;
  if (runner === null) return status;
  const checked = await shellcheckDockerfiles(files.map((file) => file.dockerfile), runner, settings);
  files.forEach((file, index) => {
    const found = checked.findings[index] ?? [];
    if (found.length > 0) file.findings = [...file.findings, ...found].sort(compareFindings);
  });
  return checked.status;
}

/** How the files of one kind are read: their size limit and the words of messages. */
const MANIFEST_READ: ReadAs = { maxBytes: MAX_MANIFEST_CHARS, what: 'a text file' };

/**
 * The texts of a review's files at each head, read once: the Dockerfiles and the files of other
 * kinds in one GraphQL query, and the files only their texts name (a dev container's compose
 * files) in one more when there are any.
 */
export class HeadTexts {
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

/** Reads the changed files at a commit and lints them; the same settings at every head. */
export function linter(runtime: Runtime, reader: HeadTexts, paths: readonly string[], targets: readonly ManifestTarget[], lintOptions: { settings: LintSettings; policy: PolicyContext | null }) {
  const lint = runtime.lint;
  return async (sha: string, changes: PullChanges): Promise<LintedHead> => {
    const known = await reader.readAt(sha);
    const manifests = readManifests(targets, known);
    // Under require-digest, PL1008 gives the registry's digest where the policy pins none.
    const policy = lintOptions.policy;
    const resolvedDigests = policy?.policy.requireDigest
      ? await digestsForTexts(
          policy.policy,
          paths.map((path) => known(path)).map((read) => (read?.ok ? read.text : null)),
          runtime.registry(),
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
    // hadolint's SC findings: every RUN script of the head through one ShellCheck process.
    const shellcheck = await shellcheckHead(runtime, files, lintOptions.settings);
    // DL and BuildKit rules do not apply to these files: only the policy's image rules (SPEC §11).
    files.push(...lintManifests(manifests, options, changes));
    unreadable.push(...manifests.missing.map((path) => `${path} could not be read at ${sha.slice(0, 7)}`));
    return { files, unreadable, shellcheck };
  };
}

/**
 * The approvals in force, recomputed from GitHub's record: every comment, its author's team
 * membership asked now (once per person), and for a comment written before the current head was
 * pushed, the findings at the head it was written against.
 */
export async function approvalsInForce(
  client: PullRequestClient,
  runtime: Runtime,
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
    for (const login of approversToCheck(screened)) members.set(login.toLowerCase(), await client.isTeamMember(rules.team, login));
  }
  // A refused membership may mean the team itself is invisible: asked once, so ops learn their setup is wrong.
  const teamVisible = rules.team === null || ![...members.values()].includes(false) || (await client.teamVisible(rules.team));

  const identities = new Map<string, FindingIdentity[]>([[input.head, input.current.flatMap(identify)]]);
  let heads: Array<{ sha: string; since: string }> | null = null;
  const granting = screened.filter((s) => s.refusal === null && members.get(s.comment.author.toLowerCase()) === true);
  for (const { comment } of granting) {
    if (input.since !== null && Date.parse(comment.createdAt) >= Date.parse(input.since)) continue;
    heads ??= withCurrent(await record.heads(input.number, (await runtime.identity()).id, CHECK_NAME), input.head, input.since);
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
