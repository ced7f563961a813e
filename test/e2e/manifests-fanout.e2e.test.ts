import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { startApp, type RunningApp } from './app.js';

/**
 * The fan-out over every image a repository runs on (SPEC §11), end to end: discovery finds the
 * compose files, manifests, workflows and dev containers, the inventory lists them by source, and
 * one pull request per (repository, image) edits them together with the Dockerfiles.
 */

const policy = (node: string, postgres: string) => `version: 1
ops:
  team: platform-ops
images:
  - name: node
    versions: [${node}]
    update: minor
  - name: postgres
    versions: [${postgres}]
    update: minor
`;

const FILES = {
  Dockerfile: 'FROM node:20.11.1\nUSER node\n',
  'db/Dockerfile': 'FROM postgres:16.1\n',
  'compose.yaml': "services:\n  web:\n    build: .\n    image: 'node:20.11.1'   # the app, built here\n  db:\n    image: postgres:${PG_TAG:-16.1}\n",
  '.env': '# versions\nPG_TAG=16.1\n',
  '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container: node:20.11.1-bookworm\n    services:\n      db: {image: "postgres:16.1"}\n',
  'k8s/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: node:20.11.1\n',
  '.devcontainer/devcontainer.json': '{\n  // the team image\n  "image": "node:20.11.1",\n}\n',
  'mkdocs.yml': 'site_name: shop\n',
};

let sim: Simulator;
let app: RunningApp | undefined;

beforeEach(async () => {
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }) });
  sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': policy('20.11.1', '16.1') });
  sim.state.addRepo('shop', FILES);
  sim.state.addRepo('ops-tools', { 'stack/compose.yml': 'services:\n  db:\n    image: "postgres:16.1"\n' });
  sim.state.addTeam('platform-ops', ['olga']);
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
});

