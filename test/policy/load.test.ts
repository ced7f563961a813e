import { describe, expect, it } from 'vitest';
import { formatPolicyError } from '../../src/policy/errors.js';
import { loadPolicy } from '../../src/policy/load.js';
import { SPEC_POLICY } from './fixtures.js';

function errorsOf(text: string): string[] {
  const result = loadPolicy(text, 'plimsoll-policy.yml');
  if (result.ok) return [];
  return result.errors.map(formatPolicyError);
}

describe('loadPolicy: the SPEC example', () => {
  it('loads and normalises every section', () => {
    const result = loadPolicy(SPEC_POLICY, '.github/plimsoll-policy.yml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { policy } = result;
    expect(policy.ops).toEqual({ team: 'platform-ops', review: 'on-findings', selfApproval: false });
    expect(policy.trustedRegistries).toEqual(['docker.io', 'ghcr.io/acme']);
    expect(policy.images?.map((i) => [i.name, i.familiar, i.versions, i.variants, i.tags, i.update])).toEqual([
      ['docker.io/library/node', 'node', ['20.11.1', '18.19.1'], ['alpine3.19', 'bookworm-slim', ''], [], 'minor'],
      ['gcr.io/distroless/static-debian12', 'gcr.io/distroless/static-debian12', null, null, ['nonroot'], 'minor'],
    ]);
    expect(policy.images?.[0]?.digests).toEqual({ '20.11.1-alpine3.19': `sha256:${'a'.repeat(64)}` });
    expect(policy.banned).toEqual([
      { written: 'node', name: 'docker.io/library/node', familiar: 'node', versions: '<18.19.1', reason: 'CVE-2024-27983' },
    ]);
    expect(policy.exceptions).toEqual([
      {
        repo: 'acme/legacy-billing',
        image: 'docker.io/library/centos',
        tag: '7',
        written: 'centos:7',
        codes: ['PL1001'],
        reason: 'vendor SDK needs EL7',
        expires: '2027-01-31',
      },
    ]);
    expect(policy.bumps).toEqual({ mode: 'open', maxOpen: 500, automerge: [], rebuild: 'none' });
    expect(policy.rules).toEqual({ DL3008: 'warning' });
  });

  it('fills defaults for a minimal policy', () => {
    const result = loadPolicy('version: 1\n');
    expect(result).toEqual({
      ok: true,
      policy: {
        version: 1,
        ops: { team: null, review: 'on-findings', selfApproval: false },
        trustedRegistries: null,
        images: null,
        banned: [],
        exceptions: [],
        bumps: { mode: 'open', maxOpen: 500, automerge: [], rebuild: 'none' },
        rules: {},
        inlineIgnore: [],
        requireDigest: false,
        ownImages: [],
        upstream: { schedule: 'off' },
        deploy: { unknownBase: 'deny', registryUnreachable: 'deny' },
      },
    });
  });

  it('reads every key SPEC §3, §9, §10 and §11 name', () => {
    const text = [
      'version: 1',
      'bumps: { mode: dry-run, max-open: 20, automerge: [patch, banned, patch], rebuild: dispatch }',
      'inline-ignore: [PL2001]',
      'require-digest: true',
      'own-images: [ghcr.io/acme/*, registry.acme.internal/*]',
      'upstream: { schedule: daily }',
      'deploy: { unknown-base: allow, registry-unreachable: allow }',
      '',
    ].join('\n');
    const result = loadPolicy(text);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { bumps, inlineIgnore, requireDigest, ownImages, upstream, deploy } = result.policy;
    expect(bumps).toEqual({ mode: 'dry-run', maxOpen: 20, automerge: ['patch', 'banned'], rebuild: 'dispatch' });
    expect(inlineIgnore).toEqual(['PL2001']);
    expect(requireDigest).toBe(true);
    expect(ownImages).toEqual(['ghcr.io/acme/*', 'registry.acme.internal/*']);
    expect(upstream).toEqual({ schedule: 'daily' });
    expect(deploy).toEqual({ unknownBase: 'allow', registryUnreachable: 'allow' });
  });

  it('refuses DL codes in inline-ignore and unknown values of the new keys, with their lines', () => {
    const text = ['version: 1', 'inline-ignore: [DL3008]', 'upstream: { schedule: monthly }', 'deploy: { unknown-base: maybe }', 'bumps: { automerge: [everything] }', ''].join('\n');
    const result = loadPolicy(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(result.errors[0]!.message).toMatch(/PL rule code/);
  });

  it('keeps versions as written when YAML would read them as numbers', () => {
    const result = loadPolicy('version: 1\nimages:\n  - name: python\n    versions: [3.10, 3.9, 2024.1, 20]\n');
    expect(result.ok && result.policy.images?.[0]?.versions).toEqual(['3.10', '3.9', '2024.1', '20']);
  });

  it('accepts a BOM, CRLF line ends, anchors and every Docker Hub spelling', () => {
    const text = '\uFEFFversion: 1\r\nimages:\r\n  - name: index.docker.io/library/node\r\n    versions: &v [20.11.1]\r\n  - name: acme/app\r\n    versions: *v\r\n';
    const result = loadPolicy(text);
    expect(result.ok && result.policy.images?.map((i) => [i.name, i.versions])).toEqual([
      ['docker.io/library/node', ['20.11.1']],
      ['docker.io/acme/app', ['20.11.1']],
    ]);
  });

  it('treats a hostile YAML tag as plain text, never as code', () => {
    const result = loadPolicy('version: 1\nops:\n  team: !<tag:yaml.org,2002:js/function> "function () { return 1 }"\n');
    expect(result.ok && result.policy.ops.team).toBe('function () { return 1 }');
  });
});

describe('loadPolicy: bad input is reported with file, line and what was expected', () => {
  const rows: Array<[string, string, string[]]> = [
    ['empty file', '', ['plimsoll-policy.yml:1: the policy is empty; it needs at least `version: 1`']],
    ['only comments', '# policy\n\n# more\n', ['plimsoll-policy.yml:1: the policy is empty; it needs at least `version: 1`']],
    ['not YAML', 'version: 1\nimages: [\n', ['plimsoll-policy.yml:3: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']],
    ['a list', '- node\n', ['plimsoll-policy.yml:1: the policy must be a mapping of keys (version, images, banned, …), got a list']],
    ['a scalar', 'hello\n', ['plimsoll-policy.yml:1: the policy must be a mapping of keys (version, images, banned, …), got "hello"']],
    ['missing version', 'images: []\n', ['plimsoll-policy.yml:1: version is required']],
    ['wrong version', 'version: 2\n', ['plimsoll-policy.yml:1: version must be 1, got 2']],
    ['version as text', 'version: "1"\n', ['plimsoll-policy.yml:1: version must be 1, got "1"']],
    ['duplicate key', 'version: 1\nversion: 1\n', ['plimsoll-policy.yml:2: not valid YAML: Map keys must be unique']],
    [
      'enum typo',
      'version: 1\nimages:\n  - name: node\n  - name: python\n  - name: ruby\n    update: minr\n',
      ['plimsoll-policy.yml:6: images[2].update must be one of patch, minor, major, got "minr"'],
    ],
    [
      'unknown keys, with a hint',
      'version: 1\nimage:\n  - name: node\nops:\n  teem: x\n',
      [
        'plimsoll-policy.yml:2: image is not a known key; did you mean images?',
        'plimsoll-policy.yml:5: ops.teem is not a known key; did you mean team?',
      ],
    ],
    [
      'unknown key, no close match',
      'version: 1\nbumps:\n  schedule: nightly\n',
      ['plimsoll-policy.yml:3: bumps.schedule is not a known key; known keys: mode, max-open, automerge, rebuild'],
    ],
    [
      'wrong types',
      'version: 1\ntrusted-registries: docker.io\nops:\n  self-approval: "no"\nbumps:\n  max-open: 1.5\n',
      [
        'plimsoll-policy.yml:2: trusted-registries must be a list, got "docker.io"',
        'plimsoll-policy.yml:4: ops.self-approval must be true or false, got "no"',
        'plimsoll-policy.yml:6: bumps.max-open must be a whole number, got 1.5',
      ],
    ],
    [
      'required key missing in an entry',
      'version: 1\nimages:\n  - versions: [1.2.3]\n',
      ['plimsoll-policy.yml:3: images[0].name is required'],
    ],
    [
      'image named twice under different spellings',
      'version: 1\nimages:\n  - name: node\n  - name: python\n  - name: docker.io/library/node\n',
      ['plimsoll-policy.yml:5: images[2].name names docker.io/library/node, already listed at images[0] (line 3); merge the two entries'],
    ],
    [
      'a version both listed and banned',
      'version: 1\nimages:\n  - name: node\n    versions:\n      - 20.11.1\n      - 18.19.0\nbanned:\n  - name: node\n    versions: "<18.19.1"\n',
      ['plimsoll-policy.yml:6: images[0].versions[1] lists 18.19.0, which banned[0] bans ("<18.19.1"); a version cannot be both allowed and banned'],
    ],
    [
      'an image both listed and banned outright',
      'version: 1\nimages:\n  - name: centos\nbanned:\n  - name: centos\n    reason: EOL\n',
      ['plimsoll-policy.yml:5: banned[0] bans every version of centos, which images[0] allows; remove one of them'],
    ],
    [
      'invalid semver range',
      'version: 1\nbanned:\n  - name: node\n    versions: "lower than 18"\n',
      ['plimsoll-policy.yml:4: banned[0].versions must be a semver range such as "<18.19.1" or ">=3 <3.12.4", got "lower than 18"'],
    ],
    [
      'unparsable dates',
      'version: 1\nexceptions:\n  - repo: acme/a\n    codes: [PL1001]\n    reason: r\n    expires: 2027-02-30\n  - repo: acme/b\n    codes: [PL1001]\n    reason: r\n    expires: next year\n',
      [
        'plimsoll-policy.yml:6: exceptions[0].expires must be a date written YYYY-MM-DD, got "2027-02-30"',
        'plimsoll-policy.yml:10: exceptions[1].expires must be a date written YYYY-MM-DD, got "next year"',
      ],
    ],
    [
      'a word listed as a version',
      'version: 1\nimages:\n  - name: debian\n    versions: [bookworm]\n',
      ['plimsoll-policy.yml:4: images[0].versions[0] must be a version such as 20.11.1 (words such as bookworm go under tags; variants under variants), got "bookworm"'],
    ],
    [
      'an image name with a tag',
      'version: 1\nimages:\n  - name: node:20\n',
      ['plimsoll-policy.yml:3: images[0].name must be an image name such as node or ghcr.io/acme/app, without tag or digest, got "node:20"'],
    ],
    [
      'a digest for a tag the entry does not allow',
      `version: 1\nimages:\n  - name: node\n    versions: [20.11.1]\n    digests:\n      18.0.0: "sha256:${'b'.repeat(64)}"\n`,
      ['plimsoll-policy.yml:6: images[0].digests["18.0.0"] pins "18.0.0", which is not an allowed tag of node (a listed version, version-variant or tag)'],
    ],
    [
      'exception with a bad repo, code and no reason',
      'version: 1\nexceptions:\n  - repo: legacy-billing\n    codes: [PL1001, everything]\n',
      [
        'plimsoll-policy.yml:3: exceptions[0].reason is required',
        'plimsoll-policy.yml:3: exceptions[0].repo must be a repository written owner/name, got "legacy-billing"',
        'plimsoll-policy.yml:4: exceptions[0].codes[1] is not a rule code (such as DL3008, PL1001 or FromAsCasing), got "everything"',
      ],
    ],
    [
      'rule levels',
      'version: 1\nrules:\n  DL3008: warn\n  dl3009: off\n',
      [
        'plimsoll-policy.yml:3: rules.DL3008 must be one of error, warning, info, style, off, ignore, got "warn"',
        'plimsoll-policy.yml:4: rules.dl3009 is not a rule code (such as DL3008, PL1001 or FromAsCasing) nor a family of rules (hadolint, buildkit)',
      ],
    ],
  ];

  it.each(rows)('%s', (_name, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  it('reports every problem at once, in line order', () => {
    const text = [
      'version: 2', //  1
      'images:', //      2
      '  - name: node', // 3
      '    verions: [20.11.1]', // 4
      '    update: minr', // 5
      '  - name: node', // 6
      'banned:', //      7
      '  - name: node', // 8
      '    versions: "nope"', // 9
      'bumps: { mode: sometimes }', // 10
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      'plimsoll-policy.yml:1: version must be 1, got 2',
      'plimsoll-policy.yml:4: images[0].verions is not a known key; did you mean versions?',
      'plimsoll-policy.yml:5: images[0].update must be one of patch, minor, major, got "minr"',
      'plimsoll-policy.yml:6: images[1].name names node, already listed at images[0] (line 3); merge the two entries',
      'plimsoll-policy.yml:9: banned[0].versions must be a semver range such as "<18.19.1" or ">=3 <3.12.4", got "nope"',
      'plimsoll-policy.yml:10: bumps.mode must be one of open, dry-run, off, got "sometimes"',
    ]);
  });

  it('never throws, whatever the bytes', () => {
    for (const text of ['\u0000\u0001', '{{{{', ': :', '[1, 2', '*unknown', '&a [*a]', 'a: !!binary xyz', '- - - -', 'version: 1\n'.repeat(3)]) {
      expect(() => loadPolicy(text)).not.toThrow();
      expect(loadPolicy(text).ok).toBe(false);
    }
  });
});
