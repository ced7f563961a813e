/**
 * The admission webhook under a burst: 100 concurrent AdmissionReviews (Deployments with two
 * containers and an init container, drawn from 20 application images in the local registry, built
 * on annotated or provenance-recorded bases), answered by the real app on the offline GitHub
 * simulator. Cold: a fresh app (policy and registry caches empty); warm: the same burst again.
 * `npx tsx bench/admission.ts [reviews]`
 */
import { randomUUID } from 'node:crypto';
import { createRegistryClient } from '../src/registry/client.js';
import { local, provenance, pushBuildxImage } from '../test/deploy/images.js';
import { startApp } from '../test/e2e/app.js';
import { pushImage, REGISTRY_HOST, registryReachable, uniqueRepository } from '../test/registry/local-registry.js';
import { startSimulator } from '../test/sim/server.js';

const reviews = Number(process.argv[2] ?? 100);
if (!registryReachable) {
  console.log(`no registry at ${REGISTRY_HOST}; start it with: docker-registry serve .ci/registry.yml`);
  process.exit(0);
}

const images: string[] = [];
for (let i = 0; i < 20; i++) {
  const repository = uniqueRepository(`svc${i}`);
  if (i % 2 === 0) await pushImage(repository, '1.0.0', { annotations: { 'org.opencontainers.image.base.name': i % 4 === 0 ? 'node:20.11.1' : 'node:18.19.0' } });
  else await pushBuildxImage(repository, '1.0.0', (image) => provenance('v1', 'min', [{ uri: `pkg:docker/node@20.11.1?platform=linux%2F${image.platform!.architecture}`, digest: `sha256:${'a'.repeat(64)}` }]));
  images.push(`${local(repository)}:1.0.0`);
}

const sim = await startSimulator({ latencyMs: 20 });
sim.state.addRepo('.github', {
  '.github/plimsoll-policy.yml': `version: 1\nown-images: ["${REGISTRY_HOST}/plimsoll-test/**"]\nimages:\n  - name: node\n    versions: [20.11.1]\nbanned:\n  - name: node\n    versions: "<20"\n    reason: CVE-2024-27983\n`,
});
const app = await startApp(sim, undefined, { admission: { org: 'acme', registry: createRegistryClient({ env: {} }) } });

const body = (n: number) =>
  JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: randomUUID(),
      kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      resource: { group: 'apps', version: 'v1', resource: 'deployments' },
      name: `svc${n}`,
      namespace: 'shop',
      operation: 'CREATE',
      userInfo: { username: 'admin' },
      object: { apiVersion: 'apps/v1', kind: 'Deployment', spec: { template: { spec: { initContainers: [{ name: 'init', image: images[(n + 7) % 20] }], containers: [{ name: 'a', image: images[n % 20] }, { name: 'b', image: images[(n * 3) % 20] }] } } } },
      dryRun: false,
    },
  });

async function burst(): Promise<{ p50: number; p99: number; max: number; denied: number }> {
  const url = new URL('/api/admission', app.url);
  const times = await Promise.all(
    Array.from({ length: reviews }, async (_, n) => {
      const started = performance.now();
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(n) });
      const answer = (await response.json()) as { response: { allowed: boolean } };
      return { ms: performance.now() - started, denied: !answer.response.allowed };
    }),
  );
  const sorted = times.map((t) => t.ms).sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
  return { p50: at(0.5), p99: at(0.99), max: Math.round(sorted.at(-1)!), denied: times.filter((t) => t.denied).length };
}

const cold = await burst();
const warm = await burst();
const one: number[] = [];
for (let n = 0; n < 50; n++) {
  const started = performance.now();
  await (await fetch(new URL('/api/admission', app.url), { method: 'POST', body: body(n) })).json();
  one.push(performance.now() - started);
}
one.sort((a, b) => a - b);
const sequential = Math.round(one[25]! * 10) / 10;
await app.close();
await sim.close();
console.log('| burst | reviews at once | p50 (ms) | p99 (ms) | max (ms) | denied |');
console.log('|---|---|---|---|---|---|');
console.log(`| cold | ${reviews} | ${cold.p50} | ${cold.p99} | ${cold.max} | ${cold.denied} |`);
console.log(`| warm | ${reviews} | ${warm.p50} | ${warm.p99} | ${warm.max} | ${warm.denied} |`);
console.log(`\nOne review at a time, warm: ${sequential} ms (median of 50).`);
console.log(JSON.stringify({ reviews, cold, warm, sequentialWarmMs: sequential }));
process.exit(0);
