import type { DeployDecision } from './decide.js';

/** `plimsoll verify --format json`: one object per image, in argument order, with SPEC §10's fields. */
export function formatVerifyJson(decisions: readonly DeployDecision[]): string {
  return `${JSON.stringify(
    decisions.map(({ image, digest, base, baseDigest, builtFrom, verdict, codes, reasons }) => ({ image, digest, base, baseDigest, builtFrom, verdict, codes, reasons })),
    null,
    2,
  )}\n`;
}

const MARK: Record<DeployDecision['verdict'], string> = { allowed: 'allowed', denied: 'DENIED', unknown: 'unknown' };

/** The terminal form: a block per image. */
export function formatVerifyTty(decisions: readonly DeployDecision[]): string {
  const out: string[] = [];
  for (const decision of decisions) {
    const counts = decision.verdict === 'unknown' ? ` (${decision.admitted ? 'allowed' : 'denied'} by deploy.unknown-base)` : '';
    out.push(`${decision.image}: ${MARK[decision.verdict]}${counts}`);
    if (decision.digest) out.push(`  digest ${decision.digest}`);
    for (const entry of decision.builtFrom) out.push(`  built from ${entry.image}${entry.digest ? `@${entry.digest}` : ''} (${entry.source})`);
    for (const reason of decision.reasons) {
      out.push(`  - ${reason}`);
    }
    if (decision.codes.length > 0) out.push(`  codes: ${decision.codes.join(', ')}`);
    out.push('');
  }
  return out.join('\n');
}
