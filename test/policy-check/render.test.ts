import { describe, expect, it } from 'vitest';
import type { ImageUsage, Inventory } from '../../src/inventory/model.js';
import { diffPolicies } from '../../src/policy/diff.js';
import { loadPolicy } from '../../src/config/load.js';
import { previewPolicyChange } from '../../src/policy-check/preview.js';
import { CHECK_TEXT_LIMIT, duration, invalidPolicyCheck, MAX_ANNOTATIONS, POLICY_PREVIEW_MARKER, previewCheck, previewComment, validPolicyCheck } from '../../src/policy-check/render.js';
import { policyFrom } from '../fanout/policies.js';

const GITHUB = [
  { limit: 80, windowMs: 60_000 },
  { limit: 500, windowMs: 3_600_000 },
];
const NOW = new Date('2026-01-15T12:00:00Z');

describe('invalidPolicyCheck', () => {
  it('fails, with every problem listed and annotated at its line', () => {
    const loaded = loadPolicy('version: 1\nimages:\n  - name: node\n    update: minr\n');
    if (loaded.ok) throw new Error('expected errors');
    const check = invalidPolicyCheck('.github/plimsoll-policy.yml', loaded.errors, 'The policy in force is unchanged: the version of commit abc1234.');
    expect(check.conclusion).toBe('failure');
    expect(check.output.title).toBe('Policy invalid: 1 problem');
    expect(check.output.summary).toBe(
      [
        '**.github/plimsoll-policy.yml does not validate, so this version did not take effect.** The policy in force is unchanged: the version of commit abc1234.',
        '',
        '- .github/plimsoll-policy.yml:4:13: images\\[0\\].update must be one of patch, minor, major, got "minr"',
        '',
        'No bump pull request is opened from an invalid policy. Fix the problems above and push again.',
      ].join('\n'),
    );
    expect(check.annotations).toEqual([
      { path: '.github/plimsoll-policy.yml', start_line: 4, end_line: 4, start_column: 13, end_column: 13, annotation_level: 'failure', title: 'Invalid policy', message: 'images[0].update must be one of patch, minor, major, got "minr"' },
    ]);
  });

  it('keeps a hostile file inert and within GitHub’s limits', () => {
    const errors = Array.from({ length: 5000 }, (_, i) => ({ file: '.github/plimsoll-policy.yml', line: i + 1, column: 1, message: `got "@octocat\u202E</details>${'x'.repeat(40)}"` }));
    const check = invalidPolicyCheck('.github/plimsoll-policy.yml', errors, '');
    expect(check.output.title).toBe('Policy invalid: 5000 problems');
    expect(check.output.summary.length).toBeLessThanOrEqual(CHECK_TEXT_LIMIT);
    expect(check.output.summary).not.toContain('</details>');
    expect(check.output.summary).not.toMatch(/@octocat/);
    expect(check.output.summary).not.toContain('\u202E');
    expect(check.annotations).toHaveLength(MAX_ANNOTATIONS);
    expect(check.annotations[0]!.message).toBe(`got "@octocat\\u202E</details>${'x'.repeat(40)}"`);
  });
});

describe('validPolicyCheck', () => {
  it('is green and says what changed, inertly', () => {
    const before = policyFrom('version: 1\nimages:\n  - name: node\n    versions: [20.11.1]\n');
    const after = policyFrom('version: 1\nimages:\n  - name: node\n    versions: [20.12.0, 20.11.1]\nbanned:\n  - name: centos\n    reason: "EOL <b>@ops</b>"\nbumps:\n  mode: dry-run\n');
    const check = validPolicyCheck('.github/plimsoll-policy.yml', diffPolicies(before, after), 'the previous version (abc1234)');
    expect(check.conclusion).toBe('success');
    expect(check.output.title).toBe('Policy valid and in force');
    expect(check.output.summary.split('\n')).toEqual([
      '**.github/plimsoll-policy.yml is valid and is now the policy in force.** Compared with the previous version (abc1234):',
      '',
      '- **node:** versions added 20.12.0',
      '- **Bans added:** centos every version (EOL &lt;b&gt;@\u200Bops&lt;/b&gt;)',
      '- **Settings:** bumps.mode: open → dry-run',
    ]);
  });

  it('says so when nothing Plimsoll reads changed', () => {
    const policy = policyFrom('version: 1\n');
    expect(validPolicyCheck('p.yml', diffPolicies(policy, policy), 'x').output.title).toBe('Policy valid: no effective change');
  });
});

