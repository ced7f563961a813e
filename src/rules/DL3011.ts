import { over, simpleRule, type Rule } from './rule.js';

const MAX_PORT = 65535;

/**
 * hadolint DL3011: EXPOSE names a port number above 65535, alone (`80000`, `80000/tcp`) or as a
 * bound of a range (`40000-80000`). Ports given by a variable (`${PORT}`, `40000-${TOP}`) are unknown
 * and not reported.
 */
export const DL3011: Rule = {
  code: 'DL3011', level: 'error', message: 'Valid UNIX ports range from 0 to 65535',
  check: over(simpleRule((i) => i.keyword === 'EXPOSE' && i.words.some((word) => hasInvalidPort(word.value)))),
};

function hasInvalidPort(token: string): boolean {
  const ports = token.split('/')[0]!.split('-');
  return ports.some((port) => /^\d+$/.test(port) && Number(port) > MAX_PORT);
}
