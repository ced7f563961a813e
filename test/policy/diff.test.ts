import { describe, expect, it } from 'vitest';
import { diffPolicies, isUnchanged } from '../../src/policy/diff.js';
import { policyFrom } from '../fanout/policies.js';

const BEFORE = policyFrom(`version: 1
ops:
  team: platform-ops
images:
  - name: node
    versions: [20.11.1, 18.19.1]
    update: minor
  - name: python
    versions: ["3.12.4"]
banned:
  - name: node
    versions: "<18.19.1"
    reason: CVE-2024-27983
exceptions:
  - repo: acme/legacy
    image: centos:7
    codes: [PL1001]
    reason: vendor SDK
    expires: 2026-02-01
`);

describe('diffPolicies', () => {
  it('says nothing changed when only comments and formatting did', () => {
    const same = policyFrom(`# reformatted
version: 1
ops: { team: platform-ops }
images:
  - { name: docker.io/library/node, versions: [20.11.1, 18.19.1], update: minor }
  - { name: python, versions: ["3.12.4"] }
banned: [{ name: node, versions: "<18.19.1", reason: CVE-2024-27983 }]
exceptions: [{ repo: acme/legacy, image: centos:7, codes: [PL1001], reason: vendor SDK, expires: 2026-02-01 }]
`);
    expect(isUnchanged(diffPolicies(BEFORE, same))).toBe(true);
  });

  it('lists images and versions added and removed, bans, exceptions and settings', () => {
    const after = policyFrom(`version: 1
ops:
  team: platform-ops
  review: always
images:
  - name: node
    versions: [20.12.0, 20.11.1]
    update: major
  - name: golang
    versions: ["1.22.1"]
banned:
  - name: node
    versions: "<18.19.1"
    reason: CVE-2024-27983 and more
  - name: centos
    reason: end of life
exceptions:
  - repo: acme/legacy
    image: centos:7
    codes: [PL1001]
    reason: vendor SDK
    expires: 2026-03-01
bumps:
  mode: dry-run
rules:
  DL3008: warning
`);
    const changes = diffPolicies(BEFORE, after);
    expect(changes.images.added.map((e) => e.written)).toEqual(['golang']);
    expect(changes.images.removed.map((e) => e.written)).toEqual(['python']);
    expect(changes.images.changed).toEqual([
      {
        name: 'docker.io/library/node',
        written: 'node',
        versions: { added: ['20.12.0'], removed: ['18.19.1'] },
        tags: { added: [], removed: [] },
        variants: null,
        update: { before: 'minor', after: 'major' },
        digests: { added: [], removed: [], changed: [] },
      },
    ]);
    expect(changes.banned.added.map((b) => b.written)).toEqual(['centos']);
    expect(changes.banned.changed.map((c) => c.after.reason)).toEqual(['CVE-2024-27983 and more']);
    expect(changes.exceptions.changed.map((c) => [c.before.expires, c.after.expires])).toEqual([['2026-02-01', '2026-03-01']]);
    expect(changes.settings).toEqual([
      { key: 'ops.review', before: 'on-findings', after: 'always' },
      { key: 'bumps.mode', before: 'open', after: 'dry-run' },
      { key: 'rules.DL3008', before: null, after: 'warning' },
    ]);
  });

  it('compares a first policy with what no policy means', () => {
    const changes = diffPolicies(null, BEFORE);
    expect(changes.images.added.map((e) => e.written)).toEqual(['node', 'python']);
    expect(changes.exceptions.added).toHaveLength(1);
    expect(changes.settings).toEqual([
      { key: 'whitelist', before: 'off (every image allowed)', after: 'on' },
      { key: 'ops.team', before: null, after: 'platform-ops' },
    ]);
  });
});
