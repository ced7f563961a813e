import { over, simpleRule, type Rule } from './rule.js';

/**
 * hadolint DL3048: label keys should follow Docker's recommended format: lower-case alphanumerics,
 * `.` and `-`, starting with a letter, ending with a letter or digit, no `..` or `--`, and not in the
 * namespaces Docker reserves.
 */
export const DL3048: Rule = {
  code: 'DL3048', level: 'style', message: 'Invalid label key.',
  check: over(simpleRule((i) => i.keyword === 'LABEL' && i.pairs.some((p) => !isValidLabelKey(p.key)))),
};

const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

function isValidLabelKey(key: string): boolean {
  return (
    /^[a-z]/.test(key) &&
    /[a-z0-9]$/.test(key) &&
    /^[0-9a-z.-]*$/.test(key) &&
    !RESERVED.some((prefix) => key.startsWith(prefix)) &&
    !key.includes('..') &&
    !key.includes('--')
  );
}
