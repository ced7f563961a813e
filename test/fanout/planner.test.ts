import { describe, expect, it } from 'vitest';
import { bumpPlanner, manifestPlanner } from '../../src/fanout/planner.js';
import type { ManifestText } from '../../src/fanout/ports.js';
import { NODE_20_11_1 } from './policies.js';

describe('bumpPlanner (src/bump planBumps seen by the fan-out)', () => {
  it('keys edits by normalised image and applies only that image’s edits', () => {
    const plan = bumpPlanner(NODE_20_11_1)('Dockerfile', 'FROM node:18.19.0 AS a\nFROM python:3.12.1\n');
    expect(plan.edits.map((e) => [e.image, e.line, e.from, e.to, e.banned])).toEqual([['docker.io/library/node', 1, '18.19.0', '18.19.1', true]]);
    expect(plan.applyFor('docker.io/library/node')).toBe('FROM node:18.19.1 AS a\nFROM python:3.12.1\n');
  });
});

describe('manifestPlanner (src/bump planManifestBumps seen by the fan-out)', () => {
  const files: ManifestText[] = [
    { path: 'compose.yaml', kind: 'compose', text: 'services:\n  api:\n    image: "node:${NODE:-18.19.0}"\n  web:\n    image: node:20.11.0 # pinned\n' },
    { path: '.github/workflows/ci.yml', kind: 'workflow', text: 'jobs:\n  t:\n    container: python:3.12.0\n' },
  ];
  const texts = new Map([...files.map((f) => [f.path, f.text] as const), ['.env', '# node\nNODE=18.19.0\n']]);

  it('places each edit where the version is written (the .env line), keyed by normalised image', () => {
    const full: Array<[string, number]> = [];
    const plan = manifestPlanner(NODE_20_11_1, {}, (file, edits) => full.push([file, edits.length]))(files, texts);
    expect(plan.edits.map((e) => [e.path, e.line, e.image, e.from, e.to, e.banned, e.fromRef, e.toRef])).toEqual([
      ['.env', 2, 'docker.io/library/node', '18.19.0', '18.19.1', true, 'node:18.19.0', 'node:18.19.1'],
      ['.github/workflows/ci.yml', 3, 'docker.io/library/python', '3.12.0', '3.12.1', false, 'python:3.12.0', 'python:3.12.1'],
      ['compose.yaml', 5, 'docker.io/library/node', '20.11.0', '20.11.1', false, 'node:20.11.0', 'node:20.11.1'],
    ]);
    expect(full).toEqual([
      ['.env', 1],
      ['.github/workflows/ci.yml', 1],
      ['compose.yaml', 1],
    ]);
    expect(plan.applyFor('docker.io/library/node')).toEqual([
      { path: '.env', contents: '# node\nNODE=18.19.1\n' },
      { path: 'compose.yaml', contents: 'services:\n  api:\n    image: "node:${NODE:-18.19.0}"\n  web:\n    image: node:20.11.1 # pinned\n' },
    ]);
    expect(plan.applyFor('docker.io/library/python')).toEqual([{ path: '.github/workflows/ci.yml', contents: 'jobs:\n  t:\n    container: python:3.12.1\n' }]);
    expect(plan.applyFor('docker.io/library/redis')).toEqual([]);
  });

  it('says what it cannot fix, with the image it is about', () => {
    const plan = manifestPlanner(NODE_20_11_1)([{ path: '.github/workflows/m.yml', kind: 'workflow', text: 'jobs:\n  t:\n    container: ${{ matrix.image }}\n' }], new Map());
    expect(plan.unfixable).toEqual([{ file: '.github/workflows/m.yml', line: 3, image: null, reference: '${{ matrix.image }}', reason: expect.stringMatching(/^cannot be resolved: it is a GitHub Actions expression/) }]);
  });
});
