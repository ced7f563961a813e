import { createHash } from 'node:crypto';
import type { PullFacts } from './facts.js';

/**
 * What a bump pull request looked like when GitHub refused to merge it (a ruleset or protection
 * rule Plimsoll could not read, a review GitHub still wants): its head, each check run and status
 * with its outcome, and each reviewer's opinion. The merge is asked again only once this changes
 * (a check re-run, a review, a push), never on every event of an unchanged pull request: no retry
 * storm against a rule that keeps saying no. Pure.
 */
export function lookOf(pull: PullFacts): string {
  const parts = [
    pull.headSha,
    ...pull.checkRuns.map((run) => `run:${run.appId ?? ''}:${run.name}:${run.status}:${run.conclusion ?? ''}`).sort(),
    ...(pull.statuses ?? []).map((status) => `status:${status.context}:${status.state}`).sort(),
    ...pull.reviews.map((review) => `review:${review.author ?? ''}:${review.state}`).sort(),
  ];
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}

/** The refusals remembered, by pull request (`owner/name#n`); kept by whoever runs the looks. */
export interface RefusalMemory {
  get(key: string): { seen: string; message: string } | undefined;
  set(key: string, refusal: { seen: string; message: string }): void;
  delete(key: string): void;
}

/** A bounded memory in process: the oldest refusal goes first. After a restart a refused merge is asked once more. */
export function refusalMemory(limit = 5000): RefusalMemory {
  const entries = new Map<string, { seen: string; message: string }>();
  return {
    get: (key) => entries.get(key),
    set: (key, refusal) => {
      entries.delete(key);
      entries.set(key, refusal);
      if (entries.size > limit) entries.delete(entries.keys().next().value!);
    },
    delete: (key) => void entries.delete(key),
  };
}
