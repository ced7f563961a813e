import { describe, expect, it } from 'vitest';
import { emptyInventory } from '../../src/inventory/model.js';
import { renderInventory } from '../../src/inventory/render.js';
import { policyOf } from '../policy/fixtures.js';

describe('the inventory issue\'s upstream section', () => {
  it('shows the newest upstream version per image with when it was first seen, the pull request, moved tags and what was not checked', () => {
    const inventory = emptyInventory();
    inventory.upstream = {
      checkedAt: '2026-03-02T08:15:00.000Z',
      images: { python: { newest: '3.13.1', seenAt: '2026-03-01T08:15:00.000Z' }, node: { newest: null, seenAt: '2026-03-02T08:15:00.000Z' } },
      moved: [{ image: 'node', tag: '20.11.1-alpine3.19', pinned: `sha256:${'a'.repeat(64)}`, now: `sha256:${'b'.repeat(64)}`, where: ['policy', 'acme/api (Dockerfile:1)'] }],
      pullRequest: { number: 12, url: 'https://github.com/acme/.github/pull/12' },
      problems: ['quay.io/x/y: quay.io cannot be read: HTTP 503'],
    };
    const body = renderInventory(policyOf('version: 1\n'), inventory, { now: new Date('2026-03-02T09:00:00Z') });
    const section = body.slice(body.indexOf('## Upstream'), body.indexOf('## Which images'));
    expect(section).toBe(`## Upstream (checked 2026-03-02 08:15 UTC)

Proposed in #12 (\`plimsoll/upstream\`).

| image | newest upstream | first seen |
|---|---|---|
| node | — | 2026-03-02 08:15 UTC |
| python | 3.13.1 | 2026-03-01 08:15 UTC |

Moved tags: the registry's digest is no longer the one pinned (1)

- node:20.11.1-alpine3.19: pinned \`sha256:aaaaaaaaaaaa…\`, registry now \`sha256:bbbbbbbbbbbb…\` (policy, acme/api (Dockerfile:1))

Not checked:
- quay.io/x/y: quay.io cannot be read: HTTP 503

`);
  });
  it('has no upstream section before the watch first runs', () => {
    expect(renderInventory(policyOf('version: 1\n'), emptyInventory(), { now: new Date() })).not.toContain('## Upstream');
  });
});
