import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allRules } from '../../src/rules/index.js';
import { run } from './run.js';

/** The command line on compose files, manifests, workflows and dev containers (SPEC §11). */

const POLICY = `version: 1
trusted-registries: [docker.io, ghcr.io/acme]
own-images: [ghcr.io/acme/*]
images:
  - name: node
    versions: [20.11.1, 18.19.1]
    variants: [alpine, ""]
  - name: postgres
    versions: [16.2, 15.6]
    update: major
  - name: nginx
    versions: [1.25.4]
`;

const TREE: Record<string, string> = {
  'policy.yml': POLICY,
  'Dockerfile': 'FROM node:20.11.1\nUSER node\n',
  'compose.yaml': 'services:\n  web:\n    image: "node:${NODE_TAG:-20.9.0}-alpine"   # app\n    build: .\n  db:\n    image: postgres:${PG}\n',
  '.env': 'PG=15.5\n',
  'k8s/deploy.yaml': "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: 'nginx:1.25.3'  # pinned\n        - name: api\n          image: ghcr.io/acme/api:main\n",
  'k8s/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deploy.yaml]\n',
  '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    container: node:18.19.1\n    steps:\n      - uses: docker://postgres:${{ matrix.pg }}\n',
  '.devcontainer/devcontainer.json': '{\n  // dev\n  "image": "node:20.11.1",\n}\n',
  'chart/Chart.yaml': 'apiVersion: v2\nname: web\n',
  'chart/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
  'mkdocs.yml': 'site_name: docs\n',
};

