import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findContainerDefinitions, resolvePaths } from '../../src/files/find.js';

let root: string;

async function put(path: string, text = 'FROM alpine:3.19\n'): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'plimsoll-find-'));
  await put('Dockerfile');
  await put('services/api/Dockerfile');
  await put('services/api/Dockerfile.dev');
  await put('web.Dockerfile');
  await put('build/tools.dockerfile');
  await put('toolbox/Containerfile');
  await put('.devcontainer/Dockerfile');
  await put('Dockerfile.dockerignore', 'node_modules\n');
  await put('README.md', '# hi\n');
  await put('node_modules/pkg/Dockerfile');
  await put('services/node_modules/Dockerfile');
  await put('.git/Dockerfile');
  await mkdir(join(root, 'loop'));
  await symlink(root, join(root, 'loop/back'));
  await symlink(join(root, 'web.Dockerfile'), join(root, 'linked.Dockerfile'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('findContainerDefinitions', () => {
  it('finds every container definition, sorted, skipping node_modules, .git and directory symlinks', async () => {
    expect(await findContainerDefinitions(root)).toEqual([
      '.devcontainer/Dockerfile',
      'Dockerfile',
      'build/tools.dockerfile',
      'linked.Dockerfile',
      'services/api/Dockerfile',
      'services/api/Dockerfile.dev',
      'toolbox/Containerfile',
      'web.Dockerfile',
    ]);
  });
});

describe('resolvePaths', () => {
  it('takes files as given (whatever their name), searches directories, and lists each file once', async () => {
    const resolved = await resolvePaths(['README.md', 'services', 'services/api/Dockerfile', '-'], { cwd: root });
    expect(resolved.targets).toEqual([
      { path: 'README.md', absolute: join(root, 'README.md'), explicit: true },
      { path: 'services/api/Dockerfile', absolute: join(root, 'services/api/Dockerfile'), explicit: false },
      { path: 'services/api/Dockerfile.dev', absolute: join(root, 'services/api/Dockerfile.dev'), explicit: false },
      { path: '-', absolute: '-', explicit: true },
    ]);
    expect(resolved.problems).toEqual([]);
  });

  it('shows paths found in "." without a ./ prefix', async () => {
    const resolved = await resolvePaths(['.'], { cwd: join(root, 'services') });
    expect(resolved.targets.map((target) => target.path)).toEqual(['api/Dockerfile', 'api/Dockerfile.dev']);
  });

  it('reports missing paths and empty directories without stopping', async () => {
    await mkdir(join(root, 'empty'), { recursive: true });
    const resolved = await resolvePaths(['missing/Dockerfile', 'empty', 'toolbox'], { cwd: root });
    expect(resolved.problems).toEqual([{ path: 'missing/Dockerfile', message: 'no such file or directory' }]);
    expect(resolved.emptyDirectories).toEqual(['empty']);
    expect(resolved.targets.map((target) => target.path)).toEqual(['toolbox/Containerfile']);
  });

  it('uses configured globs', async () => {
    const resolved = await resolvePaths(['.'], { cwd: root, globs: ['**/*.dockerfile'] });
    expect(resolved.targets.map((target) => target.path)).toEqual(['build/tools.dockerfile']);
  });
});
