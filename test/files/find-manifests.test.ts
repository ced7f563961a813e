import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../src/files/find.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'plimsoll-find-kinds-'));
  for (const path of [
    'Dockerfile',
    'compose.yaml',
    '.github/workflows/ci.yml',
    '.devcontainer/devcontainer.json',
    'deploy/app.yaml',
    'chart/Chart.yaml',
    'chart/values.yaml',
    'chart/templates/deployment.yaml',
    'chart/templates/tests/pod.yaml',
    'other/templates/pod.yaml',
    'node_modules/pkg/compose.yaml',
    'notes.txt',
  ]) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), '');
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('resolvePaths with manifests', () => {
  it('finds every kind by its globs, skipping Helm chart templates, with the kind on each target', async () => {
    const resolved = await resolvePaths(['.'], { cwd: root, manifests: true });
    expect(resolved.targets.map((t) => [t.path, t.kind ?? 'dockerfile'])).toEqual([
      ['.devcontainer/devcontainer.json', 'devcontainer'],
      ['.github/workflows/ci.yml', 'workflow'],
      ['Dockerfile', 'dockerfile'],
      ['chart/Chart.yaml', 'kubernetes'],
      ['chart/values.yaml', 'kubernetes'],
      ['compose.yaml', 'compose'],
      ['deploy/app.yaml', 'kubernetes'],
      ['other/templates/pod.yaml', 'kubernetes'],
    ]);
  });

  it('takes per-kind settings: other globs, a kind switched off', async () => {
    const resolved = await resolvePaths(['.'], { cwd: root, manifests: { kubernetes: { globs: ['deploy/**/*.yaml'] }, workflow: { enabled: false } } });
    expect(resolved.targets.map((t) => t.path)).toEqual(['.devcontainer/devcontainer.json', 'Dockerfile', 'compose.yaml', 'deploy/app.yaml']);
  });

  it('without manifests, searches Dockerfiles only; a file named explicitly gets its kind by name', async () => {
    const resolved = await resolvePaths(['.', 'chart/templates/deployment.yaml', 'notes.txt'], { cwd: root });
    expect(resolved.targets.map((t) => [t.path, t.kind ?? 'dockerfile', t.explicit])).toEqual([
      ['Dockerfile', 'dockerfile', false],
      ['chart/templates/deployment.yaml', 'kubernetes', true],
      ['notes.txt', 'dockerfile', true],
    ]);
  });
});