describe('a policy change fans out over compose files, manifests, workflows and dev containers', () => {
  it('one pull request per (repository, image), every file of the image in one commit, the .env edited where the value is', async () => {
    app = await startApp(sim);
    const push = sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('20.12.0, 20.11.1', '16.2, 16.1') }, 'Allow node 20.12.0 and postgres 16.2');

    await app.deliver('push', push.payload);
    await sim.idle(300);

    const shop = sim.state.repo('shop');
    expect(sim.state.pulls(shop).map((pr) => [pr.pull.head, pr.title, pr.state])).toStrictEqual([
      ['plimsoll/node', 'Bump node base image to 20.12.0', 'open'],
      ['plimsoll/postgres', 'Bump postgres base image to 16.2', 'open'],
    ]);
    const changed = (branch: string) => Object.keys(FILES).filter((path) => sim.state.fileAt(shop, path, branch) !== FILES[path as keyof typeof FILES]);
    expect(changed('plimsoll/node')).toStrictEqual(['Dockerfile', 'compose.yaml', '.github/workflows/ci.yml', 'k8s/web.yaml', '.devcontainer/devcontainer.json']);
    expect(changed('plimsoll/postgres')).toStrictEqual(['db/Dockerfile', '.env', '.github/workflows/ci.yml']);
    // The version token only: quotes, comments, flow style and line ends as they were.
    expect(sim.state.fileAt(shop, 'compose.yaml', 'plimsoll/node')).toBe("services:\n  web:\n    build: .\n    image: 'node:20.12.0'   # the app, built here\n  db:\n    image: postgres:${PG_TAG:-16.1}\n");
    expect(sim.state.fileAt(shop, '.env', 'plimsoll/postgres')).toBe('# versions\nPG_TAG=16.2\n');
    expect(sim.state.fileAt(shop, '.github/workflows/ci.yml', 'plimsoll/postgres')).toBe(FILES['.github/workflows/ci.yml'].replace('"postgres:16.1"', '"postgres:16.2"'));
    expect(sim.state.fileAt(shop, '.github/workflows/ci.yml', 'plimsoll/node')).toBe(FILES['.github/workflows/ci.yml'].replace('node:20.11.1-bookworm', 'node:20.12.0-bookworm'));
    expect(sim.state.fileAt(shop, '.devcontainer/devcontainer.json', 'plimsoll/node')).toBe('{\n  // the team image\n  "image": "node:20.12.0",\n}\n');
    // One commit each, on the default branch.
    for (const branch of ['plimsoll/node', 'plimsoll/postgres']) expect(sim.state.commits.get(shop.branches.get(branch)!)!.parents).toStrictEqual([shop.branches.get('main')]);
    const body = sim.state.pulls(shop).find((pr) => pr.pull.head === 'plimsoll/postgres')!.body;
    expect(body).toContain('| .env | 2 | `postgres:16.1` | `postgres:16.2` |');

    // A compose file alone is a repository's usage too.
    const tools = sim.state.repo('ops-tools');
    expect(sim.state.pulls(tools).map((pr) => pr.pull.head)).toStrictEqual(['plimsoll/postgres']);
    expect(sim.state.fileAt(tools, 'stack/compose.yml', 'plimsoll/postgres')).toBe('services:\n  db:\n    image: "postgres:16.2"\n');

    const [issue] = [...sim.state.repo('.github').issues.values()];
    expect(issue!.body).toContain('3 repositories, 2 container definitions, 2 compose files, 1 Kubernetes manifest, 1 workflow, 1 dev container.');
    expect(issue!.body).toContain('| compose | 3 | 2 | 2 |');
    expect(issue!.body).toContain('compose.yaml:4 (compose)');
    expect(issue!.body).toContain('k8s/web.yaml:9 (kubernetes)');
    expect(issue!.body).toMatch(/r\d -->\|Dockerfile, compose, kubernetes, workflow, devcontainer\| i\d/);
    expect(issue!.body).toMatch(/r\d -\.->\|compose\| i\d/);

    // Idempotent: the same push again writes nothing.
    const writes = sim.counters.writes;
    await app.deliver('push', push.payload);
    await sim.idle(300);
    expect(sim.counters.writes).toBe(writes);
    expect(sim.counters.unknown).toStrictEqual([]);
  });

  it('a value shared by two compose files is edited only when both move to one version', async () => {
    sim.state.addRepo('pair', {
      'compose.yaml': 'services:\n  db:\n    image: postgres:${TAG}\n',
      'compose.override.yaml': 'services:\n  app:\n    image: node:${TAG}\n',
      '.env': 'TAG=16.1\n',
    });
    app = await startApp(sim);
    const push = sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('20.11.1', '16.2, 16.1') });

    await app.deliver('push', push.payload);
    await sim.idle(300);

    expect(sim.state.pulls(sim.state.repo('pair'))).toStrictEqual([]);
    const [issue] = [...sim.state.repo('.github').issues.values()];
    expect(issue!.body).toContain('## Not fixable automatically');
    expect(issue!.body).toContain('| acme/pair | .env | 1 | postgres:\\${TAG} | TAG feeds compose.yaml:3, compose.override.yaml:3 (postgres → 16.2, node unchanged);');
  });

  it('an installation without the workflows permission: the workflow is listed for a manual edit, the rest is bumped', async () => {
    const { workflows: _workflows, ...granted } = sim.state.permissions;
    sim.state.permissions = granted;
    app = await startApp(sim);
    const push = sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('20.12.0, 20.11.1', '16.1') });

    await app.deliver('push', push.payload);
    await sim.idle(300);

    const shop = sim.state.repo('shop');
    expect(sim.state.pulls(shop).map((pr) => pr.pull.head)).toStrictEqual(['plimsoll/node']);
    expect(sim.state.fileAt(shop, '.github/workflows/ci.yml', 'plimsoll/node')).toBe(FILES['.github/workflows/ci.yml']);
    expect(sim.state.fileAt(shop, 'k8s/web.yaml', 'plimsoll/node')).toContain('image: node:20.12.0\n');
    const [issue] = [...sim.state.repo('.github').issues.values()];
    expect(issue!.body).toContain('| acme/shop | .github/workflows/ci.yml | 5 | node:20.11.1-bookworm | needs node:20.12.0-bookworm, but GitHub lets an app edit workflows only with the workflows permission');
    expect(sim.counters.forbidden).toStrictEqual([]);
  });

  it('the policy pull request’s preview counts them and says which pull requests they join', async () => {
    app = await startApp(sim);
    const { payload } = sim.openPullRequest('.github', { branch: 'postgres-16.2', changes: { '.github/plimsoll-policy.yml': policy('20.11.1', '16.2, 16.1') }, author: 'olga' });

    await app.deliver('pull_request', payload);
    await sim.idle(300);

    const [run] = sim.state.checkRunsOf('.github', 'plimsoll');
    expect(run).toMatchObject({ conclusion: 'success', output: { title: 'Policy valid: 2 new bump pull requests' } });
    expect(run!.output.summary).toContain('| acme/ops-tools | postgres | 16.1 → 16.2 (stack/compose.yml:3, compose) | new pull request |');
    expect(run!.output.summary).toContain(
      '| acme/shop | postgres | 16.1 → 16.2 (db/Dockerfile:1)<br>16.1 → 16.2 (.github/workflows/ci.yml:7, workflow)<br>16.1 → 16.2 (compose.yaml:6, compose) | new pull request |',
    );
    expect(run!.output.summary).toContain('(7 files, 9 image references)');
    expect([...sim.state.repos.values()].flatMap((repo) => sim.state.pulls(repo)).map((pr) => pr.pull.head)).toEqual(['postgres-16.2']);
  });
});
