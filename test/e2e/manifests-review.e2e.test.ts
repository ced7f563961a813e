import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SUMMARY_MARKER } from '../../src/review/render.js';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { startApp, type RunningApp } from './app.js';

/**
 * The pull request review of compose files, Kubernetes manifests, workflows and dev containers
 * (SPEC §11), end to end: the real app against the simulator, a pull request touching only such a
 * file.
 */

const POLICY = `version: 1
ops:
  team: platform-ops
  review: never
trusted-registries: [docker.io, ghcr.io/acme]
own-images: [ghcr.io/acme/*]
images:
  - name: node
    versions: [20.11.1]
  - name: postgres
    versions: [16.1, 16.2]
    update: minor
  - name: ubuntu
    versions: ["22.04"]
  - name: nginx
    versions: [1.25.3]
`;

let sim: Simulator;
let app: RunningApp | undefined;

beforeEach(async () => {
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }) });
  sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': POLICY });
  sim.state.addRepo('web', { 'README.md': '# web\n' });
  sim.state.addTeam('platform-ops', ['olga']);
  app = await startApp(sim);
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
});

function onlyCheck() {
  const runs = sim.state.checkRunsOf('web', 'plimsoll');
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

const PL1001 = (image: string) => `${image} is not on the image whitelist; allowed images: node, postgres, ubuntu, nginx`;

describe('a pull request touching only a file of another kind is reviewed', () => {
  it('a compose file: a failing check, the annotation at the image value, the summary names the file', async () => {
    const compose = 'services:\n  db:\n    image: "redis:7.2.4"   # cache\n  api:\n    build: .\n    image: ghcr.io/acme/api:1.4.0\n';
    const { number, payload } = sim.openPullRequest('web', { branch: 'stack', changes: { 'compose.yaml': compose } });

    await app!.deliver('pull_request', payload);

    const check = onlyCheck();
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '1 error on changed lines' } });
    expect(check.annotations).toStrictEqual([
      { path: 'compose.yaml', start_line: 3, end_line: 3, start_column: 12, end_column: 25, annotation_level: 'failure', title: 'PL1001 (error)', message: PL1001('redis') },
    ]);
    const [summary] = sim.state.commentsOn('web', number);
    expect(summary!.body).toContain(SUMMARY_MARKER);
    expect(summary!.body).toContain('### compose.yaml');
    expect(summary!.body).toContain(`- line 3: **[PL1001]`);
    expect(sim.counters.unknown).toStrictEqual([]);
  });

  it('a workflow with `container: ubuntu:18.04`', async () => {
    const workflow = 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container: ubuntu:18.04\n    steps:\n      - run: make test\n';
    const { payload } = sim.openPullRequest('web', { branch: 'ci', changes: { '.github/workflows/ci.yml': workflow } });

    await app!.deliver('pull_request', payload);

    const check = onlyCheck();
    expect(check.conclusion).toBe('failure');
    expect(check.annotations).toStrictEqual([
      {
        path: '.github/workflows/ci.yml',
        start_line: 5,
        end_line: 5,
        start_column: 16,
        end_column: 28,
        annotation_level: 'failure',
        title: 'PL1001 (error)',
        message: 'ubuntu 18.04 is not allowed; allowed: 22.04 — use ubuntu:22.04',
      },
    ]);
  });

  it('a Kubernetes manifest: every container of a multi-document file, at its line', async () => {
    const manifest = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  template:',
      '    spec:',
      '      initContainers:',
      '        - {name: migrate, image: "postgres:16.1"}',
      '      containers:',
      '        - name: web',
      '          image: nginx:latest',
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: nightly}',
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          containers: [{name: report, image: "busybox:1.36"}]',
      '',
    ].join('\n');
    const { payload } = sim.openPullRequest('web', { branch: 'deploy', changes: { 'k8s/web.yaml': manifest } });

    await app!.deliver('pull_request', payload);

    const check = onlyCheck();
    expect(check.conclusion).toBe('failure');
    expect(check.annotations.map((a) => [a.path, a.start_line, a.title])).toStrictEqual([
      ['k8s/web.yaml', 8, 'PL1003 (warning)'],
      ['k8s/web.yaml', 11, 'PL1001 (error)'],
      ['k8s/web.yaml', 11, 'PL1004 (warning)'],
      ['k8s/web.yaml', 21, 'PL1001 (error)'],
    ]);
  });

  it('a dev container, and the compose file it names', async () => {
    const devcontainer = '{\n  // the team image\n  "name": "web",\n  "image": "mcr.microsoft.com/devcontainers/base:bookworm",\n}\n';
    const { payload } = sim.openPullRequest('web', { branch: 'dev', changes: { '.devcontainer/devcontainer.json': devcontainer } });

    await app!.deliver('pull_request', payload);

    const check = onlyCheck();
    expect(check.conclusion).toBe('failure');
    expect(check.annotations.map((a) => [a.path, a.start_line, a.start_column, a.title])).toStrictEqual([
      ['.devcontainer/devcontainer.json', 4, 12, 'PL1001 (error)'],
      ['.devcontainer/devcontainer.json', 4, 12, 'PL1004 (warning)'],
      ['.devcontainer/devcontainer.json', 4, 12, 'PL1007 (error)'],
    ]);
  });

  it('a YAML file that is no manifest gets no check and no comment', async () => {
    const { number, payload } = sim.openPullRequest('web', { branch: 'docs', changes: { 'mkdocs.yml': 'site_name: web\nnav:\n  - index.md\n', '.github/dependabot.yml': 'version: 2\nupdates: []\n' } });

    await app!.deliver('pull_request', payload);

    expect(sim.state.checkRunsOf('web', 'plimsoll')).toStrictEqual([]);
    expect(sim.state.commentsOn('web', number)).toStrictEqual([]);
  });
});

