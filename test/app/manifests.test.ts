import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobs, contentsPath, deliver, fixture, github, HEAD, logs, pullJson, resetGitHub, reviewMocks, sent, testProbot, token, violations } from './harness.js';

/**
 * The review of compose files, Kubernetes manifests, workflows and dev containers (SPEC §11) as
 * GitHub sees it: which requests, with which bodies. The texts of every file come in one GraphQL
 * query whatever their number; a dev container's compose files that the pull request does not
 * change need one more.
 */

type Writes = Array<{ route: string; body: unknown }>;
const payload = fixture('pull_request.opened');
const receive = () => deliver(testProbot(), { id: 'delivery-1', name: 'pull_request', payload });

const POLICY = `version: 1
ops:
  team: platform-ops
  review: never
images:
  - name: node
    versions: [20.11.1]
  - name: postgres
    versions: [16.2]
`;

/** The paths each GraphQL file read asked for, in order. */
function fileQueries(scope: nock.Scope): string[][] {
  const queries: string[][] = [];
  scope.on('request', (_req: unknown, _interceptor: unknown, body: string) => {
    const parsed = body ? (JSON.parse(body) as { query?: string; variables?: Record<string, string> }) : {};
    if (!parsed.query?.includes('object(expression')) return;
    queries.push(Object.entries(parsed.variables ?? {}).filter(([name]) => /^e\d+$/.test(name)).map(([, expression]) => expression.slice(HEAD.length + 1)));
  });
  return queries;
}

beforeEach(resetGitHub);
afterEach(() => {
  expect(violations).toStrictEqual([]);
  expect(nock.pendingMocks()).toStrictEqual([]);
});

const added = (filename: string) => ({ filename, status: 'added' });

describe('a review touching files of every kind', () => {
  it('reads all of them in one query, a dev container’s compose file in one more, and annotates each image', async () => {
    const writes: Writes = [];
    const scope = token(github());
    const queries = fileQueries(scope);
    const contents = {
      'compose.yaml': 'services:\n  db:\n    image: postgres:${PG:-16.2}\n',
      '.env': 'PG=15.4\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container: node:18.19.0\n',
      'k8s/app.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - {name: app, image: "node:20.11.1"}\n',
      '.devcontainer/devcontainer.json': '{ "dockerComposeFile": ["stack.yml"], "service": "dev" }\n',
    };
    reviewMocks(scope, {
      files: ['compose.yaml', '.github/workflows/ci.yml', 'k8s/app.yaml', '.devcontainer/devcontainer.json', 'README.md'].map(added),
      contents,
      policy: POLICY,
      writes,
      postsComment: 9,
    });
    // The second read: the compose file the dev container names, which this pull request does not change.
    blobs(scope, HEAD, { '.devcontainer/stack.yml': 'services:\n  dev:\n    image: "node:20.11.0"\n' });

    await receive();

    // The file reads and the comments read run side by side: compared as a list of requests.
    expect([...sent].sort()).toStrictEqual([
      'POST /app/installations/42/access_tokens',
      'GET /repos/acme/web/pulls/7',
      'GET /repos/acme/web/pulls/7/files?per_page=100',
      'GET /repos/acme/web/contents/.github/plimsoll.yml',
      `GET /repos/acme/web/commits/${HEAD}/check-runs?check_name=plimsoll&app_id=123&filter=all&per_page=100`,
      'POST /repos/acme/web/check-runs',
      'GET /repos/acme/.github/contents/.github/plimsoll-policy.yml',
      'POST /graphql files',
      'POST /graphql files',
      'POST /graphql comments',
      'PATCH /repos/acme/web/check-runs/99',
      'POST /repos/acme/web/issues/7/comments',
    ].sort());
    expect(queries).toStrictEqual([
      ['compose.yaml', '.env', '.github/workflows/ci.yml', 'k8s/app.yaml', '.devcontainer/devcontainer.json'],
      ['.devcontainer/stack.yml', '.devcontainer/.env'],
    ]);
    expect((writes[0]!.body as { output: { summary: string } }).output.summary).toBe(
      'Linting 4 changed compose file(s), manifest(s), workflow(s) or dev container(s).',
    );
    const check = writes.find((w) => w.route === 'PATCH check-runs')!.body as { conclusion: string; output: { text: string; annotations: Array<Record<string, unknown>> } };
    expect(check.conclusion).toBe('failure');
    expect(check.output.annotations).toStrictEqual([
      {
        path: '.github/workflows/ci.yml',
        start_line: 5,
        end_line: 5,
        start_column: 16,
        end_column: 28,
        annotation_level: 'failure',
        title: 'PL1001 (error)',
        message: 'node 18.19.0 is not allowed; allowed: 20.11.1 — use node:20.11.1',
      },
      {
        path: 'compose.yaml',
        start_line: 3,
        end_line: 3,
        start_column: 12,
        end_column: 32,
        annotation_level: 'failure',
        title: 'PL1001 (error)',
        message: 'postgres 15.4 is not allowed; allowed: 16.2 — use postgres:16.2',
      },
    ]);
    // The dev container's compose file is not changed here: its finding is pre-existing.
    expect(check.output.text).toContain('| .devcontainer/stack.yml | 3 | [PL1001]');
  });

  it('only YAML that holds no manifest: its texts read once, then nothing (no check, no comment)', async () => {
    const scope = token(github());
    scope.get('/repos/acme/web/pulls/7').reply(200, pullJson());
    scope.get('/repos/acme/web/pulls/7/files?per_page=100').reply(200, [added('mkdocs.yml'), added('charts/web/templates/deployment.yaml')]);
    scope.get(contentsPath('web', '.github/plimsoll.yml')).reply(404, { message: 'Not Found' });
    const queries = fileQueries(scope);
    blobs(scope, HEAD, {
      'mkdocs.yml': 'site_name: web\n',
      // A Helm template that happens to parse as YAML: the Chart.yaml beside its folder says what it is.
      'charts/web/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: [{image: "{{ .Values.image }}"}]\n',
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    });

    await receive();

    expect(queries).toStrictEqual([['mkdocs.yml', 'charts/web/templates/deployment.yaml', 'charts/web/Chart.yaml']]);
    expect(logs.filter((l) => l.level === 50)).toStrictEqual([]);
    expect(sent.filter((s) => !s.startsWith('GET'))).toStrictEqual(['POST /app/installations/42/access_tokens', 'POST /graphql files']);
  });

  it('a repository config may switch a kind off: a workflow then is only a YAML file, and holds no manifest', async () => {
    const scope = token(github());
    scope.get('/repos/acme/web/pulls/7').reply(200, pullJson());
    scope.get('/repos/acme/web/pulls/7/files?per_page=100').reply(200, [added('.github/workflows/ci.yml')]);
    scope.get(contentsPath('web', '.github/plimsoll.yml')).reply(200, 'kinds:\n  workflow:\n    enabled: false\n');
    blobs(scope, HEAD, { '.github/workflows/ci.yml': 'jobs:\n  t:\n    container: ubuntu:18.04\n' });

    await receive();

    expect(sent).toStrictEqual([
      'POST /app/installations/42/access_tokens',
      'GET /repos/acme/web/pulls/7',
      'GET /repos/acme/web/pulls/7/files?per_page=100',
      'GET /repos/acme/web/contents/.github/plimsoll.yml',
      'POST /graphql files',
    ]);
    expect(logs.filter((l) => l.level === 50)).toStrictEqual([]);
    expect(logs.find((l) => l.decision === 'skipped')).toMatchObject({ why: 'no container definition or file naming images changed' });
  });
});
