import nock from 'nock';
import { validateRequest } from './openapi.js';

/** Departures from GitHub's API description seen by `checkedScope` scopes since the last `takeViolations()`. */
const violations: string[] = [];

/**
 * A nock scope on api.github.com whose every request is checked against GitHub's REST description
 * and GraphQL schema; tests assert `takeViolations()` is empty.
 */
export function checkedScope(base = 'https://api.github.com'): nock.Scope {
  const scope = nock(base);
  scope.on('request', (req: { method: string; path: string }, _interceptor: unknown, body: string) => {
    violations.push(...validateRequest(req.method, req.path, body ? (JSON.parse(body) as unknown) : undefined));
  });
  return scope;
}

export function takeViolations(): string[] {
  return violations.splice(0);
}
