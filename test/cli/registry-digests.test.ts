import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PL1008 } from '../../src/rules/PL1008.js';
import { startFakeRegistry, type FakeRegistry } from '../registry/fake-registry.js';
import { run } from './run.js';

let registry: FakeRegistry | undefined;
afterEach(async () => {
  await registry?.close();
  registry = undefined;
});

const POLICY = 'version: 1\nrequire-digest: true\nimages:\n  - name: python\n    versions: [3.12.4, 3.12.5]\n    update: patch\n';

async function setup(dockerfile: string) {
  registry = await startFakeRegistry({ auth: 'bearer' });
  const digest = registry.putManifest('library/python', '3.12.5', { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] });
  registry.putManifest('library/python', '3.12.4', { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [], annotations: { old: '1' } });
  const dir = mkdtempSync(join(tmpdir(), 'plimsoll-digests-'));
  writeFileSync(join(dir, 'policy.yml'), POLICY);
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  return { dir, digest, env: { PLIMSOLL_REGISTRY_ENDPOINTS: `docker.io=${registry.url}` } };
}

describe('--registry: digests from the registry where the policy pins none', () => {
  it('lint gives the registry\'s digest in PL1008; without --registry it asks nothing', async () => {
    const { dir, env } = await setup('FROM python:3.12.4\n');
    const digest = registry!.putManifest('library/python', '3.12.4', { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [], annotations: { old: '1' } });
    const asked = await run(['lint', '--policy', 'policy.yml', '--registry', '--format', 'json', 'Dockerfile'], { cwd: dir, env, rules: [PL1008] });
    expect(JSON.parse(asked.stdout)).toEqual([
      { code: 'PL1008', column: 6, file: 'Dockerfile', level: 'error', line: 1, message: `python:3.12.4 carries no digest; pin the one the registry reports: python:3.12.4@${digest}` },
    ]);
    const requests = registry!.log.length;
    const offline = await run(['lint', '--policy', 'policy.yml', '--format', 'json', 'Dockerfile'], { cwd: dir, env, rules: [PL1008] });
    expect(JSON.parse(offline.stdout)[0].message).toContain('none is known for it');
    expect(registry!.log).toHaveLength(requests);
  });

  it('bump writes the target tag with the registry\'s digest', async () => {
    const { dir, digest, env } = await setup('FROM python:3.12.4 AS build\n');
    const result = await run(['bump', '--policy', 'policy.yml', '--registry', 'Dockerfile'], { cwd: dir, env });
    expect(result.stdout).toContain(`+FROM python:3.12.5@${digest} AS build`);
    expect(result.code).toBe(1);
  });
});
