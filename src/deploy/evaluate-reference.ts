import { parseDockerfile } from '../dockerfile/model.js';
import { lintDockerfile } from '../lint/lint.js';
import { defaultSettings } from '../rules/settings.js';
import type { PolicyContext } from '../policy/context.js';
import { mergeRuleLevels } from '../config/repo-config.js';
import { allRules } from '../rules/index.js';

/**
 * The pull request check's own answer for one image reference: the PL1001–PL1008 rules, run on
 * `FROM <reference>` with the policy's levels and standing exceptions. The deploy decision uses
 * this and nothing else, so a reference a pull request may merge is one a cluster may run, and
 * the reverse (test/deploy/agreement.test.ts holds them together over the corpus).
 */
const IMAGE_RULES = allRules.filter((rule) => /^PL100[1-8]$/.test(rule.code));

export interface ReferenceFinding {
  code: string;
  level: string;
  message: string;
}

export function referenceFindings(reference: string, context: PolicyContext): ReferenceFinding[] {
  const settings = { ...defaultSettings(), levels: mergeRuleLevels(context.policy.rules, {}) };
  const dockerfile = parseDockerfile('deploy', `FROM ${reference}\n`);
  return lintDockerfile(dockerfile, { rules: IMAGE_RULES, settings, policy: context }).map(({ code, level, message }) => ({ code, level, message }));
}

/** Findings that fail a pull request, and so deny a deployment. */
export function denyingFindings(reference: string, context: PolicyContext): ReferenceFinding[] {
  return referenceFindings(reference, context).filter((finding) => finding.level === 'error');
}