describe('the command line on compose files, manifests, workflows and dev containers', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plimsoll-manifests-'));
    for (const [path, text] of Object.entries(TREE)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('images lists every kind from a directory, with source and a null stage; Helm templates and other YAML are skipped quietly', async () => {
    const { code, stdout, stderr } = await run(['images', '--format', 'json', '.'], { cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.file, r.line, r.column, r.source, r.stage, r.raw, r.tag, r.fromArg, r.kind])).toEqual([
      ['.devcontainer/devcontainer.json', 3, 12, 'devcontainer', null, 'node:20.11.1', '20.11.1', null, 'image'],
      ['.github/workflows/ci.yml', 4, 16, 'workflow', null, 'node:18.19.1', '18.19.1', null, 'image'],
      ['.github/workflows/ci.yml', 6, 15, 'workflow', null, 'docker://postgres:${{ matrix.pg }}', null, null, 'unresolved'],
      ['Dockerfile', 1, 6, 'from', 0, 'node:20.11.1', '20.11.1', null, 'image'],
      ['compose.yaml', 3, 12, 'compose', null, 'node:${NODE_TAG:-20.9.0}-alpine', '20.9.0-alpine', 'NODE_TAG', 'image'],
      ['compose.yaml', 6, 12, 'compose', null, 'postgres:${PG}', '15.5', 'PG', 'image'],
      ['k8s/deploy.yaml', 8, 18, 'kubernetes', null, 'nginx:1.25.3', '1.25.3', null, 'image'],
      ['k8s/deploy.yaml', 10, 18, 'kubernetes', null, 'ghcr.io/acme/api:main', 'main', null, 'image'],
    ]);
    expect(rows[4]).toMatchObject({ registry: 'docker.io', repository: 'library/node', expanded: 'node:20.9.0-alpine', stageName: null, platform: null });
  });

  it('images prints one line per reference in tty format', async () => {
    const { stdout } = await run(['images', 'compose.yaml'], { cwd: dir });
    expect(stdout).toBe(
      'compose.yaml:3 compose node:${NODE_TAG:-20.9.0}-alpine -> docker.io/library/node:20.9.0-alpine (variable NODE_TAG)\n' +
        'compose.yaml:6 compose postgres:${PG} -> docker.io/library/postgres:15.5 (variable PG)\n',
    );
  });

  it('lint --policy applies PL1xxx at the image value, DL rules not at all', async () => {
    const { code, stdout, stderr } = await run(['lint', '--policy', 'policy.yml', '--format', 'json', '.'], { cwd: dir, rules: allRules });
    expect(stderr).toBe('');
    // The Dockerfile's own findings are the DL and PL2xxx rules' business, tested elsewhere.
    const findings = (JSON.parse(stdout) as Array<{ file: string; line: number; column: number; code: string }>)
      .filter((f) => f.file !== 'Dockerfile')
      .map((f) => `${f.file}:${f.line}:${f.column} ${f.code}`);
    expect(findings).toEqual([
      '.github/workflows/ci.yml:6:15 PL1006',
      'compose.yaml:3:12 PL1001',
      'compose.yaml:6:12 PL1001',
      'k8s/deploy.yaml:8:18 PL1001',
      'k8s/deploy.yaml:10:18 PL1004',
    ]);
    expect(code).toBe(1);
  });

  it('lint without --policy searches Dockerfiles only; a manifest named on the command line gets a note', async () => {
    const all = await run(['lint', '.'], { cwd: dir, rules: allRules });
    expect(all.stderr).toBe('');
    expect(all.code).toBe(0);
    const named = await run(['lint', 'compose.yaml'], { cwd: dir, rules: allRules });
    expect(named).toEqual({
      code: 0,
      stdout: '',
      stderr: "plimsoll: note: compose.yaml: only the policy's PL1xxx rules apply to its images; give --policy FILE\n",
    });
  });

  it('bump edits the version token only, in the file or the .env line the value comes from', async () => {
    const { code, stdout, stderr } = await run(['bump', '--policy', 'policy.yml', '.'], { cwd: dir });
    expect(stdout).toBe(
      [
        '--- a/.env',
        '+++ b/.env',
        '@@ -1 +1 @@',
        '-PG=15.5',
        '+PG=16.2',
        '--- a/compose.yaml',
        '+++ b/compose.yaml',
        '@@ -1,6 +1,6 @@',
        ' services:',
        '   web:',
        '-    image: "node:${NODE_TAG:-20.9.0}-alpine"   # app',
        '+    image: "node:${NODE_TAG:-20.11.1}-alpine"   # app',
        '     build: .',
        '   db:',
        '     image: postgres:${PG}',
        '--- a/k8s/deploy.yaml',
        '+++ b/k8s/deploy.yaml',
        '@@ -5,6 +5,6 @@',
        '     spec:',
        '       containers:',
        '         - name: web',
        "-          image: 'nginx:1.25.3'  # pinned",
        "+          image: 'nginx:1.25.4'  # pinned",
        '         - name: api',
        '           image: ghcr.io/acme/api:main',
        '',
      ].join('\n'),
    );
    expect(stderr).toBe('plimsoll: note: .github/workflows/ci.yml:6: docker://postgres:${{ matrix.pg }}: cannot be resolved: it is a GitHub Actions expression (${{ matrix.pg }}), known only when the workflow runs — write the image itself\n');
    expect(code).toBe(1);

    const written = await run(['bump', '--policy', 'policy.yml', '--write', '.'], { cwd: dir });
    expect(written.code).toBe(0);
    expect(await readFile(join(dir, '.env'), 'utf8')).toBe('PG=16.2\n');
    expect(await readFile(join(dir, 'k8s/deploy.yaml'), 'utf8')).toContain("image: 'nginx:1.25.4'  # pinned");
    const again = await run(['bump', '--policy', 'policy.yml', '.'], { cwd: dir });
    expect(again.stdout).toBe('');
    expect(again.code).toBe(0);
  });

  it('warns about a file that does not parse, names it, and goes on', async () => {
    await writeFile(join(dir, 'compose.yaml'), 'services:\n  web: [\n');
    const { code, stdout, stderr } = await run(['images', '--format', 'json', 'compose.yaml', 'k8s'], { cwd: dir });
    expect(stderr).toMatch(/^plimsoll: warning: compose\.yaml:3:1: not valid YAML: .+\n$/);
    expect((JSON.parse(stdout) as unknown[]).length).toBe(2);
    expect(code).toBe(0);
  });

  it('a binary compose.yaml found in a directory is skipped with a warning; named, it is an input error', async () => {
    await writeFile(join(dir, 'compose.yaml'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
    const found = await run(['images', '.'], { cwd: dir });
    expect(found.stderr).toBe('plimsoll: warning: skipped compose.yaml: is a binary file (it contains NUL bytes), not a compose file\n');
    expect(found.code).toBe(0);
    const named = await run(['images', 'compose.yaml'], { cwd: dir });
    expect(named).toEqual({ code: 2, stdout: '', stderr: 'plimsoll: compose.yaml: is a binary file (it contains NUL bytes), not a compose file\n' });
  });

  it('an explicit YAML file that is neither compose, workflow nor manifest gets a clear message', async () => {
    const { code, stdout, stderr } = await run(['images', 'mkdocs.yml'], { cwd: dir });
    expect(stderr).toBe(
      'plimsoll: warning: mkdocs.yml: neither a compose file (compose*.y*ml, docker-compose*.y*ml), a workflow (.github/workflows/*.y*ml, action.y*ml) nor a Kubernetes manifest (no document has apiVersion and kind); nothing was read\n',
    );
    expect(stdout).toBe('');
    expect(code).toBe(0);
  });

  it('a compose file in the v1 format is named in a warning', async () => {
    await writeFile(join(dir, 'docker-compose.yml'), 'web:\n  image: nginx:1.25.4\n');
    const { stderr } = await run(['images', 'docker-compose.yml'], { cwd: dir });
    expect(stderr).toBe('plimsoll: warning: docker-compose.yml: a compose file in the old v1 format (services at the top level) is not read; put the services under `services:`\n');
  });
});