describe('previewCheck and previewComment', () => {
  const usage = (tag: string): ImageUsage => ({ line: 1, name: 'docker.io/library/node', familiar: 'node', tag, digest: null, fromArg: null });
  const inventory = (repos: number): Inventory => ({
    repos: Object.fromEntries(
      Array.from({ length: repos }, (_, i) => [`acme/svc-${i}`, { fullName: `acme/svc-${i}`, defaultBranch: 'main', pushedAt: null, commit: null, files: [{ path: 'Dockerfile', images: [usage('18.19.0')] }], notes: [] }]),
    ),
    failedJobs: {},
    openPullRequests: {},
  });
  const base = policyFrom('version: 1\nimages:\n  - name: node\n    versions: [18.19.0]\n');
  const head = policyFrom('version: 1\nimages:\n  - name: node\n    versions: [18.19.1]\nbanned:\n  - name: node\n    versions: "<18.19.1"\n    reason: CVE-2024-27983\n');

  it('shows the blast radius: pull requests, usages, cost', () => {
    const check = previewCheck(previewPolicyChange({ base, head, inventory: inventory(2), now: NOW, limits: GITHUB }), GITHUB, 'Compared with the policy in force.');
    expect(check.conclusion).toBe('success');
    expect(check.output.title).toBe('Policy valid: 2 new bump pull requests; 2 usages banned');
    const lines = check.output.summary.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'Compared with the policy in force.',
      '',
      '**The new policy is valid.** If this pull request is merged, Plimsoll will:',
      '',
      '- bump pull requests: 2 new, 0 moved to a new target, 0 closed, in 2 repositories;',
      "- cost: 5 writes (2 per new pull request, 1 per moved or closed one, 1 for the inventory issue) and about 3 reads, at least 0 s at GitHub's write limits (80 per minute, 500 per hour);",
      '- usages: 2 become banned, 0 leave the whitelist, 0 become outdated; 0 are no longer refused or due a bump.',
    ]);
    expect(lines).toContain('| acme/svc-0 | node ⛔ | 18.19.0 → 18.19.1 (Dockerfile:1) | new pull request: CVE-2024-27983 |');
    expect(lines).toContain('| acme/svc-1 | Dockerfile:1 | node:18.19.0 | allowed | ⛔ banned → 18.19.1 (CVE-2024-27983) |');
    expect(lines.at(-1)).toBe('_Computed from the inventory of 2 repositories (2 files, 2 image references). This preview wrote nothing outside this pull request._');

    const comment = previewComment(check, 'abcdef0123456789');
    expect(comment.startsWith(`${POLICY_PREVIEW_MARKER}\n## Plimsoll: policy check for abcdef0\n\n**Policy valid: 2 new bump pull requests; 2 usages banned**\n\n`)).toBe(true);
  });

  it('keeps the policy’s own words inert: no second marker, no mention, no closing tag, no hidden text', () => {
    const hostile = `"</details>${POLICY_PREVIEW_MARKER}<!-- plimsoll:summary -->@acme/ops \u202Egnp.exe"`;
    const evil = policyFrom(`version: 1
images:
  - name: node
    versions: [18.19.1]
banned:
  - name: node
    versions: "<18.19.1"
    reason: ${hostile}
exceptions:
  - repo: acme/svc-0
    image: centos
    codes: [PL1001]
    reason: ${hostile}
    expires: 2026-01-20
`);
    const check = previewCheck(previewPolicyChange({ base, head: evil, inventory: inventory(1), now: NOW, limits: GITHUB }), GITHUB);
    const comment = previewComment(check, 'abc');
    expect(comment.split(POLICY_PREVIEW_MARKER)).toHaveLength(2);
    expect(comment).not.toContain('<!-- plimsoll:summary -->');
    expect(comment).not.toContain('</details>');
    expect(comment).not.toMatch(/@acme/);
    expect(comment).not.toContain('\u202E');
    expect(comment).toContain('expires in 6 days: acme/svc-0: centos PL1001 until 2026-01-20 (&lt;/details&gt;&lt;!-- plimsoll:policy-preview --&gt;');
  });

  it('an organization of 5,000 repositories still fits GitHub’s limits, and says how many more', () => {
    const check = previewCheck(previewPolicyChange({ base, head, inventory: inventory(5000), now: NOW, limits: GITHUB }), GITHUB);
    expect(check.output.summary.length).toBeLessThanOrEqual(CHECK_TEXT_LIMIT);
    expect(check.output.summary).toContain('- bump pull requests: 500 new, 0 moved to a new target, 0 closed, in 5000 repositories;');
    expect(check.output.summary).toContain('- cost: 1001 writes');
    expect(check.output.summary).toContain('at least 2.0 h at GitHub');
    expect(check.output.summary).toMatch(/…and 4700 more pull requests/);
    expect(previewComment(check, 'abc').length).toBeLessThanOrEqual(65_536);
  });
});

describe('duration', () => {
  it('reads in seconds, minutes or hours', () => {
    expect([duration(12_000), duration(210_000), duration(7_560_000)]).toEqual(['12 s', '3.5 min', '2.1 h']);
  });
});
