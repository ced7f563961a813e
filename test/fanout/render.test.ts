import { describe, expect, it } from 'vitest';
import { planManifestBumps } from '../../src/bump/manifest.js';
import { planBumps } from '../../src/bump/plan.js';
import { pullRequestRenderer, type Planners } from '../../src/fanout/render.js';
import type { RegistryClient, RepositoryRef } from '../../src/registry/types.js';
import { PINNED_DIGEST as A, policyOf, REQUIRE_DIGEST_POLICY } from '../policy/fixtures.js';
import { NODE_20_11_1 } from './policies.js';

const B = `sha256:${'b'.repeat(64)}`;

/** src/bump's planners, counting the Dockerfiles and sets of other files each plans. */
function counting(): Planners & { files: string[]; others: number } {
  const counted = {
    files: [] as string[],
    others: 0,
    planBumps: ((...args: Parameters<typeof planBumps>) => {
      counted.files.push(args[1]);
      return planBumps(...args);
    }) as typeof planBumps,
    planManifestBumps: ((...args: Parameters<typeof planManifestBumps>) => {
      counted.others += 1;
      return planManifestBumps(...args);
    }) as typeof planManifestBumps,
  };
  return counted;
}

/** A registry that knows one digest per tag, and counts the questions. */
function registryOf(digests: Record<string, string>): RegistryClient & { asked: string[] } {
  const asked: string[] = [];
  const refuse = () => Promise.reject(new Error('not asked in this test'));
  return {
    asked,
    digest: (repo: RepositoryRef, tag: string) => {
      asked.push(`${repo.repository}:${tag}`);
      const digest = digests[`${repo.repository}:${tag}`];
      return digest ? Promise.resolve(digest) : refuse();
    },
    tags: refuse,
    manifest: refuse,
    blob: refuse,
    referrers: refuse,
  };
}

const PINNING = policyOf(REQUIRE_DIGEST_POLICY);

describe('a bump job plans each file once', () => {
  it('the plan a job decides on is the one its pull request text reads', () => {
    const planners = counting();
    const planning = pullRequestRenderer(NODE_20_11_1, null, planners);
    const text = 'ARG V=18.19.0\nFROM node:${V} AS a\nFROM python:3.12.1\n';
    const plan = planning.planFile('Dockerfile', text);
    expect(plan.applyFor('docker.io/library/node')).toBe('ARG V=18.19.1\nFROM node:${V} AS a\nFROM python:3.12.1\n');
    const { body } = planning.render('node', [{ path: 'Dockerfile', edits: plan.edits }]);
    // The full edit (its ARG) reaches the text without planning the file again.
    expect(body).toContain('18.19.0');
    expect(body).toContain('18.19.1');
    expect(body).toContain('V');
    expect(planners.files).toEqual(['Dockerfile']);
    expect(planning.prepare).toBeUndefined();
  });

  it('under require-digest, files whose targets the policy pins are planned once, and the registry is not asked', async () => {
    const planners = counting();
    const registry = registryOf({});
    const planning = pullRequestRenderer(PINNING, registry, planners);
    const text = 'FROM node:20.9.0-alpine3.19\n';
    await planning.prepare!({ Dockerfile: text }, {});
    expect(planning.planFile('Dockerfile', text).applyFor('docker.io/library/node')).toBe(`FROM node:20.11.1-alpine3.19@${A}\n`);
    expect(registry.asked).toEqual([]);
    expect(planners.files).toEqual(['Dockerfile']);
  });

  it("under require-digest, the registry's answer is planned in: the file is planned again, once", async () => {
    const planners = counting();
    const registry = registryOf({ 'library/node:20.11.1': B });
    const planning = pullRequestRenderer(PINNING, registry, planners);
    const text = 'FROM node:20.9.0\n';
    await planning.prepare!({ Dockerfile: text }, {});
    const plan = planning.planFile('Dockerfile', text);
    expect(plan.applyFor('docker.io/library/node')).toBe(`FROM node:20.11.1@${B}\n`);
    expect(registry.asked).toEqual(['library/node:20.11.1']);
    expect(planners.files).toEqual(['Dockerfile', 'Dockerfile']);
  });

  it('files of other kinds are planned together, once', async () => {
    const planners = counting();
    const planning = pullRequestRenderer(PINNING, registryOf({}), planners);
    const compose = 'services:\n  api:\n    image: node:20.9.0-alpine3.19\n';
    await planning.prepare!({ 'compose.yaml': compose }, { 'compose.yaml': 'compose' });
    const plan = planning.planManifests([{ path: 'compose.yaml', kind: 'compose', text: compose }], new Map([['compose.yaml', compose]]));
    expect(plan.applyFor('docker.io/library/node')).toEqual([{ path: 'compose.yaml', contents: `services:\n  api:\n    image: node:20.11.1-alpine3.19@${A}\n` }]);
    expect(planners.others).toBe(1);
    expect(planners.files).toEqual([]);
  });

  it('a file whose text changed is planned again', () => {
    const planners = counting();
    const planning = pullRequestRenderer(NODE_20_11_1, null, planners);
    planning.planFile('Dockerfile', 'FROM node:18.19.0\n');
    expect(planning.planFile('Dockerfile', 'FROM node:20.11.0\n').applyFor('docker.io/library/node')).toBe('FROM node:20.11.1\n');
    expect(planners.files).toEqual(['Dockerfile', 'Dockerfile']);
  });
});
