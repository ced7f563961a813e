/**
 * `WWW-Authenticate: Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/node:pull"`
 * read into its scheme and parameters (RFC 7235 auth-params; quoted strings may hold commas).
 */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

export function parseChallenge(header: string | null): Challenge | null {
  if (!header) return null;
  const match = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s*(.*)$/s.exec(header);
  if (!match) return null;
  const params: Record<string, string> = {};
  const pattern = /([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?\s*/gy;
  const rest = match[2] ?? '';
  let pair: RegExpExecArray | null;
  while ((pair = pattern.exec(rest)) !== null && pair[0] !== '') {
    params[pair[1]!.toLowerCase()] = pair[2] !== undefined ? pair[2].replace(/\\(.)/g, '$1') : (pair[3] ?? '');
  }
  return { scheme: match[1]!.toLowerCase(), params };
}
