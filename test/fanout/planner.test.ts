import { describe, expect, it } from 'vitest';
import { bumpPlanner } from '../../src/fanout/planner.js';
import { NODE_20_11_1 } from './policies.js';

describe('bumpPlanner (src/bump planBumps seen by the fan-out)', () => {
  it('keys edits by normalised image and applies only that image’s edits', () => {
    const plan = bumpPlanner(NODE_20_11_1)('Dockerfile', 'FROM node:18.19.0 AS a\nFROM python:3.12.1\n');
    expect(plan.edits.map((e) => [e.image, e.line, e.from, e.to, e.banned])).toEqual([['docker.io/library/node', 1, '18.19.0', '18.19.1', true]]);
    expect(plan.applyFor('docker.io/library/node')).toBe('FROM node:18.19.1 AS a\nFROM python:3.12.1\n');
  });
});
