import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryClient } from '../../src/registry/client.js';
import { local, provenance, pushBuildxImage } from '../deploy/images.js';
import { NO_REGISTRY, pushImage, registryReachable, uniqueRepository } from '../registry/local-registry.js';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { startApp, type RunningApp } from './app.js';

const POLICY_PATH = '.github/plimsoll-policy.yml';
const policy = (extra = '') => `version: 1
own-images: ["127.0.0.1:*/plimsoll-test/**"]
images:
  - name: node
    versions: [20.11.1]
banned:
  - name: node
    versions: "<20.0.0"
    reason: CVE-2024-27983
${extra}`;

/** An AdmissionReview as the API server sends it (kube-apiserver Admission v1, the docs' example shape). */
function review(kind: string, object: object, operation = 'CREATE') {
  const group = kind === 'Pod' ? '' : kind === 'CronJob' || kind === 'Job' ? 'batch' : 'apps';
  const resource = `${kind.toLowerCase()}s`;
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: randomUUID(),
      kind: { group, version: 'v1', kind },
      resource: { group, version: 'v1', resource },
      requestKind: { group, version: 'v1', kind },
      requestResource: { group, version: 'v1', resource },
      name: 'web',
      namespace: 'shop',
      operation,
      userInfo: { username: 'system:serviceaccount:kube-system:replicaset-controller', uid: '014fbff9a07c', groups: ['system:serviceaccounts', 'system:authenticated'] },
      object,
      oldObject: null,
      dryRun: false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    },
  };
}

const podSpec = (containers: string[], init: string[] = [], ephemeral: string[] = []) => ({
  containers: containers.map((image, i) => ({ name: `app${i}`, image, ports: [{ containerPort: 8080 }] })),
  ...(init.length ? { initContainers: init.map((image, i) => ({ name: `init${i}`, image })) } : {}),
  ...(ephemeral.length ? { ephemeralContainers: ephemeral.map((image, i) => ({ name: `debug${i}`, image, targetContainerName: 'app0' })) } : {}),
});

