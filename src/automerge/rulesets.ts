import { NO_RULES, type MergeMethod, type RequiredChecks, type RulesetLimits } from './facts.js';

/**
 * The active rules GitHub applies to a branch (`GET /repos/{o}/{r}/rules/branches/{b}`: every
 * active rule of repository and organization rulesets; rules of rulesets in `evaluate` or
 * `disabled` enforcement are not returned, so every rule here is enforced), joined with classic
 * branch protection into what a merge must satisfy. Pure.
 */

/** One rule as rules/branches returns it (only the fields read here). */
export interface BranchRule {
  type: string;
  parameters?: {
    required_status_checks?: Array<{ context: string; integration_id?: number | null }>;
    strict_required_status_checks_policy?: boolean;
    required_approving_review_count?: number;
    require_code_owner_review?: boolean;
    allowed_merge_methods?: string[];
  };
  ruleset_source_type?: string;
  ruleset_source?: string;
  ruleset_id?: number;
}

const METHODS: readonly MergeMethod[] = ['merge', 'squash', 'rebase'];

/** The required checks of protection and of every `required_status_checks` rule, with what else the rules ask. */
export function withRulesets(protection: RequiredChecks, rules: readonly BranchRule[] | null): RequiredChecks {
  if (rules === null) return { ...protection, rulesetsRead: false };
  const checks = [...protection.checks];
  const limits: RulesetLimits = { ...NO_RULES, sources: [] };
  for (const rule of rules) {
    const source = rule.ruleset_source ? `${rule.ruleset_source}${rule.ruleset_id === undefined ? '' : ` (ruleset ${rule.ruleset_id})`}` : `ruleset ${rule.ruleset_id ?? '?'}`;
    if (!limits.sources.includes(source)) limits.sources.push(source);
    const parameters = rule.parameters ?? {};
    switch (rule.type) {
      case 'required_status_checks':
        for (const check of parameters.required_status_checks ?? []) addCheck(checks, { context: check.context, appId: check.integration_id ?? null });
        if (parameters.strict_required_status_checks_policy) limits.strict = true;
        break;
      case 'pull_request': {
        const reviews = Math.max(parameters.required_approving_review_count ?? 0, parameters.require_code_owner_review ? 1 : 0);
        limits.approvingReviews = Math.max(limits.approvingReviews, reviews);
        if (parameters.allowed_merge_methods) limits.methods = allow(limits.methods, parameters.allowed_merge_methods);
        break;
      }
      case 'required_linear_history':
        limits.methods = allow(limits.methods, ['squash', 'rebase']);
        break;
      case 'merge_queue':
        limits.mergeQueue = true;
        break;
      case 'update':
        limits.updateRestricted = true;
        break;
      // `required_signatures`: GitHub signs the commit of a merge asked through the API. `non_fast_forward`,
      // `deletion`, `creation`: a merge neither force-pushes, deletes nor creates the base branch.
      default:
        break;
    }
  }
  return { protected: protection.protected || rules.length > 0, checks, rules: limits, rulesetsRead: true };
}

/** The union: a context required from two sources (bound to an app in one, to any in the other) is kept twice, and both must pass, as GitHub asks. */
function addCheck(checks: RequiredChecks['checks'], check: RequiredChecks['checks'][number]): void {
  if (!checks.some((c) => c.context === check.context && c.appId === check.appId)) checks.push(check);
}

function allow(current: MergeMethod[] | null, allowed: readonly string[]): MergeMethod[] {
  const listed = METHODS.filter((method) => allowed.map((a) => a.toLowerCase()).includes(method));
  return current === null ? listed : current.filter((method) => listed.includes(method));
}
