import type { Rule, RuleHit } from '../rule.js';
import { goQuote } from './go-quote.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const secretsUsedInArgOrEnv = (instruction: string, secretKey: string): string =>
  `Do not use ARG or ENV instructions for sensitive data (${instruction} ${goQuote(secretKey)})`;

// A secret word as the whole name or its first or last `_`-separated part; BuildKit's lists.
const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED = /(?:_|^)(?:public|file|version)(?:_|$)/i;

/**
 * BuildKit SecretsUsedInArgOrEnv: an ENV or ARG of a stage whose name says it holds a secret
 * (`GITHUB_TOKEN`, `password`, `auth`), unless it also says `public`, `file` or `version`. ARGs
 * above the first FROM are not checked (BuildKit reads them elsewhere). Values are not looked at.
 */
export const SecretsUsedInArgOrEnv: Rule = {
  code: 'SecretsUsedInArgOrEnv', level: 'warning', message: 'Sensitive data should not be used in the ARG or ENV commands',
  buildkit: { url: 'https://docs.docker.com/go/dockerfile/rule/secrets-used-in-arg-or-env/' },
  check(dockerfile) {
    const hits: RuleHit[] = [];
    for (const stage of dockerfile.stages) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
        for (const { key } of instruction.pairs) {
          if (SECRET.test(key) && !ALLOWED.test(key)) hits.push(reportAt(instruction, secretsUsedInArgOrEnv(instruction.keyword, key)));
        }
      }
    }
    return hits;
  },
};