describe.skipIf(!registryReachable)('the admission webhook, POST /api/admission', () => {
  let sim: Simulator;
  let app: RunningApp;
  let base: string;
  let good: string;
  let banned: string;
  let silent: string;
  let dead: string;

  beforeAll(async () => {
    const good0 = uniqueRepository('web');
    await pushImage(good0, '1.0.0', { annotations: { 'org.opencontainers.image.base.name': 'node:20.11.1' } });
    good = `${local(good0)}:1.0.0`;
    const bad = uniqueRepository('worker');
    await pushBuildxImage(bad, '2.0.0', (image) => provenance('v0.2', 'min', [{ uri: `pkg:docker/node@18.19.0?platform=linux%2F${image.platform!.architecture}`, digest: `sha256:${'a'.repeat(64)}` }]));
    banned = `${local(bad)}:2.0.0`;
    const quiet = uniqueRepository('quiet');
    await pushImage(quiet, '3.0.0');
    silent = `${local(quiet)}:3.0.0`;
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    dead = `127.0.0.1:${(server.address() as { port: number }).port}/plimsoll-test/x/gone:1`;
    await new Promise((resolve) => server.close(resolve));
    base = good;

    sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }) });
    sim.state.addRepo('.github', { [POLICY_PATH]: policy() });
    app = await startApp(sim, undefined, { admission: { org: 'acme', registry: createRegistryClient({ env: {}, retries: 0, timeoutMs: 1000 }) } });
  });
  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  const admit = async (body: object) => {
    const response = await fetch(new URL('/api/admission', app.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    return (await response.json()) as { apiVersion: string; kind: string; response: { uid: string; allowed: boolean; status?: { code: number; message: string }; warnings?: string[] } };
  };

  it('allows a pod whose every image is allowed, echoing the request uid', async () => {
    const body = review('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' }, spec: podSpec([good]) });
    expect(await admit(body)).toEqual({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: body.request.uid, allowed: true } });
  });

  it.each([
    ['Deployment', (spec: object) => ({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 2, template: { metadata: { labels: { app: 'web' } }, spec } } })],
    ['StatefulSet', (spec: object) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', spec: { serviceName: 'web', template: { spec } } })],
    ['DaemonSet', (spec: object) => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', spec: { template: { spec } } })],
    ['ReplicaSet', (spec: object) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', spec: { template: { spec } } })],
    ['Job', (spec: object) => ({ apiVersion: 'batch/v1', kind: 'Job', spec: { template: { spec: { ...spec, restartPolicy: 'Never' } } } })],
    ['CronJob', (spec: object) => ({ apiVersion: 'batch/v1', kind: 'CronJob', spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec } } } } })],
  ])('denies a %s whose init container was built on a banned base, naming image, base and reason', async (kind, wrap) => {
    const body = review(kind, wrap(podSpec([good], [banned])));
    const { response } = await admit(body);
    expect(response.uid).toBe(body.request.uid);
    expect(response.allowed).toBe(false);
    expect(response.status!.code).toBe(403);
    expect(response.status!.message).toContain(banned);
    expect(response.status!.message).toContain('initContainers[0] (init0)');
    expect(response.status!.message).toContain('built from node:18.19.0');
    expect(response.status!.message).toContain('CVE-2024-27983');
    expect(response.status!.message).not.toContain(good);
  });

  it('reads ephemeral containers; an image recording nothing is denied by deploy.unknown-base: deny', async () => {
    const { response } = await admit(review('Pod', { apiVersion: 'v1', kind: 'Pod', spec: podSpec([good], [], [silent]) }));
    expect(response.allowed).toBe(false);
    expect(response.status!.message).toContain(`${silent} (spec.ephemeralContainers[0] (debug0), records no base image)`);
  });

  it('a registry that cannot be read is denied by default; kinds without a pod spec and deletions pass', async () => {
    const { response } = await admit(review('Pod', { apiVersion: 'v1', kind: 'Pod', spec: podSpec([dead]) }));
    expect(response.allowed).toBe(false);
    expect(response.status!.message).toContain('its registry cannot be read');
    expect(response.status!.message).toContain('denied by deploy.registry-unreachable');
    const scale = review('Scale', { apiVersion: 'autoscaling/v1', kind: 'Scale', spec: { replicas: 3 } }, 'UPDATE');
    expect((await admit(scale)).response).toEqual({ uid: scale.request.uid, allowed: true });
    expect((await admit(review('Pod', { kind: 'Pod', spec: podSpec([banned]) }, 'DELETE'))).response.allowed).toBe(true);
  });

  it('refuses what is not an AdmissionReview', async () => {
    const response = await fetch(new URL('/api/admission', app.url), { method: 'POST', body: '{"kind": "Nope"' });
    expect(response.status).toBe(400);
    const old = await fetch(new URL('/api/admission', app.url), { method: 'POST', body: JSON.stringify({ ...review('Pod', {}), apiVersion: 'admission.k8s.io/v1beta1' }) });
    expect(((await old.json()) as { response: { allowed: boolean } }).response.allowed).toBe(false);
    expect((await fetch(new URL('/api/admission', app.url))).status).toBe(405);
    const huge = await fetch(new URL('/api/admission', app.url), { method: 'POST', body: Buffer.alloc(5 << 20, 0x7b) });
    expect(huge.status).toBe(413);
    const binary = await fetch(new URL('/api/admission', app.url), { method: 'POST', body: Buffer.from([0, 159, 146, 150, 255]) });
    expect(binary.status).toBe(400);
    const noUid = await fetch(new URL('/api/admission', app.url), { method: 'POST', body: JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: {} }) });
    expect(noUid.status).toBe(400);
  });

  it('follows the policy in force: a push to the policy repository applies at the next review', async () => {
    const pod = () => review('Pod', { kind: 'Pod', spec: podSpec([base, silent]) });
    expect((await admit(pod())).response.allowed).toBe(false);
    const push = sim.push('.github', 'main', { [POLICY_PATH]: policy('deploy:\n  unknown-base: allow\n') }, 'Allow unknown bases');
    await app.deliver('push', push.payload);
    const { response } = await admit(pod());
    expect(response.allowed).toBe(true);
    expect(response.warnings).toEqual([`${silent} (spec.containers[1] (app1)) records no base image; allowed by deploy.unknown-base`]);

    const lenient = sim.push('.github', 'main', { [POLICY_PATH]: policy('deploy:\n  unknown-base: allow\n  registry-unreachable: allow\n') }, 'Let pods start when a registry is down');
    await app.deliver('push', lenient.payload);
    const unread = await admit(review('Pod', { kind: 'Pod', spec: podSpec([dead]) }));
    expect(unread.response.allowed).toBe(true);
    expect(unread.response.warnings?.[0]).toMatch(new RegExp(`^${dead.replaceAll('.', '\\.')} \\(spec\\.containers\\[0\\] \\(app0\\)\\) not checked: its registry cannot be read: .*; allowed by deploy\\.registry-unreachable$`));
  });
});

describe.runIf(!registryReachable)('the admission webhook, POST /api/admission', () => {
  it.skip(NO_REGISTRY, () => undefined);
});
