import { TokenRegistry } from './auth.js';
import { accessTokenRoute, appRoutes } from './rest-app.js';
import { checkRoutes } from './rest-checks.js';
import { gitRoutes } from './rest-git.js';
import { issueRoutes } from './rest-issues.js';
import type { Handler, Route } from './rest-kit.js';
import { branchRoutes } from './rest-branches.js';
import { mergeRoutes } from './rest-merge.js';
import { pullRoutes } from './rest-pulls.js';
import { statusRoutes } from './rest-statuses.js';
import type { GitHubState } from './state.js';

export { matchRoute, notFound, routeKey, type Handler, type RestRequest, type RestResponse, type Route } from './rest-kit.js';

/** Every REST route the simulator answers (the token route needs the server's registry: `accessTokenRoute`). */
export const routes: Route[] = [...appRoutes, ...gitRoutes, ...branchRoutes, ...pullRoutes, ...mergeRoutes, ...issueRoutes, ...checkRoutes, ...statusRoutes];

export { accessTokenRoute };

/**
 * The token route on its own, recording each token's installation in `tokens` (the older form;
 * the server uses `accessTokenRoute` and its TokenRegistry).
 */
export function installationToken(state: GitHubState, clock: { now(): number }, tokens: Map<string, number>): Handler {
  const registry = new TokenRegistry(state);
  const inner = accessTokenRoute(state, clock, registry).handler;
  return (req, s) => {
    const response = inner({ ...req, caller: req.caller ?? registry.caller(req.headers) }, s);
    const token = (response.body as { token?: string } | undefined)?.token;
    if (token) tokens.set(token, Number(req.params.installation_id));
    return response;
  };
}
