import { parseImageReference } from '../dockerfile/reference.js';
import { exceptionFor } from '../policy/exceptions.js';
import { bumpTarget, evaluateImage, joinTag, type ImageVerdict } from '../policy/evaluate.js';
import type { Policy } from '../policy/types.js';
import type { ImageUsage } from './model.js';

/**
 * Where a usage stands against the policy (SPEC §7):
 * - `banned`: a banned version, or a banned image;
 * - `outdated`: a bump is due (a newer listed version in scope, or a version no longer listed
 *   that has a target);
 * - `excepted`: it would be refused, but a standing exception for the repository covers it;
 * - `unknown`: Plimsoll cannot place it (unresolved, image or tag not on the whitelist, no target);
 * - `allowed`: everything else.
 */
export type UsageStatus = 'allowed' | 'outdated' | 'banned' | 'excepted' | 'unknown';

export interface UsageVerdict {
  status: UsageStatus;
  /** The version token the bump goes to (`20.11.1`), when one is due. */
  target: string | null;
  /** The policy's reason for a ban. */
  reason: string | null;
}

const CODE_FOR: Record<Exclude<UsageStatus, 'allowed' | 'excepted'>, string[]> = {
  banned: ['PL1002'],
  outdated: ['PL1001', 'PL1003'],
  unknown: ['PL1001', 'PL1004', 'PL1006'],
};

export function usageVerdict(policy: Policy, repo: string, usage: ImageUsage, now: Date): UsageVerdict {
  const ref = usage.name === null ? null : parseImageReference(referenceText(usage));
  if (ref === null) return except(policy, repo, usage, now, { status: 'unknown', target: null, reason: null });
  const verdict = evaluateImage(policy, ref);
  return except(policy, repo, usage, now, classify(policy, verdict));
}

function referenceText(usage: ImageUsage): string {
  let text = usage.name ?? usage.familiar;
  if (usage.tag !== null) text += `:${usage.tag}`;
  if (usage.digest !== null) text += `@${usage.digest}`;
  return text;
}

function classify(policy: Policy, verdict: ImageVerdict): UsageVerdict {
  const { entry, reading } = verdict;
  const target = entry && reading?.version ? bumpTarget(policy, entry, reading.version, verdict.banned !== null) : null;
  const targetTag = target && reading ? joinTag(target.version, reading.variant) : null;
  if (verdict.banned) return { status: 'banned', target: targetTag, reason: verdict.banned.reason };
  if (verdict.newer && reading) return { status: 'outdated', target: joinTag(verdict.newer.version, reading.variant), reason: null };
  if (verdict.notAllowed?.kind === 'version' && targetTag) return { status: 'outdated', target: targetTag, reason: null };
  if (verdict.notAllowed !== null || verdict.floating !== null) return { status: 'unknown', target: null, reason: null };
  return { status: 'allowed', target: null, reason: null };
}

function except(policy: Policy, repo: string, usage: ImageUsage, now: Date, verdict: UsageVerdict): UsageVerdict {
  if (verdict.status === 'allowed' || verdict.status === 'excepted') return verdict;
  const ref = usage.name === null ? null : { name: usage.name, tag: usage.tag };
  const covered = CODE_FOR[verdict.status].some((code) => {
    const match = exceptionFor({ policy, repo, now }, code, ref);
    return match !== null && !match.expired;
  });
  return covered ? { ...verdict, status: 'excepted' } : verdict;
}
