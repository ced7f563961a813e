import nock from 'nock';
import { validateGraphQL } from './graphql-schema.js';
import { validateRequest } from './openapi.js';

/**
 * The one request-checking harness of the nock tests: every request a `checkedScope` sees is
 * checked against GitHub's REST description (path, method, body) or, for `POST /graphql`, against
 * GitHub's GraphQL schema (the document and its variables). Departures collect in `violations`;
 * tests assert `takeViolations()` (or `violations`) is empty. test/app/harness.ts builds on it.
 */
export const violations: string[] = [];

export function checkedScope(base = 'https://api.github.com'): nock.Scope {
  const scope = nock(base);
  scope.on('request', (req: { method: string; path: string }, _interceptor: unknown, body: string) => {
    const parsed = body ? (JSON.parse(body) as { query?: unknown; variables?: Record<string, unknown> }) : undefined;
    if (req.path === '/graphql' && typeof parsed?.query === 'string') violations.push(...validateGraphQL(parsed.query, parsed.variables));
    else violations.push(...validateRequest(req.method, req.path, parsed));
  });
  return scope;
}

export function takeViolations(): string[] {
  return violations.splice(0);
}
