import { commitJson } from './json.js';
import { protectionOf } from './merging.js';
import type { Need } from './permissions.js';
import { error, inRepo, notFound, ok, page, route, type Route } from './rest-kit.js';
import { activeRules, ruleJson } from './rulesets.js';
import type { BranchProtection, Repository } from './state.js';
import type { Urls } from './json.js';

const CONTENTS_READ: Need = [['contents', 'read']];
const ADMINISTRATION_READ: Need = [['administration', 'read']];
const METADATA_READ: Need = [['metadata', 'read']];

/** The required status checks as the protection API shows them, `strict` included. */
function requiredStatusChecksJson(repo: Repository, branch: string, protection: BranchProtection, urls: Urls) {
  const url = `${urls.api}/repos/${repo.owner}/${repo.name}/branches/${branch}/protection/required_status_checks`;
  return {
    url,
    strict: protection.strict,
    contexts: protection.checks.map((c) => c.context),
    contexts_url: `${url}/contexts`,
    checks: protection.checks.map((c) => ({ context: c.context, app_id: c.appId })),
  };
}

/**
 * Branches and their protection. `GET …/branches/{branch}` needs only `contents: read` and shows
 * a partial view of the protection (which checks are required, from which app: no `strict`);
 * `…/protection` and its parts need `administration: read`, as on GitHub.
 */
export const branchRoutes: Route[] = [
  route(
    'GET',
    '/repos/{owner}/{repo}/branches/{branch}',
    CONTENTS_READ,
    inRepo((req, state, repo) => {
      const branch = req.params.branch!;
      const sha = repo.branches.get(branch);
      if (!sha) return error(404, 'Branch not found');
      const protection = protectionOf(repo, branch);
      return ok({
        name: branch,
        commit: commitJson(state, repo, state.commits.get(sha)!, req.urls),
        protected: protection !== null,
        protection: {
          enabled: protection !== null,
          required_status_checks: {
            enforcement_level: protection && protection.checks.length > 0 ? 'non_admins' : 'off',
            contexts: protection?.checks.map((c) => c.context) ?? [],
            checks: protection?.checks.map((c) => ({ context: c.context, app_id: c.appId })) ?? [],
          },
        },
        protection_url: `${req.urls.api}/repos/${repo.owner}/${repo.name}/branches/${branch}/protection`,
        _links: { self: `${req.urls.api}/repos/${repo.owner}/${repo.name}/branches/${branch}`, html: `${req.urls.web}/${repo.owner}/${repo.name}/tree/${branch}` },
      });
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/branches/{branch}/protection',
    ADMINISTRATION_READ,
    inRepo((req, _state, repo) => {
      const branch = req.params.branch!;
      if (!repo.branches.has(branch)) return error(404, 'Branch not found');
      const protection = protectionOf(repo, branch);
      if (!protection) return error(404, 'Branch not protected');
      return ok({ url: `${req.urls.api}/repos/${repo.owner}/${repo.name}/branches/${branch}/protection`, required_status_checks: requiredStatusChecksJson(repo, branch, protection, req.urls) });
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks',
    ADMINISTRATION_READ,
    inRepo((req, _state, repo) => {
      const branch = req.params.branch!;
      const protection = repo.branches.has(branch) ? protectionOf(repo, branch) : null;
      if (!protection) return error(404, repo.branches.has(branch) ? 'Branch not protected' : 'Branch not found');
      return ok(requiredStatusChecksJson(repo, branch, protection, req.urls));
    }),
  ),

  /**
   * Every active rule of the rulesets that target a branch (which need not exist), with the
   * ruleset it comes from; rules of `evaluate` or `disabled` rulesets are not returned. An
   * instance without rulesets (an older GHES) answers 404.
   */
  route(
    'GET',
    '/repos/{owner}/{repo}/rules/branches/{branch}',
    METADATA_READ,
    inRepo((req, state, repo) => {
      if (!state.rulesetsApi) return notFound();
      const rules = activeRules(state, repo, req.params.branch!);
      return page(req, rules, (slice) => slice.map((rule) => ruleJson(state, repo, rule)));
    }),
  ),
];
