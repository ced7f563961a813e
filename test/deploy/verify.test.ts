import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';
import { NO_REGISTRY, pushImage, pushIndex, REGISTRY_HOST, registryReachable, uniqueRepository, type Descriptor } from '../registry/local-registry.js';
import { local, provenance, pushBuildxImage } from './images.js';

/** `plimsoll verify` against images pushed to the real registry, shaped as builders write them. */
describe.skipIf(!registryReachable)('plimsoll verify', () => {
  let dir: string;
  let base: { repository: string; amd: Descriptor; arm: Descriptor; index: Descriptor };

  const policy = (extra = '') => `version: 1
own-images: ["${REGISTRY_HOST}/plimsoll-test/**"]
images:
  - name: node
    versions: [20.11.1]
    variants: [alpine3.19, ""]
  - name: ${local(base.repository)}
    versions: [20.11.1]
    variants: [alpine3.19]
    digests: { 20.11.1-alpine3.19: "${base.index.digest}" }
  - name: docker/dockerfile
    tags: ["1", "1.5"]
  - name: golang
    versions: [1.22.1]
banned:
  - name: node
    versions: "<20.0.0"
    reason: CVE-2024-27983
  - name: golang
    versions: "<1.20.0"
    reason: CVE-2023-29404
exceptions:
  - repo: acme/legacy
    image: centos:7
    codes: [PL1001]
    reason: vendor SDK needs EL7
  - repo: acme/legacy
    image: node:16.20.2
    codes: [PL1002]
    reason: old runtime
    expires: 2020-01-31
${extra}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plimsoll-verify-'));
    const repository = uniqueRepository('node');
    const amd = await pushImage(repository, null, { platform: { architecture: 'amd64', os: 'linux' }, salt: 'base' });
    const arm = await pushImage(repository, null, { platform: { architecture: 'arm64', os: 'linux' }, salt: 'base' });
    const index = await pushIndex(repository, '20.11.1-alpine3.19', [amd, arm]);
    base = { repository, amd, arm, index };
    writeFileSync(join(dir, 'policy.yml'), policy());
    writeFileSync(join(dir, 'allow-unknown.yml'), policy('deploy:\n  unknown-base: allow\n'));
  });

  const verify = async (args: string[]) => {
    const result = await run(['verify', '--policy', 'policy.yml', '--format', 'json', ...args], { cwd: dir, env: {} });
    return { ...result, json: result.stdout ? (JSON.parse(result.stdout) as Array<Record<string, unknown>>) : [] };
  };

  it('OCI base annotations on the manifest: allowed, with base and baseDigest', async () => {
    const app = uniqueRepository('app');
    const digest = `sha256:${'1'.repeat(64)}`;
    const pushed = await pushImage(app, '1.0.0', { annotations: { 'org.opencontainers.image.base.name': 'docker.io/library/node:20.11.1', 'org.opencontainers.image.base.digest': digest } });
    const result = await verify([`${local(app)}:1.0.0`]);
    expect(result.json).toEqual([
      {
        image: `${local(app)}:1.0.0`,
        digest: pushed.digest,
        base: 'docker.io/library/node:20.11.1',
        baseDigest: digest,
        builtFrom: [{ image: 'docker.io/library/node:20.11.1', digest, source: 'annotation' }],
        verdict: 'allowed',
        codes: [],
        reasons: [],
      },
    ]);
    expect(result.code).toBe(0);
  });

  it('annotations on the index of a multi-platform image: a banned base denies with the policy\'s reason', async () => {
    const app = uniqueRepository('app');
    const amd = await pushImage(app, null, { platform: { architecture: 'amd64', os: 'linux' } });
    const arm = await pushImage(app, null, { platform: { architecture: 'arm64', os: 'linux' } });
    const index = await pushIndex(app, '2.0.0', [amd, arm], { 'org.opencontainers.image.base.name': 'node:18.19.0-alpine3.19' });
    const result = await verify([`${local(app)}:2.0.0`]);
    expect(result.code).toBe(1);
    expect(result.json[0]).toMatchObject({ digest: index.digest, base: 'node:18.19.0-alpine3.19', baseDigest: null, verdict: 'denied', codes: ['PL1002'] });
    expect(result.json[0]!.reasons).toEqual([expect.stringMatching(/^built from node:18\.19\.0-alpine3\.19 \(annotation\): .*CVE-2024-27983/)]);
  });

  it('the same keys as config labels (buildah, podman): a base off the whitelist denies with PL1001', async () => {
    const app = uniqueRepository('app');
    await pushImage(app, '3.0.0', { labels: { 'org.opencontainers.image.base.name': 'ubuntu:22.04' } });
    const result = await verify([`${local(app)}:3.0.0`]);
    expect(result.json[0]).toMatchObject({ base: 'ubuntu:22.04', builtFrom: [{ image: 'ubuntu:22.04', digest: null, source: 'label' }], verdict: 'denied', codes: ['PL1001'] });
  });

  it.each([
    ['v0.2', 'min'],
    ['v0.2', 'max'],
    ['v1', 'min'],
    ['v1', 'max'],
  ] as const)('BuildKit provenance, SLSA %s mode=%s, every platform: the platform digest matches the pinned index', async (version, mode) => {
    const app = uniqueRepository('app');
    const frontend = `sha256:${'d'.repeat(64)}`;
    await pushBuildxImage(app, '4.0.0', (image) =>
      provenance(version, mode, [
        { uri: 'pkg:docker/docker/dockerfile@1.5', digest: frontend },
        { uri: `pkg:docker/${local(base.repository)}@20.11.1-alpine3.19?platform=linux%2F${image.platform!.architecture}`, digest: image.platform!.architecture === 'amd64' ? base.amd.digest : base.arm.digest },
      ]),
    );
    const result = await verify([`${local(app)}:4.0.0`]);
    expect(result.json[0]).toMatchObject({ base: null, baseDigest: null, verdict: 'allowed', codes: [], reasons: [] });
    expect(result.json[0]!.builtFrom).toEqual([
      { image: 'docker/dockerfile:1.5', digest: frontend, source: 'provenance' },
      { image: `${local(base.repository)}:20.11.1-alpine3.19`, digest: base.amd.digest, source: 'provenance' },
      { image: `${local(base.repository)}:20.11.1-alpine3.19`, digest: base.arm.digest, source: 'provenance' },
    ]);
    expect(result.code).toBe(0);
  });

  it('a digest outside the pinned index is PL1005; a banned builder stage taints the image (SLSA v1)', async () => {
    const app = uniqueRepository('app');
    const other = `sha256:${'e'.repeat(64)}`;
    await pushBuildxImage(app, '5.0.0', () =>
      provenance('v1', 'max', [
        { uri: 'pkg:docker/golang@1.19.13-bookworm?platform=linux%2Famd64', digest: `sha256:${'c'.repeat(64)}` },
        { uri: `pkg:docker/${local(base.repository)}@20.11.1-alpine3.19?platform=linux%2Famd64`, digest: other },
      ]),
    ['amd64']);
    const result = await verify([`${local(app)}:5.0.0`]);
    expect(result.code).toBe(1);
    expect(result.json[0]).toMatchObject({ verdict: 'denied', codes: ['PL1002', 'PL1005'] });
    const reasons = result.json[0]!.reasons as string[];
    expect(reasons.some((r) => r.startsWith('built from golang:1.19.13-bookworm (provenance, linux/amd64): ') && r.includes('CVE-2023-29404'))).toBe(true);
  });

  it('an image that records nothing is unknown: denied by default, allowed with deploy.unknown-base: allow', async () => {
    const app = uniqueRepository('app');
    await pushImage(app, '6.0.0');
    const denied = await verify([`${local(app)}:6.0.0`]);
    expect(denied.json[0]).toMatchObject({ base: null, builtFrom: [], verdict: 'unknown', codes: [] });
    expect(denied.code).toBe(1);
    const allowed = await run(['verify', '--policy', 'allow-unknown.yml', `${local(app)}:6.0.0`], { cwd: dir, env: {} });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain(': unknown (allowed by deploy.unknown-base)');
  });

  it('standing exceptions: by org.opencontainers.image.source, or --repo; an expired one denies and says so', async () => {
    const app = uniqueRepository('app');
    await pushImage(app, '7.0.0', { labels: { 'org.opencontainers.image.base.name': 'centos:7', 'org.opencontainers.image.source': 'https://github.com/acme/legacy' } });
    expect((await verify([`${local(app)}:7.0.0`])).json[0]).toMatchObject({ verdict: 'allowed', codes: [] });

    const bare = uniqueRepository('app');
    await pushImage(bare, '7.0.0', { annotations: { 'org.opencontainers.image.base.name': 'centos:7' } });
    expect((await verify([`${local(bare)}:7.0.0`])).json[0]).toMatchObject({ verdict: 'denied', codes: ['PL1001'] });
    expect((await verify(['--repo', 'acme/legacy', `${local(bare)}:7.0.0`])).json[0]).toMatchObject({ verdict: 'allowed' });

    const old = uniqueRepository('app');
    await pushImage(old, '7.0.0', { annotations: { 'org.opencontainers.image.base.name': 'node:16.20.2', 'org.opencontainers.image.source': 'https://github.com/acme/legacy.git' } });
    const expired = await verify([`${local(old)}:7.0.0`]);
    expect(expired.json[0]).toMatchObject({ verdict: 'denied', codes: ['PL1002'] });
    expect((expired.json[0]!.reasons as string[])[0]).toContain('(the exception for acme/legacy expired on 2020-01-31: old runtime)');
  });

  it('several images in argument order; exit 2 and stderr for one the registry does not have', async () => {
    const app = uniqueRepository('app');
    await pushImage(app, '8.0.0', { annotations: { 'org.opencontainers.image.base.name': 'node:20.11.1' } });
    const missing = `${local(uniqueRepository('none'))}:1.0.0`;
    const result = await verify([`${local(app)}:8.0.0`, missing]);
    expect(result.code).toBe(2);
    expect(result.json.map((d) => d.image)).toEqual([`${local(app)}:8.0.0`]);
    expect(result.stderr).toContain(`plimsoll: ${missing}: `);
    expect(result.stderr).toContain('not found');
  });
});

describe.runIf(!registryReachable)('plimsoll verify', () => {
  it.skip(NO_REGISTRY, () => undefined);
});

describe('plimsoll verify: usage', () => {
  it('needs a policy and an image, and refuses what is not a reference', async () => {
    expect(await run(['verify', 'node:20'], { env: {} })).toMatchObject({ code: 2, stderr: expect.stringContaining('--policy FILE is required') });
    const dir = mkdtempSync(join(tmpdir(), 'plimsoll-verify-usage-'));
    writeFileSync(join(dir, 'p.yml'), 'version: 1\n');
    expect(await run(['verify', '--policy', 'p.yml'], { cwd: dir, env: {} })).toMatchObject({ code: 2, stderr: expect.stringContaining('no IMAGE given') });
    expect(await run(['verify', '--policy', 'p.yml', 'Not A Ref'], { cwd: dir, env: {} })).toMatchObject({ code: 2, stderr: 'plimsoll: "Not A Ref" is not an image reference (such as ghcr.io/acme/api:1.4.0)\n' });
    expect(await run(['verify', '--policy', 'p.yml', '--format', 'xml', 'node'], { cwd: dir, env: {} })).toMatchObject({ code: 2 });
  });
});
