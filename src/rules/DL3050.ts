import { over, simpleRule, type Rule } from './rule.js';

/** hadolint DL3050: with `strict-labels`, only labels named in `label-schema` may be set. */
export const DL3050: Rule = {
  code: 'DL3050', level: 'info', message: 'Superfluous label(s) present.',
  check: over(
    simpleRule(
      (i, { settings }) =>
        settings.strictLabels && i.keyword === 'LABEL' && i.pairs.some((p) => !Object.hasOwn(settings.labelSchema, p.key)),
    ),
  ),
};
