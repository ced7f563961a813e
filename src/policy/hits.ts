import type { Dockerfile, ImageUse } from '../dockerfile/types.js';
import type { RuleContext, RuleHit } from '../rules/rule.js';
import type { PolicyContext } from './context.js';
import { evaluateImage, type ImageVerdict } from './evaluate.js';
import { exceptionFor, expiredNote } from './exceptions.js';
import type { Policy } from './types.js';

/** Verdicts are shared by the seven PL1xxx rules: evaluate each image once per policy. */
const verdicts = new WeakMap<Policy, WeakMap<ImageUse, ImageVerdict>>();

export function verdictOf(policy: Policy, use: ImageUse & { ref: NonNullable<ImageUse['ref']> }): ImageVerdict {
  let byUse = verdicts.get(policy);
  if (!byUse) verdicts.set(policy, (byUse = new WeakMap()));
  let verdict = byUse.get(use);
  if (!verdict) byUse.set(use, (verdict = evaluateImage(policy, use.ref)));
  return verdict;
}

/** Where a finding about an image reference points: the reference itself. */
export function hitAt(use: ImageUse, message: string): RuleHit {
  return { line: use.line, column: use.column, endLine: use.span.endLine, endColumn: use.span.endColumn, message };
}

/**
 * Run a PL1xxx check over every image the file pulls (FROM, COPY --from, RUN --mount from, and
 * the `# syntax=` frontend, which BuildKit pulls and runs with the build context in reach, so the
 * policy judges it like a FROM). `message` returns null when the image is fine. Standing
 * exceptions are applied here: an active one silences the finding, an expired one lets it through
 * with a note.
 */
export function imageHits(
  dockerfile: Dockerfile,
  context: RuleContext,
  code: string,
  message: (verdict: ImageVerdict, policy: Policy) => string | null,
): RuleHit[] {
  const policyContext = context.policy;
  if (!policyContext) return [];
  const hits: RuleHit[] = [];
  for (const use of dockerfile.images) {
    if (use.kind !== 'image' || use.ref === null) continue;
    const text = message(verdictOf(policyContext.policy, use as ImageUse & { ref: NonNullable<ImageUse['ref']> }), policyContext.policy);
    if (text === null) continue;
    const withException = applyException(policyContext, code, use, text);
    if (withException !== null) hits.push(hitAt(use, withException));
  }
  return hits;
}

/** The message to report after standing exceptions, or null when an exception covers it. */
export function applyException(context: PolicyContext, code: string, use: ImageUse, message: string): string | null {
  const match = exceptionFor(context, code, use.ref);
  if (!match) return message;
  return match.expired ? message + expiredNote(match.exception) : null;
}
