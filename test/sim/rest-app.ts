import type { TokenRegistry } from './auth.js';
import { appJson, installationJson, repoJson, userJson } from './json.js';
import { within, type Permissions } from './permissions.js';
import { callerOf, error, notFound, ok, page, route, type Route } from './rest-kit.js';
import type { App, GitHubState } from './state.js';

const appOf = (req: Parameters<Route['handler']>[0], state: GitHubState): App => callerOf(req, state).app;

/**
 * `POST /app/installations/{id}/access_tokens`: a token for the JWT's app, holding the
 * installation's permissions (or the subset asked for), expiring in an hour of simulated time.
 */
export function accessTokenRoute(state: GitHubState, clock: { now(): number }, registry: TokenRegistry): Route {
  return route('POST', '/app/installations/{installation_id}/access_tokens', 'app', (req) => {
    const app = appOf(req, state);
    if (Number(req.params.installation_id) !== app.installationId) return notFound();
    const asked = req.body.permissions as Permissions | undefined;
    if (asked && !within(asked, app.permissions)) return error(422, 'The permissions requested are not granted to this installation.');
    const names = req.body.repositories as string[] | undefined;
    const ids = req.body.repository_ids as number[] | undefined;
    const repos = [...state.repos.values()].filter((r) => state.isInstalled(app, r));
    const limited = names || ids ? repos.filter((r) => names?.some((n) => n.toLowerCase() === r.name.toLowerCase()) || ids?.includes(r.id)) : null;
    if (limited && limited.length < (names?.length ?? 0) + (ids?.length ?? 0)) return error(422, 'There is at least one repository that does not exist or is not accessible to the parent installation.');
    const token = registry.mint(app, { ...(asked ? { permissions: asked } : {}), ...(limited ? { repositories: limited.map((r) => r.name) } : {}) });
    return ok(
      {
        token,
        expires_at: new Date(clock.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        permissions: asked ?? app.permissions,
        repository_selection: limited ? 'selected' : app.repositorySelection,
        ...(limited ? { repositories: limited.map((r) => repoJson(state, r, req.urls)) } : {}),
      },
      201,
    );
  });
}

export const appRoutes: Route[] = [
  route('GET', '/app', 'app', (req, state) => ok(appJson(state, appOf(req, state), req.urls))),

  route('GET', '/app/installations', 'app', (req, state) => ok([installationJson(state, appOf(req, state), req.urls)])),

  route('GET', '/app/installations/{installation_id}', 'app', (req, state) => {
    const app = appOf(req, state);
    return Number(req.params.installation_id) === app.installationId ? ok(installationJson(state, app, req.urls)) : notFound();
  }),

  route('GET', '/orgs/{org}/installation', 'app', (req, state) =>
    req.params.org!.toLowerCase() === state.org.toLowerCase() ? ok(installationJson(state, appOf(req, state), req.urls)) : notFound(),
  ),

  route('GET', '/repos/{owner}/{repo}/installation', 'app', (req, state) => {
    const repo = state.findRepo(req.params.owner!, req.params.repo!);
    const app = appOf(req, state);
    return repo && state.isInstalled(app, repo) ? ok(installationJson(state, app, req.urls)) : notFound();
  }),

  route('GET', '/installation/repositories', 'none', (req, state) => {
    const caller = callerOf(req, state);
    const app = caller.app;
    const only = caller.kind === 'installation' ? caller.repositories : null;
    const repos = [...state.repos.values()].filter((r) => state.isInstalled(app, r) && (only === null || only.has(r.name.toLowerCase())));
    return page(req, repos, (slice) => ({ total_count: repos.length, repository_selection: app.repositorySelection, repositories: slice.map((r) => repoJson(state, r, req.urls)) }));
  }),

  route('GET', '/orgs/{org}/teams/{team_slug}/memberships/{username}', [['members', 'read']], (req, state) => {
    const slug = req.params.team_slug!;
    if (req.params.org!.toLowerCase() !== state.org.toLowerCase() || !state.teams.has(slug)) return notFound();
    const membership = state.teamMembership(slug, req.params.username!);
    if (!membership) return notFound();
    return ok({ url: `${req.urls.api}/organizations/1/team/${slug}/memberships/${req.params.username}`, role: membership.role, state: membership.state });
  }),

  route('GET', '/orgs/{org}/teams/{team_slug}', [['members', 'read']], (req, state) => {
    const slug = req.params.team_slug!;
    if (req.params.org!.toLowerCase() !== state.org.toLowerCase() || !state.teams.has(slug)) return notFound();
    return ok({ id: 1, node_id: 'T_1', slug, name: slug, privacy: 'closed', permission: 'pull', url: `${req.urls.api}/organizations/1/team/1`, members_count: state.teams.get(slug)!.size });
  }),

  route('GET', '/orgs/{org}/teams/{team_slug}/members', [['members', 'read']], (req, state) => {
    const members = state.teams.get(req.params.team_slug!);
    if (req.params.org!.toLowerCase() !== state.org.toLowerCase() || !members) return notFound();
    return page(req, [...members].map((login) => userJson(state.user(login), req.urls)));
  }),
];
