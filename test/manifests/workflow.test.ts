import { describe, expect, it } from 'vitest';
import { extractManifest } from '../../src/manifests/extract.js';
import { rowsLike, type Row } from './rows.js';

/** GitHub Actions workflows and actions, read as GitHub's workflow and metadata syntax define them. */

interface Case {
  name: string;
  path?: string;
  yaml: string;
  rows: Row[];
  cause?: string;
}

const cases: Case[] = [
  {
    name: 'jobs.<id>.container as a string, and as a mapping with image',
    yaml: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    container: node:18.19.1-bookworm
    steps:
      - run: npm test
  lint:
    runs-on: ubuntu-latest
    container:
      image: ghcr.io/acme/linter:3.1.0
      credentials:
        username: \${{ github.actor }}
        password: \${{ secrets.GITHUB_TOKEN }}
      options: --cpus 1
`,
    rows: [
      { line: 5, column: 16, raw: 'node:18.19.1-bookworm', image: 'docker.io/library/node:18.19.1-bookworm', where: 'jobs.test.container' },
      { line: 11, column: 14, raw: 'ghcr.io/acme/linter:3.1.0', image: 'ghcr.io/acme/linter:3.1.0', where: 'jobs.lint.container.image' },
    ],
  },
  {
    name: 'jobs.<id>.services.<id>: mappings with image, and plain strings',
    yaml: `jobs:
  test:
    runs-on: ubuntu-latest
    services:
      postgres:
        image: postgres:16.1
        env: {POSTGRES_PASSWORD: postgres}
        ports: ["5432:5432"]
      redis: redis:7.2.4
`,
    rows: [
      { line: 6, raw: 'postgres:16.1', image: 'docker.io/library/postgres:16.1', where: 'jobs.test.services.postgres.image' },
      { line: 9, raw: 'redis:7.2.4', image: 'docker.io/library/redis:7.2.4', where: 'jobs.test.services.redis' },
    ],
  },
  {
    name: 'uses: docker:// steps (tag, digest, no tag); other uses are actions, not images',
    yaml: `jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: lint
        uses: docker://replicated/dockerfilelint
      - uses: docker://node:6@sha256:7b65413af120ec5328077775022c78101f103258a1876ec2f83890bce416e896
      - uses: "docker://ghcr.io/acme/tool:1.0.0"
      - uses: ./.github/actions/local
`,
    rows: [
      { line: 7, column: 15, raw: 'docker://replicated/dockerfilelint', image: 'docker.io/replicated/dockerfilelint', where: 'jobs.build.steps[1].uses' },
      {
        line: 8,
        raw: 'docker://node:6@sha256:7b65413af120ec5328077775022c78101f103258a1876ec2f83890bce416e896',
        image: 'docker.io/library/node:6@sha256:7b65413af120ec5328077775022c78101f103258a1876ec2f83890bce416e896',
      },
      { line: 9, raw: 'docker://ghcr.io/acme/tool:1.0.0', image: 'ghcr.io/acme/tool:1.0.0' },
    ],
  },
  {
    name: 'a docker:// prefix on container and services is dropped',
    yaml: 'jobs:\n  t:\n    container: docker://alpine:3.19.1\n    services:\n      cache:\n        image: docker://redis:7.2.4\n',
    rows: [
      { line: 3, raw: 'docker://alpine:3.19.1', image: 'docker.io/library/alpine:3.19.1' },
      { line: 6, raw: 'docker://redis:7.2.4', image: 'docker.io/library/redis:7.2.4' },
    ],
  },
  {
    name: 'steps inside parallel groups, nested',
    yaml: `jobs:
  t:
    steps:
      - parallel:
          - uses: docker://alpine:3.19.1
          - parallel:
              - uses: docker://busybox:1.36.1
`,
    rows: [
      { line: 5, raw: 'docker://alpine:3.19.1', image: 'docker.io/library/alpine:3.19.1', where: 'jobs.t.steps[0].parallel[0].uses' },
      { line: 7, raw: 'docker://busybox:1.36.1', image: 'docker.io/library/busybox:1.36.1' },
    ],
  },
  {
    name: '${{ }} expressions are unresolved and listed',
    yaml: `jobs:
  t:
    strategy:
      matrix:
        image: [node:18.19.1, node:20.11.1]
    container: \${{ matrix.image }}
    services:
      db:
        image: postgres:\${{ inputs.pg }}
    steps:
      - uses: docker://\${{ vars.TOOL }}
`,
    rows: [
      { line: 6, raw: '${{ matrix.image }}', image: 'unresolved' },
      { line: 9, raw: 'postgres:${{ inputs.pg }}', image: 'unresolved' },
      { line: 11, raw: 'docker://${{ vars.TOOL }}', image: 'unresolved' },
    ],
    cause: 'GitHub Actions expression',
  },
  {
    name: 'a job that calls a reusable workflow, a job with no container',
    yaml: 'jobs:\n  call:\n    uses: acme/ci/.github/workflows/build.yml@v1\n  plain:\n    runs-on: ubuntu-latest\n    steps: [{run: echo}]\n',
    rows: [],
  },
  {
    name: 'an action: runs.image docker://',
    path: 'action.yml',
    yaml: "name: lint\nruns:\n  using: docker\n  image: 'docker://ghcr.io/acme/lint-action:2.0.0'\n  args: ['--strict']\n",
    rows: [{ line: 4, column: 10, raw: 'docker://ghcr.io/acme/lint-action:2.0.0', image: 'ghcr.io/acme/lint-action:2.0.0', where: 'runs.image' }],
  },
  {
    name: 'an action whose runs.image is a Dockerfile: not an image',
    path: 'tools/action.yaml',
    yaml: 'name: build\nruns:\n  using: docker\n  image: Dockerfile\n',
    rows: [],
  },
  {
    name: "a composite action's docker:// steps",
    path: 'action.yml',
    yaml: 'runs:\n  using: composite\n  steps:\n    - uses: docker://alpine:3.19.1\n      with: {args: echo}\n    - run: echo\n      shell: bash\n',
    rows: [{ line: 4, raw: 'docker://alpine:3.19.1', image: 'docker.io/library/alpine:3.19.1', where: 'runs.steps[0].uses' }],
  },
  {
    name: 'an anchor reused for two jobs: one row',
    yaml: 'jobs:\n  a:\n    container: &ci node:20.11.1\n  b:\n    container: *ci\n',
    rows: [{ line: 3, raw: 'node:20.11.1', image: 'docker.io/library/node:20.11.1' }],
  },
  {
    // GitHub's own example spacing: `uses :` with a blank before the colon is still the key.
    name: "Renovate's odd spacing and a step with both uses and run",
    yaml: 'jobs:\n  lint:\n    steps:\n      - name: Docker lint\n        uses : docker://replicated/dockerfilelint\n        run: Dockerfile\n',
    rows: [{ line: 5, raw: 'docker://replicated/dockerfilelint', image: 'docker.io/replicated/dockerfilelint' }],
  },
];

describe('GitHub Actions workflows and actions', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const extraction = extractManifest('workflow', c.path ?? '.github/workflows/ci.yml', c.yaml);
    expect(extraction.problems).toEqual([]);
    expect(rowsLike(extraction, c.rows)).toEqual(c.rows);
    expect(extraction.images.every((image) => image.source === 'workflow')).toBe(true);
    if (c.cause !== undefined) for (const image of extraction.images) expect(image.cause).toContain(c.cause);
  });

  it('warns once about a workflow that is not YAML', () => {
    const extraction = extractManifest('workflow', '.github/workflows/ci.yml', 'jobs: [\n');
    expect(extraction.images).toEqual([]);
    expect(extraction.problems).toHaveLength(1);
    expect(extraction.problems[0]).toMatchObject({ file: '.github/workflows/ci.yml', line: 2 });
  });
});
