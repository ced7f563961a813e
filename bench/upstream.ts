/**
 * The upstream watch against the local registry (Debian's docker-registry on 127.0.0.1:5000, as
 * .ci/run starts it): a 200-image policy, each repository with 15 tags, half the images pinning
 * digests. Prints the wall time of one watch and the registry requests it took, cold and warm.
 * `npx tsx bench/upstream.ts [images]`
 */
import { loadPolicy } from '../src/config/load.js';
import { createRegistryClient } from '../src/registry/client.js';
import { watchUpstream } from '../src/upstream/watch.js';
import { pushImage, pushManifest, REGISTRY_HOST, registryReachable, uniqueRepository } from '../test/registry/local-registry.js';

const images = Number(process.argv[2] ?? 200);
if (!registryReachable) {
  console.log(`no registry at ${REGISTRY_HOST}; start it with: docker-registry serve .ci/registry.yml`);
  process.exit(0);
}

const TAGS = ['1.0.0', '1.0.1', '1.1.0', '1.1.1', '1.2.0', '2.0.0', '2.0.1', '1.0.0-slim', '1.0.1-slim', '1.1.1-slim', '1.2.0-slim', 'latest', 'slim', '1', '1.2'];
const setupStart = performance.now();
const entries: string[] = [];
for (let i = 0; i < images; i++) {
  const repository = uniqueRepository(`app${i}`);
  const image = await pushImage(repository, '1.0.0', { salt: String(i) });
  const manifest = await (await fetch(`http://${REGISTRY_HOST}/v2/${repository}/manifests/${image.digest}`, { headers: { accept: image.mediaType } })).json();
  for (const tag of TAGS.slice(1)) await pushManifest(repository, tag, manifest as object);
  const pins = i % 2 === 0 ? `\n    digests: { 1.0.0: "${image.digest}", 1.0.0-slim: "${image.digest}" }` : '';
  entries.push(`  - name: ${REGISTRY_HOST}/${repository}\n    versions: [1.0.0]\n    variants: ["", slim]\n    update: minor${pins}`);
}
const setupMs = performance.now() - setupStart;
const loaded = loadPolicy(`version: 1\nimages:\n${entries.join('\n')}\n`);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors[0]));

const client = createRegistryClient({ env: {}, tagTtlMs: 0 });
let started = performance.now();
const cold = await watchUpstream(loaded.policy, client);
const coldMs = performance.now() - started;
const coldRequests = client.requests;
started = performance.now();
await watchUpstream(loaded.policy, client);
const warmMs = performance.now() - started;

const result = {
  images,
  tagsPerImage: TAGS.length,
  setupSeconds: +(setupMs / 1000).toFixed(1),
  proposals: cold.versions.length,
  digestLookups: cold.digests.length,
  problems: cold.problems.length,
  coldMs: Math.round(coldMs),
  requests: coldRequests,
  requestsPerImage: +(coldRequests / images).toFixed(2),
  secondWatchMs: Math.round(warmMs),
};
console.log(`| images | tags each | watch (ms) | requests | requests/image | proposals | second watch (ms) |`);
console.log(`|---|---|---|---|---|---|---|`);
console.log(`| ${images} | ${TAGS.length} | ${result.coldMs} | ${result.requests} | ${result.requestsPerImage} | ${result.proposals} | ${result.secondWatchMs} |`);
console.log(JSON.stringify(result));
