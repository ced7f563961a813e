import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allRules } from '../../src/rules/index.js';
import { startFakeRegistry, type FakeRegistry } from '../registry/fake-registry.js';
import { run } from './run.js';

const buildkit = allRules.filter((rule) => rule.buildkit || rule.code === 'PL2008');

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'plimsoll-buildkit-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const codes = (stdout: string) => (JSON.parse(stdout) as Array<{ code: string; level: string; line: number }>).map((f) => `${f.line} ${f.level} ${f.code}`);

describe('plimsoll lint and BuildKit checks', () => {
  it('reports them in json with BuildKit codes; error=true fails the run', async () => {
    const dir = folder({ Dockerfile: '# check=error=true\nFROM scratch as base\nCOPY a /a\n' });
    const result = await run(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir, rules: buildkit });
    expect(codes(result.stdout)).toEqual(['2 error FromAsCasing']);
    expect(result.code).toBe(1);
  });

  it('--build-arg BUILDKIT_DOCKERFILE_CHECK replaces the directive', async () => {
    const dir = folder({ Dockerfile: '# check=error=true\nFROM scratch as base\n' });
    const skipped = await run(['lint', '--format', 'json', '--build-arg', 'BUILDKIT_DOCKERFILE_CHECK=skip=all', 'Dockerfile'], { cwd: dir, rules: buildkit });
    expect(JSON.parse(skipped.stdout)).toEqual([]);
    expect(skipped.code).toBe(0);
  });

  it('refuses a value BuildKit refuses, with its error (exit 2); other build args are ignored with a warning', async () => {
    const dir = folder({ Dockerfile: 'FROM scratch\n' });
    const bad = await run(['lint', '--build-arg', 'BUILDKIT_DOCKERFILE_CHECK=skip=all;error=maybe', 'Dockerfile'], { cwd: dir, rules: buildkit });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('failed to parse build-arg:BUILDKIT_DOCKERFILE_CHECK: failed to parse check option "error=maybe"');
    const other = await run(['lint', '--build-arg', 'VERSION=1', 'Dockerfile'], { cwd: dir, rules: buildkit });
    expect(other.code).toBe(0);
    expect(other.stderr).toContain('--build-arg VERSION: ignored (only BUILDKIT_DOCKERFILE_CHECK is read)');
  });

  it('reads the .dockerignore beside the Dockerfile (its own first) for CopyIgnoredFile', async () => {
    const dir = folder({ Dockerfile: 'FROM scratch\nCOPY secrets.env /app/\n', '.dockerignore': '# comment\n/secrets.env\n' });
    const result = await run(['lint', '--format', 'json', '.'], { cwd: dir, rules: buildkit });
    expect(JSON.parse(result.stdout)).toEqual([
      { code: 'CopyIgnoredFile', column: 1, file: 'Dockerfile', level: 'warning', line: 2, message: 'Attempting to Copy file "secrets.env" that is excluded by .dockerignore' },
    ]);
    writeFileSync(join(dir, 'Dockerfile.dockerignore'), 'other\n');
    expect(JSON.parse((await run(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir, rules: buildkit })).stdout)).toEqual([]);
    // stdin has no folder: no .dockerignore.
    expect(JSON.parse((await run(['lint', '--format', 'json', '-'], { cwd: dir, rules: buildkit, stdin: 'FROM scratch\nCOPY secrets.env /app/\n' })).stdout)).toEqual([]);
  });

  it('--platform must be a platform', async () => {
    const dir = folder({ Dockerfile: 'FROM scratch\n' });
    const result = await run(['lint', '--platform', 'nonsense/a/b/c', 'Dockerfile'], { cwd: dir, rules: buildkit });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--platform "nonsense/a/b/c"');
  });
});

describe('--registry: base image configs for BuildKit checks', () => {
  let registry: FakeRegistry | undefined;
  afterEach(async () => {
    await registry?.close();
    registry = undefined;
  });

  async function setup() {
    registry = await startFakeRegistry({ auth: 'bearer' });
    const config = (architecture: string, env: string[]) => registry!.putBlob(JSON.stringify({ os: 'linux', architecture, config: { Env: env } }));
    const manifest = (configDigest: string) => ({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: 1 }, layers: [] });
    // A single-platform arm64 image, and a multi-platform one whose amd64 entry defines APP_HOME.
    registry.putManifest('acme/armonly', '1', manifest(config('arm64', ['PATH=/bin'])));
    const amd = registry.putManifest('library/node', null, manifest(config('amd64', ['PATH=/bin', 'NODE_VERSION=20.11.1'])));
    const arm = registry.putManifest('library/node', null, manifest(config('arm64', ['PATH=/bin'])));
    registry.putManifest('library/node', '20', {
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: arm, size: 1, platform: { os: 'linux', architecture: 'arm64' } },
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: amd, size: 1, platform: { os: 'linux', architecture: 'amd64' } },
      ],
    });
    return { PLIMSOLL_REGISTRY_ENDPOINTS: `docker.io=${registry.url}` };
  }

  it('InvalidBaseImagePlatform and an exact UndefinedVar with --registry; nothing asked without it', async () => {
    const env = await setup();
    const dir = folder({ Dockerfile: 'FROM acme/armonly:1\nFROM node:20\nWORKDIR /app/$NODE_VERSION/$APP_HOME\n' });
    const asked = await run(['lint', '--registry', '--format', 'json', 'Dockerfile'], { cwd: dir, env, rules: buildkit });
    expect(JSON.parse(asked.stdout)).toEqual([
      { code: 'InvalidBaseImagePlatform', column: 1, file: 'Dockerfile', level: 'warning', line: 1, message: 'Base image acme/armonly:1 was pulled with platform "linux/arm64", expected "linux/amd64" for current build' },
      { code: 'UndefinedVar', column: 1, file: 'Dockerfile', level: 'warning', line: 3, message: "Usage of undefined variable '$APP_HOME'" },
    ]);
    const requests = registry!.log.length;
    const offline = await run(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir, env, rules: buildkit });
    expect(JSON.parse(offline.stdout)).toEqual([]);
    expect(registry!.log).toHaveLength(requests);
    const arm = await run(['lint', '--registry', '--platform', 'linux/arm64', '--format', 'json', 'Dockerfile'], { cwd: dir, env, rules: buildkit });
    expect(codes(arm.stdout)).toEqual(['3 warning UndefinedVar', '3 warning UndefinedVar']);
  });

  it('a registry that fails is a warning, and the checks fall back to what the file says', async () => {
    const env = await setup();
    registry!.faults.push({ match: /manifests/, status: 500, times: 10 });
    const dir = folder({ Dockerfile: 'FROM acme/missing:1\nCOPY $X /x\n' });
    const result = await run(['lint', '--registry', '--format', 'json', 'Dockerfile'], { cwd: dir, env, rules: buildkit });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('plimsoll: warning:');
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});
