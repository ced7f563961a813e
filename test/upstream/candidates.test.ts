import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/config/load.js';
import type { Policy } from '../../src/policy/types.js';
import { newestUpstream, proposeVersions } from '../../src/upstream/candidates.js';

function policyOf(text: string): Policy {
  const loaded = loadPolicy(text);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.policy;
}

const NODE = policyOf(`version: 1
images:
  - name: node
    versions: [20.11.1, 18.19.1]
    variants: [alpine3.19, ""]
    update: minor
banned:
  - name: node
    versions: ">=18.20.0 <18.20.2"
    reason: CVE-2099-1
`);

const propose = (policy: Policy, tags: string[], rejected: string[] = []) =>
  proposeVersions(policy, policy.images![0]!, tags, new Set(rejected)).map((p) => ({ version: p.version, after: p.after, tags: p.tags }));

describe('upstream candidates (SPEC §9)', () => {
  it.each([
    ['a patch in the 20 line, bare and in a listed variant', ['20.11.1', '20.11.2', '20.11.2-alpine3.19'], [{ version: '20.11.2', after: '20.11.1', tags: ['20.11.2', '20.11.2-alpine3.19'] }]],
    ['the newest of the line only', ['20.11.2', '20.12.0', '20.12.1'], [{ version: '20.12.1', after: '20.11.1', tags: ['20.12.1'] }]],
    ['both release lines, newest line first', ['18.19.2', '20.11.2'], [
      { version: '20.11.2', after: '20.11.1', tags: ['20.11.2'] },
      { version: '18.19.2', after: '18.19.1', tags: ['18.19.2'] },
    ]],
    ['not a new major under update: minor', ['21.0.0', '22.1.0'], []],
    ['not older or equal versions', ['20.11.0', '20.11.1', '18.0.0'], []],
    ['only listed variants', ['20.11.2-bookworm', '20.11.2-alpine3.20'], []],
    ['not another number of parts', ['20.12', '20', '20.11.2.1'], []],
    ['no pre-releases', ['20.12.0-rc.1', '20.12.0rc1', '20.12.0-beta'], []],
    ['never inside a banned range', ['18.20.0', '18.20.1'], []],
    ['beyond a banned range, yes', ['18.20.0', '18.20.2'], [{ version: '18.20.2', after: '18.19.1', tags: ['18.20.2'] }]],
    ['words and hashes are no versions', ['latest', 'lts', 'iron', 'alpine', 'a1b2c3d4e5'], []],
  ])('%s', (_name, tags, expected) => {
    expect(propose(NODE, tags)).toEqual(expected);
  });

  it('a version a person declined is not proposed again; a newer one is', () => {
    expect(propose(NODE, ['20.11.2'], ['docker.io/library/node@20.11.2'])).toEqual([]);
    expect(propose(NODE, ['20.11.2', '20.11.3'], ['docker.io/library/node@20.11.2'])).toEqual([{ version: '20.11.3', after: '20.11.1', tags: ['20.11.3'] }]);
  });

  it('update: patch keeps the minor; update: major proposes across majors', () => {
    const patch = policyOf('version: 1\nimages:\n  - name: python\n    versions: [3.12.4, 3.11.9]\n    update: patch\n');
    expect(propose(patch, ['3.12.5', '3.13.0', '3.11.10'])).toEqual([
      { version: '3.12.5', after: '3.12.4', tags: ['3.12.5'] },
      { version: '3.11.10', after: '3.11.9', tags: ['3.11.10'] },
    ]);
    const major = policyOf('version: 1\nimages:\n  - name: python\n    versions: [3.12.4, 3.11.9]\n    update: major\n');
    expect(propose(major, ['3.12.5', '4.0.0'])).toEqual([{ version: '4.0.0', after: '3.12.4', tags: ['4.0.0'] }]);
  });

  it('without variants, every variant of a new version counts; a variant that names a pre-release admits it', () => {
    const any = policyOf('version: 1\nimages:\n  - name: golang\n    versions: [1.22.1]\n');
    expect(propose(any, ['1.22.2-alpine', '1.22.2-bookworm', '1.23rc1'])).toEqual([{ version: '1.22.2', after: '1.22.1', tags: ['1.22.2-alpine', '1.22.2-bookworm'] }]);
    const beta = policyOf('version: 1\nimages:\n  - name: acme/tool\n    versions: [1.2.3]\n    variants: [beta]\n');
    expect(propose(beta, ['1.2.4-beta', '1.2.4'])).toEqual([{ version: '1.2.4', after: '1.2.3', tags: ['1.2.4-beta'] }]);
  });

  it('prefixed versions keep their prefix and shape', () => {
    const temurin = policyOf('version: 1\nimages:\n  - name: eclipse-temurin\n    versions: [jdk-21.0.2_13]\n    update: minor\n');
    expect(propose(temurin, ['jdk-21.0.3_9', '21.0.4_7-jdk', 'jdk-22.0.1_8'])).toEqual([{ version: 'jdk-21.0.3_9', after: 'jdk-21.0.2_13', tags: ['jdk-21.0.3_9'] }]);
  });

  it('the newest upstream version, any line, for the inventory', () => {
    expect(newestUpstream(NODE.images![0]!, ['18.19.2', '22.1.0-alpine3.19', '23.0.0-bookworm', 'latest'])).toBe('22.1.0');
    expect(newestUpstream(NODE.images![0]!, ['latest'])).toBeNull();
  });
});
