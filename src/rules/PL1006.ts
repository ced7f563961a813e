import type { ImageUse } from '../dockerfile/types.js';
import { applyException, hitAt } from '../policy/hits.js';
import { unresolvedCause } from '../policy/unresolved.js';
import type { Rule, RuleHit } from './rule.js';

const KEYWORD: Partial<Record<ImageUse['source'], string>> = { from: 'FROM', 'copy-from': 'COPY --from=', 'mount-from': 'RUN --mount=from=', syntax: '# syntax=' };

/**
 * PL1006: an image reference that cannot be resolved to a concrete image cannot be checked against
 * the policy: an ARG without a default, or a default that does not make a valid reference.
 */
export const PL1006: Rule = {
  code: 'PL1006', level: 'error', message: 'Give the ARG feeding this image a default the policy allows',
  check(dockerfile, context) {
    const policyContext = context.policy;
    if (!policyContext) return [];
    const hits: RuleHit[] = [];
    for (const use of dockerfile.images) {
      if (use.kind !== 'unresolved') continue;
      const where = use.source === 'from' ? `FROM ${use.raw}` : `${KEYWORD[use.source] ?? 'image '}${use.raw}`;
      const message = applyException(policyContext, 'PL1006', use, `${where} cannot be resolved to an image: ${unresolvedCause(dockerfile, use)}`);
      if (message !== null) hits.push(hitAt(use, message));
    }
    return hits;
  },
};
