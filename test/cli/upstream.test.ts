import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeRegistry, type FakeRegistry } from '../registry/fake-registry.js';
import { NO_REGISTRY, pushImage, pushIndex, REGISTRY_HOST, registryReachable, uniqueRepository } from '../registry/local-registry.js';
import { run } from './run.js';

let registry: FakeRegistry | undefined;
afterEach(async () => {
  await registry?.close();
  registry = undefined;
});

const INDEX = 'application/vnd.oci.image.index.v1+json';

function workspace(policy: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'plimsoll-upstream-'));
  writeFileSync(join(dir, 'policy.yml'), policy);
  return { dir, path: join(dir, 'policy.yml') };
}

describe('plimsoll upstream', () => {
  it('prints the policy diff and exits 1; --write saves it and exits 0; a second run finds nothing', async () => {
    registry = await startFakeRegistry({ auth: 'bearer' });
    const pinned = registry.putManifest('library/node', '20.11.1-alpine3.19', { schemaVersion: 2, mediaType: INDEX, manifests: [] });
    const fresh = registry.putManifest('library/node', '20.11.2-alpine3.19', { schemaVersion: 2, mediaType: INDEX, manifests: [], annotations: { v: '2' } });
    registry.setTags('library/node', ['20.11.1-alpine3.19', '20.11.2-alpine3.19', '20.11.2', '21.0.0-alpine3.19', 'latest']);
    registry.setTags('library/python', ['3.12.4', '3.12.5', '3.13.0']);
    const { dir, path } = workspace(`version: 1
images:
  - name: node # runtime
    versions: [20.11.1]
    variants: [alpine3.19]
    digests: { 20.11.1-alpine3.19: "${pinned}" }
  - name: python
    versions:
      - 3.12.4
    update: patch
`);
    const env = { PLIMSOLL_REGISTRY_ENDPOINTS: `docker.io=${registry.url}` };
    const shown = await run(['upstream', '--policy', 'policy.yml'], { cwd: dir, env });
    expect(shown.stdout).toBe(`--- a/policy.yml
+++ b/policy.yml
@@ -1,10 +1,11 @@
 version: 1
 images:
   - name: node # runtime
-    versions: [20.11.1]
+    versions: [20.11.2, 20.11.1]
     variants: [alpine3.19]
-    digests: { 20.11.1-alpine3.19: "${pinned}" }
+    digests: { 20.11.1-alpine3.19: "${pinned}", 20.11.2-alpine3.19: "${fresh}" }
   - name: python
     versions:
+      - 3.12.5
       - 3.12.4
     update: patch
`);
    expect(shown.stderr).toMatch(/^plimsoll: 2 images watched, \d+ registry requests\n$/);
    expect(shown.code).toBe(1);

    const written = await run(['upstream', '--policy', 'policy.yml', '--write'], { cwd: dir, env });
    expect(written.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('versions: [20.11.2, 20.11.1]');
    const again = await run(['upstream', '--policy', 'policy.yml'], { cwd: dir, env });
    expect(again).toMatchObject({ code: 0, stdout: '' });
    expect(again.stderr).toContain('nothing new');
  });

  it('proposes a new digest for a pinned tag that moved upstream', async () => {
    registry = await startFakeRegistry();
    registry.setTags('library/node', []);
    const now = registry.putManifest('library/node', '20.11.1', { schemaVersion: 2, mediaType: INDEX, manifests: [], annotations: { rebuilt: 'yes' } });
    const old = `sha256:${'0'.repeat(64)}`;
    const { dir } = workspace(`version: 1\nimages:\n  - name: node\n    versions: [20.11.1]\n    digests:\n      20.11.1: '${old}'\n`);
    const result = await run(['upstream', '--policy', 'policy.yml'], { cwd: dir, env: { PLIMSOLL_REGISTRY_ENDPOINTS: `docker.io=${registry.url}` } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`-      20.11.1: '${old}'\n+      20.11.1: '${now}'\n`);
  });

  it('names a registry it cannot read on stderr and exits 2, still showing what it found elsewhere', async () => {
    registry = await startFakeRegistry();
    registry.setTags('library/node', ['20.11.2']);
    registry.faults.push({ match: /python/, status: 503, times: 100 });
    const { dir } = workspace('version: 1\nimages:\n  - name: node\n    versions: [20.11.1]\n  - name: python\n    versions: [3.12.4]\n');
    const result = await run(['upstream', '--policy', 'policy.yml'], { cwd: dir, env: { PLIMSOLL_REGISTRY_ENDPOINTS: `docker.io=${registry.url}` } });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('+    versions: [20.11.2, 20.11.1]');
    expect(result.stderr).toContain(`plimsoll: python: docker.io cannot be read: HTTP 503 from ${registry.url} after 4 attempts\n`);
  }, 30_000);

  it('bad usage and an invalid policy exit 2 with the file and line', async () => {
    const { dir } = workspace('version: 1\nimages:\n  - name: node\n    versions: [20.11.1]\n    colour: blue\n');
    expect(await run(['upstream'], { cwd: dir })).toMatchObject({ code: 2, stderr: expect.stringContaining('--policy FILE is required') });
    const invalid = await run(['upstream', '--policy', 'policy.yml'], { cwd: dir });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^plimsoll: policy\.yml:5: /);
    const endpoints = await run(['upstream', '--policy', 'policy.yml'], { cwd: workspace('version: 1\n').dir, env: { PLIMSOLL_REGISTRY_ENDPOINTS: 'nonsense' } });
    expect(endpoints).toMatchObject({ code: 2, stderr: 'plimsoll: PLIMSOLL_REGISTRY_ENDPOINTS: "nonsense" is not NAME=URL (such as docker.io=https://mirror.example)\n' });
  });
});

describe.skipIf(!registryReachable)('plimsoll upstream against a real registry', () => {
  it('adds the new version and the index digest the registry reports', async () => {
    const repository = uniqueRepository('node');
    const image = `${REGISTRY_HOST}/${repository}`;
    const amd = await pushImage(repository, null, { salt: '20.11.2' });
    const arm = await pushImage(repository, null, { salt: '20.11.2', platform: { architecture: 'arm64', os: 'linux' } });
    const index = await pushIndex(repository, '20.11.2-alpine3.19', [amd, arm]);
    const current = await pushImage(repository, '20.11.1-alpine3.19', { salt: '20.11.1' });
    await pushImage(repository, '20.12.0-rc.1-alpine3.19', { salt: 'rc' });
    const { dir } = workspace(`version: 1\nimages:\n  - name: ${image}\n    versions: [20.11.1]\n    variants: [alpine3.19]\n    digests: { 20.11.1-alpine3.19: "${current.digest}" }\n`);
    const result = await run(['upstream', '--policy', 'policy.yml'], { cwd: dir, env: {} });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`+    digests: { 20.11.1-alpine3.19: "${current.digest}", 20.11.2-alpine3.19: "${index.digest}" }`);
    expect(result.stdout).toContain('+    versions: [20.11.2, 20.11.1]');
  });
});

describe.runIf(!registryReachable)('plimsoll upstream against a real registry', () => {
  it.skip(NO_REGISTRY, () => undefined);
});
