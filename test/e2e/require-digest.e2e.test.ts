import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRegistryClient } from '../../src/registry/client.js';
import { startFakeRegistry, type FakeRegistry } from '../registry/fake-registry.js';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { startApp, type RunningApp } from './app.js';

const POLICY = `version: 1
require-digest: true
images:
  - name: node
    versions: [20.11.1]
`;

let sim: Simulator;
let registry: FakeRegistry;
let app: RunningApp | undefined;

beforeEach(async () => {
  registry = await startFakeRegistry({ auth: 'bearer' });
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }) });
  sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': POLICY });
  sim.state.addRepo('web', { 'README.md': '# web\n' });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
  await registry.close();
});

describe('require-digest in a pull request review', () => {
  it('PL1008 annotates the reference with the digest the registry reports', async () => {
    const digest = registry.putManifest('library/node', '20.11.1', { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] });
    app = await startApp(sim, undefined, { registry: createRegistryClient({ env: { PLIMSOLL_REGISTRY_ENDPOINTS: `docker.io=${registry.url}` } }) });
    const { payload } = sim.openPullRequest('web', { branch: 'containerise', changes: { Dockerfile: 'FROM node:20.11.1\nUSER node\n' }, author: 'dev-dana' });
    await app.deliver('pull_request', payload);

    const [check] = sim.state.checkRunsOf('web', 'plimsoll');
    expect(check?.conclusion).toBe('failure');
    expect(check?.annotations.filter((a) => a.title?.includes('PL1008')).map((a) => a.message)).toEqual([
      `node:20.11.1 carries no digest; pin the one the registry reports: node:20.11.1@${digest}`,
    ]);
    // The anonymous token dance, then one lookup for the one tag.
    expect(registry.log).toEqual([
      'HEAD /v2/library/node/manifests/20.11.1',
      'GET /token?service=fake-registry&scope=repository%3Alibrary%2Fnode%3Apull',
      'HEAD /v2/library/node/manifests/20.11.1',
    ]);
  });
});
