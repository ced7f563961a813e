import { checkRunJson, checkSuiteJson } from './json.js';
import type { Need } from './permissions.js';
import { callerOf, characters, error, inRepo, invalid, notFound, ok, page, route, validationFailed, type RestRequest, type RestResponse, type Route } from './rest-kit.js';
import { autoMergeSweep } from './merging.js';
import type { Annotation, CheckRun, GitHubState, Repository } from './state.js';

const CHECKS_READ: Need = [['checks', 'read']];
const CHECKS_WRITE: Need = [['checks', 'write']];

/** GitHub's documented limits of the Checks API. */
export const CHECK_LIMITS = { text: 65535, annotations: 50, annotationTitle: 255, annotationMessage: 64 * 1024 };
const STATUSES = ['queued', 'in_progress', 'completed'];
const CONCLUSIONS = ['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'timed_out'];
const LEVELS = ['notice', 'warning', 'failure'];

type Output = { title?: unknown; summary?: unknown; text?: unknown; annotations?: unknown };

const notMember = (value: unknown, of: string[]) => invalid(`${JSON.stringify(value)} is not a member of ${JSON.stringify(of)}.`);
const missing = (field: string) => invalid(`"${field}" wasn't supplied.`);

/** Why GitHub would refuse this body of a create (`creating`) or an update; null when it would not. */
function validate(body: Record<string, unknown>, creating: boolean): RestResponse | null {
  if (creating && typeof body.name !== 'string') return missing('name');
  if (creating && typeof body.head_sha !== 'string') return missing('head_sha');
  if (body.status !== undefined && !STATUSES.includes(String(body.status))) return notMember(body.status, STATUSES);
  if (body.conclusion !== undefined && body.conclusion !== null && !CONCLUSIONS.includes(String(body.conclusion))) return notMember(body.conclusion, CONCLUSIONS);
  if ((body.status === 'completed' || body.completed_at !== undefined) && body.conclusion === undefined) return missing('conclusion');
  for (const field of ['started_at', 'completed_at']) {
    if (body[field] !== undefined && Number.isNaN(Date.parse(String(body[field])))) return invalid(`"${String(body[field])}" is not a valid ISO 8601 date-time for "${field}".`);
  }
  if (body.output === undefined) return null;
  const output = body.output as Output;
  if (typeof output !== 'object' || output === null) return invalid('"output" is not an object.');
  if (typeof output.title !== 'string') return missing('title');
  if (typeof output.summary !== 'string') return missing('summary');
  for (const field of ['summary', 'text'] as const) {
    const text = output[field];
    if (text === undefined) continue;
    if (typeof text !== 'string') return invalid(`"${field}" is not a string.`);
    const count = characters(text);
    if (count > CHECK_LIMITS.text) return invalid(`Only ${CHECK_LIMITS.text} characters are allowed; ${count} were supplied.`);
    // Characters pass, bytes may not: GitHub then checks the size in bytes, with another message.
    if (Buffer.byteLength(text) > CHECK_LIMITS.text) return validationFailed('CheckRun', field, 'custom', `${field} exceeds a maximum bytesize of ${CHECK_LIMITS.text}`);
  }
  if (output.annotations === undefined) return null;
  if (!Array.isArray(output.annotations)) return invalid('"annotations" is not an array.');
  if (output.annotations.length > CHECK_LIMITS.annotations) return invalid(`No more than ${CHECK_LIMITS.annotations} items are allowed; ${output.annotations.length} were supplied.`);
  for (const annotation of output.annotations as Array<Record<string, unknown>>) {
    for (const field of ['path', 'start_line', 'end_line', 'annotation_level', 'message']) if (annotation[field] === undefined) return missing(field);
    if (!LEVELS.includes(String(annotation.annotation_level))) return notMember(annotation.annotation_level, LEVELS);
    if ((annotation.start_column !== undefined || annotation.end_column !== undefined) && annotation.start_line !== annotation.end_line) {
      return validationFailed('CheckRun', 'annotations', 'custom', 'start_column and end_column may only be used when start_line and end_line are the same');
    }
    if (typeof annotation.title === 'string' && characters(annotation.title) > CHECK_LIMITS.annotationTitle) return invalid(`Only ${CHECK_LIMITS.annotationTitle} characters are allowed; ${characters(annotation.title)} were supplied.`);
    for (const field of ['message', 'raw_details']) {
      const value = annotation[field];
      if (typeof value === 'string' && Buffer.byteLength(value) > CHECK_LIMITS.annotationMessage) return validationFailed('CheckRun', field, 'custom', `${field} exceeds a maximum bytesize of ${CHECK_LIMITS.annotationMessage}`);
    }
  }
  return null;
}

/** Applies a validated create or update body to the run: a conclusion completes it. */
function apply(state: GitHubState, run: CheckRun, body: Record<string, unknown>): void {
  if (typeof body.name === 'string') run.name = body.name;
  if (typeof body.external_id === 'string') run.externalId = body.external_id;
  if (typeof body.details_url === 'string') run.detailsUrl = body.details_url;
  if (typeof body.started_at === 'string') run.startedAt = new Date(body.started_at).toISOString();
  if (typeof body.status === 'string') run.status = body.status;
  if (typeof body.conclusion === 'string') {
    run.conclusion = body.conclusion;
    run.status = 'completed';
  }
  if (run.status === 'completed') run.completedAt = typeof body.completed_at === 'string' ? new Date(body.completed_at).toISOString() : (run.completedAt ?? state.timestamp());
  if (body.output) {
    const { annotations = [], title, summary, text } = body.output as { annotations?: Annotation[]; title?: string; summary?: string; text?: string };
    run.output = { ...run.output, ...(title === undefined ? {} : { title }), ...(summary === undefined ? {} : { summary }), ...(text === undefined ? {} : { text }) };
    run.annotations.push(...annotations);
  }
}

function runIn(req: RestRequest, state: GitHubState, repo: Repository): CheckRun | undefined {
  const run = state.checkRuns.get(Number(req.params.check_run_id));
  return run && run.repo.toLowerCase() === repo.name.toLowerCase() ? run : undefined;
}

const notTheCreator = (appId: number) => error(403, `Invalid app_id \`${appId}\` - check run can only be modified by the GitHub App that created it.`);

function refSha(state: GitHubState, repo: Repository, ref: string): string | null {
  return state.resolveCommit(repo, ref.replace(/^refs\/heads\//, ''));
}

export const checkRoutes: Route[] = [
  route(
    'POST',
    '/repos/{owner}/{repo}/check-runs',
    CHECKS_WRITE,
    inRepo((req, state, repo) => {
      const refused = validate(req.body, true);
      if (refused) return refused;
      const headSha = String(req.body.head_sha);
      if (!state.commits.has(headSha)) return error(422, `No commit found for SHA: ${headSha}`);
      const app = callerOf(req, state).app;
      const suite = state.checkSuite(repo, app.id, headSha);
      const now = state.timestamp();
      const run: CheckRun = { id: state.id(), repo: repo.name, name: '', headSha, status: 'queued', conclusion: null, output: {}, annotations: [], appId: app.id, suiteId: suite.id, startedAt: now, completedAt: null, externalId: null, detailsUrl: null };
      apply(state, run, req.body);
      state.checkRuns.set(run.id, run);
      suite.updatedAt = now;
      // GitHub's auto-merge looks again whenever a check lands.
      autoMergeSweep(state, repo);
      return ok(checkRunJson(run, req.urls, repo, state), 201);
    }),
  ),

  route(
    'PATCH',
    '/repos/{owner}/{repo}/check-runs/{check_run_id}',
    CHECKS_WRITE,
    inRepo((req, state, repo) => {
      const run = runIn(req, state, repo);
      if (!run) return notFound();
      const app = callerOf(req, state).app;
      if (run.appId !== undefined && run.appId !== app.id) return notTheCreator(app.id);
      const refused = validate(req.body, false);
      if (refused) return refused;
      apply(state, run, req.body);
      autoMergeSweep(state, repo);
      return ok(checkRunJson(run, req.urls, repo, state));
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/check-runs/{check_run_id}',
    CHECKS_READ,
    inRepo((req, state, repo) => {
      const run = runIn(req, state, repo);
      return run ? ok(checkRunJson(run, req.urls, repo, state)) : notFound();
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations',
    CHECKS_READ,
    inRepo((req, state, repo) => {
      const run = runIn(req, state, repo);
      if (!run) return notFound();
      return page(req, run.annotations, (slice) =>
        slice.map((a) => ({ path: a.path, start_line: a.start_line, end_line: a.end_line, start_column: a.start_column ?? null, end_column: a.end_column ?? null, annotation_level: a.annotation_level, title: a.title ?? null, message: a.message, raw_details: a.raw_details ?? null, blob_href: `${req.urls.web}/${repo.owner}/${repo.name}/blob/${run.headSha}/${a.path}` })),
      );
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/check-runs/{check_run_id}/rerequest',
    CHECKS_WRITE,
    inRepo((req, state, repo) => {
      const run = runIn(req, state, repo);
      if (!run) return notFound();
      const app = callerOf(req, state).app;
      if (run.appId !== undefined && run.appId !== app.id) return notTheCreator(app.id);
      return ok({}, 201);
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/commits/{ref}/check-runs',
    CHECKS_READ,
    inRepo((req, state, repo) => {
      const sha = refSha(state, repo, req.params.ref!);
      if (!sha) return error(422, `No commit found for SHA: ${req.params.ref}`);
      const name = req.query.get('check_name');
      const status = req.query.get('status');
      const appId = req.query.get('app_id');
      const filter = req.query.get('filter') ?? 'latest';
      if (status !== null && !STATUSES.includes(status)) return notMember(status, STATUSES);
      if (!['latest', 'all'].includes(filter)) return notMember(filter, ['latest', 'all']);
      // Newest first; `latest` keeps one run per name and suite (a re-run hides the run it replaced).
      const seen = new Set<string>();
      const runs = [...state.checkRuns.values()]
        .filter((run) => run.repo.toLowerCase() === repo.name.toLowerCase() && run.headSha === sha)
        .filter((run) => (name === null || run.name === name) && (status === null || run.status === status) && (appId === null || run.appId === Number(appId)))
        .reverse()
        .filter((run) => {
          if (filter === 'all') return true;
          const key = `${run.suiteId}:${run.name}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
      return page(req, runs, (slice) => ({ total_count: runs.length, check_runs: slice.map((run) => checkRunJson(run, req.urls, repo, state)) }));
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/commits/{ref}/check-suites',
    CHECKS_READ,
    inRepo((req, state, repo) => {
      const sha = refSha(state, repo, req.params.ref!);
      if (!sha) return error(422, `No commit found for SHA: ${req.params.ref}`);
      const appId = req.query.get('app_id');
      const name = req.query.get('check_name');
      const suites = state
        .checkSuitesOf(repo.name, sha)
        .filter((suite) => (appId === null || suite.appId === Number(appId)) && (name === null || [...state.checkRuns.values()].some((run) => run.suiteId === suite.id && run.name === name)));
      return page(req, suites, (slice) => ({ total_count: suites.length, check_suites: slice.map((suite) => checkSuiteJson(state, suite, req.urls)) }));
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/check-suites/{check_suite_id}',
    CHECKS_READ,
    inRepo((req, state, repo) => {
      const suite = state.checkSuites.get(Number(req.params.check_suite_id));
      return suite && suite.repo.toLowerCase() === repo.name.toLowerCase() ? ok(checkSuiteJson(state, suite, req.urls)) : notFound();
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs',
    CHECKS_READ,
    inRepo((req, state, repo) => {
      const suite = state.checkSuites.get(Number(req.params.check_suite_id));
      if (!suite || suite.repo.toLowerCase() !== repo.name.toLowerCase()) return notFound();
      const name = req.query.get('check_name');
      const runs = [...state.checkRuns.values()].filter((run) => run.suiteId === suite.id && (name === null || run.name === name)).reverse();
      return page(req, runs, (slice) => ({ total_count: runs.length, check_runs: slice.map((run) => checkRunJson(run, req.urls, repo, state)) }));
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/check-suites/{check_suite_id}/rerequest',
    CHECKS_WRITE,
    inRepo((req, state, repo) => {
      const suite = state.checkSuites.get(Number(req.params.check_suite_id));
      return suite && suite.repo.toLowerCase() === repo.name.toLowerCase() ? ok({}, 201) : notFound();
    }),
  ),
];
