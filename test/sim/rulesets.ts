import type { GitHubState, Repository, Ruleset, RulesetRule } from './state.js';

/**
 * Rulesets as GitHub applies them: the rules of every `active` ruleset targeting a branch
 * (`evaluate` and `disabled` ones are neither returned by rules/branches nor enforced), each with
 * the ruleset it comes from. Behaviour over `GitHubState`'s data.
 */

export interface ActiveRule {
  rule: RulesetRule;
  ruleset: Ruleset;
}

export function targets(repo: Repository, ruleset: Ruleset, branch: string): boolean {
  return ruleset.branches.some((target) => target === '~ALL' || target === branch || (target === '~DEFAULT_BRANCH' && branch === repo.defaultBranch));
}

/** The active rules for `branch`; none when the instance has no rulesets (an older GHES). */
export function activeRules(state: GitHubState, repo: Repository, branch: string): ActiveRule[] {
  if (!state.rulesetsApi) return [];
  return (repo.rulesets ?? []).filter((ruleset) => ruleset.enforcement === 'active' && targets(repo, ruleset, branch)).flatMap((ruleset) => ruleset.rules.map((rule) => ({ rule, ruleset })));
}

/** rules/branches' JSON for one rule. */
export function ruleJson(state: GitHubState, repo: Repository, { rule, ruleset }: ActiveRule) {
  return {
    type: rule.type,
    ...(rule.parameters ? { parameters: rule.parameters } : {}),
    ruleset_source_type: ruleset.sourceType,
    ruleset_source: ruleset.sourceType === 'Organization' ? state.org : `${repo.owner}/${repo.name}`,
    ruleset_id: ruleset.id,
  };
}

/** The required status checks of the rules: `integration_id` pins the app that must report it. */
export function rulesetChecks(rules: readonly ActiveRule[]): Array<{ context: string; appId: number | null }> {
  return rules
    .filter(({ rule }) => rule.type === 'required_status_checks')
    .flatMap(({ rule }) => ((rule.parameters?.required_status_checks ?? []) as Array<{ context: string; integration_id?: number }>).map((check) => ({ context: check.context, appId: check.integration_id ?? null })));
}

export const RULE_VIOLATION = 'Repository rule violations found';
