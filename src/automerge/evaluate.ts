import { automergeCovers, kindOfBody, type AutomergeKind } from '../fanout/bump-kind.js';
import { bumpOfBody } from '../fanout/decide.js';
import type { RepoName } from '../fanout/ports.js';
import { decideMerge, planMergeStep, sameAccount, WAITS_ON_A_PERSON, type MergeStep, type MergeVerdict } from './decide.js';
import type { MergeIdentity, PullFacts } from './facts.js';
import type { MergeGitHub } from './ports.js';
import { lookOf, type RefusalMemory } from './refusal.js';
import { checksComment, describeVerdict, mergedComment } from './render.js';

export interface MergeContext {
  github: MergeGitHub;
  /** The policy's `bumps.automerge`. */
  listed: readonly AutomergeKind[];
  identity: MergeIdentity;
  /** GitHub's refusals to merge, remembered so an unchanged pull request is not asked for again. */
  refusals?: RefusalMemory;
}

/** Where a bump pull request stands for the inventory issue (SPEC §7: what merged, what waits on what). */
export type MergeStanding = 'merged' | 'auto-merge' | 'waiting' | 'red-check' | 'person';

export interface MergeOutcome {
  repo: string;
  number: number;
  url: string;
  /** Normalised image and target from the body's marker. */
  image: string;
  target: string;
  headSha: string;
  verdict: MergeVerdict;
  step: MergeStep['step'];
  /** What the write did. */
  result: 'merged' | 'auto-merge-enabled' | 'auto-merge-disabled' | 'branch-updated' | 'head-moved' | 'refused' | 'none';
  message: string | null;
  comment: 'created' | 'edited' | 'unchanged' | null;
  /** For the inventory: null when it is no longer a pull request to track (closed, or not a kind the policy merges). */
  standing: MergeStanding | null;
  /** Why, in a few words (inert Markdown). */
  detail: string;
  /** False: rules/branches answered 404 or 403 and only classic protection was read; null: nothing was read. */
  rulesetsRead: boolean | null;
}

/**
 * One look at a bump pull request: read what GitHub holds, decide, write what the decision asks
 * (merge with the SHA seen green, GitHub's auto-merge on or off, the branch brought up to date,
 * the one comment about a red check). Null when it is not a bump pull request the app opened.
 * Safe to repeat: every write depends on what was read, and the comment is kept in place.
 */
export async function evaluateBumpPull(where: RepoName, pull: { number: number } | { branch: string }, context: MergeContext): Promise<MergeOutcome | null> {
  const { github, identity } = context;
  const facts = await github.readPull(where, pull);
  if (facts === null || !isPlimsollBump(facts, identity.botLogin)) return null;
  const bump = bumpOfBody(facts.body)!;
  const kind = kindOfBody(facts.body);
  const required = facts.state === 'open' ? await github.requiredChecks(where, facts.baseRef) : null;
  const key = `${where.owner}/${where.repo}#${facts.number}`.toLowerCase();
  const seen = lookOf(facts);
  const refused = context.refusals?.get(key) ?? null;
  let verdict = decideMerge({ pull: facts, kind, eligible: automergeCovers(context.listed, kind), required, identity, refused });
  let step = planMergeStep(verdict, facts, required, identity.botLogin);
  // GitHub's auto-merge (or its merge queue) refused for the pull request as it still is: not asked again.
  if (step.step === 'enable-auto-merge' && refused?.seen === seen) step = { step: 'none' };

  let result: MergeOutcome['result'] = 'none';
  let message: string | null = null;
  switch (step.step) {
    case 'merge': {
      const answer = await github.merge(where, facts.number, step.sha, step.method);
      result = answer.outcome === 'merged' ? 'merged' : answer.outcome;
      message = answer.outcome === 'merged' ? null : answer.message;
      if (answer.outcome === 'refused') {
        // A rule GitHub enforces and Plimsoll could not read (a ruleset's check or review): said once, asked again only once something changes.
        context.refusals?.set(key, { seen, message: answer.message });
        verdict = { verdict: 'blocked', reason: { kind: 'refused', message: answer.message } };
      }
      if (answer.outcome === 'merged') context.refusals?.delete(key);
      break;
    }
    case 'enable-auto-merge': {
      const answer = await github.enableAutoMerge(facts.id, step.sha, step.method);
      result = answer.enabled ? 'auto-merge-enabled' : 'refused';
      message = answer.enabled ? null : answer.message;
      if (!answer.enabled) {
        context.refusals?.set(key, { seen, message: answer.message });
        // Green and still refused: a merge queue GitHub will not add it to; said now, not on the next look.
        if (verdict.verdict === 'merge') verdict = { verdict: 'blocked', reason: { kind: 'refused', message: answer.message } };
      }
      break;
    }
    case 'disable-auto-merge':
      await github.disableAutoMerge(facts.id);
      result = 'auto-merge-disabled';
      break;
    case 'update-branch': {
      const answer = await github.updateBranch(where, facts.number, step.sha);
      result = answer.updated ? 'branch-updated' : 'refused';
      message = answer.message ?? null;
      break;
    }
    case 'none':
      break;
  }

  const body = checksComment(verdict, facts.headSha, facts.statuses !== null);
  let comment: MergeOutcome['comment'] = body === null ? null : await github.upsertComment(where, facts.number, body);
  // A red check said earlier is answered once it merged: one read, a write only when there was one.
  if (result === 'merged') {
    const edited = await github.editCommentIfAny(where, facts.number, mergedComment(facts.headSha));
    comment = edited === 'none' ? null : edited;
  }
  return {
    repo: `${where.owner}/${where.repo}`,
    number: facts.number,
    url: facts.url,
    image: bump.image,
    target: bump.target,
    headSha: facts.headSha,
    verdict,
    step: step.step,
    result,
    message,
    comment,
    standing: standingOf(verdict, result, facts),
    detail: result === 'merged' || facts.state === 'merged' ? 'merged on green' : describeVerdict(verdict),
    rulesetsRead: required === null ? null : required.rulesetsRead !== false,
  };
}

/** Opened by the app's bot from a `plimsoll/` branch of the same repository, with the bump marker. */
export function isPlimsollBump(pull: PullFacts, botLogin: string): boolean {
  return sameAccount(pull.author, botLogin) && !pull.crossRepository && pull.headRef.startsWith('plimsoll/') && bumpOfBody(pull.body) !== null;
}

function standingOf(verdict: MergeVerdict, result: MergeOutcome['result'], pull: PullFacts): MergeStanding | null {
  if (result === 'merged' || pull.state === 'merged') return 'merged';
  if (verdict.verdict === 'blocked') {
    const kind = verdict.reason.kind;
    if (kind === 'closed' || kind === 'not-eligible') return null;
    if (kind === 'checks-failed' || kind === 'checks-missing') return 'red-check';
    if (WAITS_ON_A_PERSON.has(kind) || kind === 'reviews-required' || kind === 'update-restricted' || kind === 'refused') return 'person';
  }
  if (result === 'auto-merge-disabled') return 'person';
  return pull.autoMerge !== null || result === 'auto-merge-enabled' ? 'auto-merge' : 'waiting';
}