describe('values from other files', () => {
  it('a dev container naming a compose file that the pull request does not change: its images are read at the head', async () => {
    sim.push('web', 'main', { '.devcontainer/stack.yml': 'services:\n  app:\n    image: node:18.19.0\n' });
    const devcontainer = '{ "name": "web", "dockerComposeFile": "stack.yml", "service": "app" }\n';
    const { payload } = sim.openPullRequest('web', { branch: 'dev', changes: { '.devcontainer/devcontainer.json': devcontainer } });

    await app!.deliver('pull_request', payload);

    const check = onlyCheck();
    // The compose file's line is not changed by the pull request: pre-existing, never failing.
    expect(check.conclusion).toBe('success');
    expect(check.output.text).toContain(`| .devcontainer/stack.yml | 3 | [PL1001]`);
    expect(check.output.text).toContain('### Pre-existing (untouched lines)');
  });

  it('a `.env` value feeding a compose image counts as a change to that image; an approval binds to what it resolved to', async () => {
    sim.push('web', 'main', { 'compose.yaml': 'services:\n  db:\n    image: postgres:${PG:-16.2}\n', '.env': 'PG=16.2\n' });
    const { number, payload } = sim.openPullRequest('web', { branch: 'old-db', changes: { '.env': 'PG=9.6\n' }, author: 'dev-dana' });

    await app!.deliver('pull_request', payload);

    const first = onlyCheck();
    expect(first.conclusion).toBe('failure');
    expect(first.annotations).toStrictEqual([
      { path: 'compose.yaml', start_line: 3, end_line: 3, start_column: 12, end_column: 32, annotation_level: 'failure', title: 'PL1001 (error)', message: 'postgres 9.6 is not allowed; allowed: 16.2, 16.1 — use postgres:16.2' },
    ]);

    const approval = sim.comment('web', number, 'olga', '/plimsoll approve PL1001 compose.yaml legacy dump restore, OPS-7');
    await app!.deliver('issue_comment', approval.payload);
    expect(sim.state.checkRunsOf('web', 'plimsoll').at(-1)!.conclusion).toBe('success');
    expect(sim.state.commentsOn('web', number)[0]!.body).toContain('approved by olga: legacy dump restore, OPS-7');

    // Another value in the .env: what the line resolves to changed, so the approval no longer covers it.
    const push = sim.synchronize('web', number, { '.env': 'PG=10.1\n' });
    await app!.deliver('pull_request', push.payload);
    const latest = sim.state.checkRunsOf('web', 'plimsoll').at(-1)!;
    expect(latest.conclusion).toBe('failure');
    expect(latest.annotations.map((a) => a.message)).toStrictEqual(['postgres 10.1 is not allowed; allowed: 16.2, 16.1 — use postgres:16.2']);
  });
});

describe('hostile files in a pull request: a clear warning, and the review completes', () => {
  const deployment = (name: string, image: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: ${image}\n`;

  it('a 5 MB manifest bundle is read whole (GitHub hands it out as a blob)', { timeout: 60_000 }, async () => {
    const config = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: blob}\ndata:\n  blob: |\n${'    lorem ipsum dolor sit amet, consectetur adipiscing elit\n'.repeat(90_000)}`;
    const bundle = `${config}---\n${deployment('last', 'nginx:1.25.2')}`;
    expect(bundle.length).toBeGreaterThan(5 * 1024 * 1024);
    const { payload } = sim.openPullRequest('web', { branch: 'bundle', changes: { 'deploy/bundle.yaml': bundle } });

    await app!.deliver('pull_request', payload);

    const check = onlyCheck();
    expect(check.status).toBe('completed');
    expect(check.annotations.map((a) => [a.path, a.start_line, a.title])).toStrictEqual([['deploy/bundle.yaml', 90_015, 'PL1001 (error)']]);
  });

  it('an alias bomb, a duplicate key, and a binary file named compose.yaml: one warning each, nothing expanded', async () => {
    let bomb = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - &a0 {name: a, image: "nginx:1.25.3"}\n';
    for (let i = 1; i < 30; i++) bomb += `x${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const { number, payload } = sim.openPullRequest('web', {
      branch: 'hostile',
      changes: {
        'k8s/lol.yaml': bomb,
        'compose.yaml': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x73, 0x65, 0x72, 0x76]),
        'db/compose.yml': 'services:\n  db:\n    image: postgres:16.1\n    image: postgres:16.2\n',
        '.github/workflows/ci.yml': 'jobs:\n  t:\n    container: [ubuntu\n',
      },
    });

    await app!.deliver('pull_request', payload);

    const check = onlyCheck();
    expect(check.status).toBe('completed');
    expect(check.conclusion).toBe('success');
    expect(check.annotations.map((a) => [a.path, a.start_line, a.title, a.message])).toStrictEqual([
      ['.github/workflows/ci.yml', 4, 'PL1009 (warning)', expect.stringMatching(/^Plimsoll could not read the images of \.github\/workflows\/ci\.yml \(read as a GitHub Actions workflow\): not valid YAML: /)],
      ['compose.yaml', 1, 'PL1009 (warning)', 'Plimsoll could not read the images of compose.yaml (read as a compose file): the file is a binary file (it contains NUL bytes), not a compose file'],
      ['db/compose.yml', 4, 'PL1009 (warning)', 'Plimsoll could not read the images of db/compose.yml (read as a compose file): not valid YAML: the key "image" is written twice in one mapping'],
    ]);
    // The bomb's one image, at its anchor, is allowed: nothing to say about it.
    const summary = sim.state.commentsOn('web', number)[0]!.body;
    expect(summary).toContain('### compose.yaml');
    expect(summary).not.toContain('k8s/lol.yaml');
  });
});
