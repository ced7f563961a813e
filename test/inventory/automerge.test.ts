import { describe, expect, it } from 'vitest';
import { applyAutomergeRecord, renderAutomerge } from '../../src/inventory/automerge.js';
import { emptyInventory, type AutomergeRecord } from '../../src/inventory/model.js';
import { renderInventory } from '../../src/inventory/render.js';
import { policyFrom } from '../fanout/policies.js';

const record = (repo: string, standing: AutomergeRecord['standing'], detail: string, number = 1): AutomergeRecord => ({ repo, image: 'node', number, url: `https://github.com/${repo}/pull/${number}`, target: '20.11.2', standing, detail, at: '2026-01-15T10:00:00.000Z' });

describe('the merge-on-green part of the inventory', () => {
  it('what merged, what waits on a red check, on a person, on checks', () => {
    const inventory = emptyInventory();
    applyAutomergeRecord(inventory, 'acme/web#node', record('acme/web', 'merged', 'merged on green'));
    applyAutomergeRecord(inventory, 'acme/api#node', record('acme/api', 'red-check', '**ci** failure'));
    applyAutomergeRecord(inventory, 'acme/jobs#node', record('acme/jobs', 'person', 'labelled `plimsoll:hold`'));
    applyAutomergeRecord(inventory, 'acme/docs#node', record('acme/docs', 'auto-merge', 'waiting on **ci**'));
    expect(renderAutomerge(inventory, 10).join('\n')).toBe(`## Bump pull requests merged on green

Merged: 1 · Waiting on a red check: 1 · Waiting on a person: 1 · Waiting for checks, GitHub's auto-merge on: 1 · Waiting for checks: 0

### Merged (1)

- acme/web#1: node → 20.11.2: merged on green (2026-01-15 10:00 UTC)

### Waiting on a red check (1)

- acme/api#1: node → 20.11.2: **ci** failure (2026-01-15 10:00 UTC)

### Waiting on a person (1)

- acme/jobs#1: node → 20.11.2: labelled \`plimsoll:hold\` (2026-01-15 10:00 UTC)

### Waiting for checks, GitHub's auto-merge on (1)

- acme/docs#1: node → 20.11.2: waiting on **ci** (2026-01-15 10:00 UTC)`);
  });

  it('nothing at all before a bump pull request was a candidate; the section sits in the issue after the open pull requests', () => {
    const inventory = emptyInventory();
    expect(renderAutomerge(inventory, 10)).toEqual([]);
    const policy = policyFrom('version: 1\nbumps: { automerge: [patch] }\n');
    expect(renderInventory(policy, inventory, { now: new Date('2026-01-15T10:00:00Z') })).not.toContain('merged on green');
    applyAutomergeRecord(inventory, 'acme/web#node', record('acme/web', 'merged', 'merged on green'));
    const body = renderInventory(policy, inventory, { now: new Date('2026-01-15T10:00:00Z') });
    expect(body.indexOf('## Bump pull requests merged on green')).toBeGreaterThan(body.indexOf('## Open bump pull requests'));
    expect(body.indexOf('## Bump pull requests merged on green')).toBeLessThan(body.indexOf('## Failed jobs'));
  });

  it('reports whether anything changed, and takes a merged pull request off the open list', () => {
    const inventory = emptyInventory();
    inventory.openPullRequests['acme/web#node'] = { repo: 'acme/web', image: 'node', number: 1, url: 'u', target: '20.11.2' };
    expect(applyAutomergeRecord(inventory, 'acme/web#node', record('acme/web', 'waiting', 'waiting on **ci**'))).toBe(true);
    expect(applyAutomergeRecord(inventory, 'acme/web#node', { ...record('acme/web', 'waiting', 'waiting on **ci**'), at: 'later' })).toBe(false);
    expect(applyAutomergeRecord(inventory, 'acme/web#node', record('acme/web', 'merged', 'merged on green'))).toBe(true);
    expect(inventory.openPullRequests).toEqual({});
    expect(applyAutomergeRecord(inventory, 'acme/web#node', null)).toBe(true);
    expect(applyAutomergeRecord(inventory, 'acme/web#node', null)).toBe(false);
  });

  it('cuts long lists as the rest of the issue does', () => {
    const inventory = emptyInventory();
    for (let i = 0; i < 5; i++) applyAutomergeRecord(inventory, `acme/r${i}#node`, record(`acme/r${i}`, 'merged', 'merged on green'));
    expect(renderAutomerge(inventory, 2).filter((line) => line.startsWith('- '))).toEqual([
      '- acme/r0#1: node → 20.11.2: merged on green (2026-01-15 10:00 UTC)',
      '- acme/r1#1: node → 20.11.2: merged on green (2026-01-15 10:00 UTC)',
      '- …and 3 more',
    ]);
  });
});
