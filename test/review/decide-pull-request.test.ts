import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import type { Finding } from '../../src/findings.js';
import type { Approval } from '../../src/review/approvals.js';
import { decidePullRequest, type LintedFile, type ReviewFacts } from '../../src/review/decision.js';
import { SUMMARY_MARKER } from '../../src/review/render.js';
import { policyOf, SPEC_POLICY } from '../policy/fixtures.js';

const TEXT = 'FROM centos:7\nRUN make\n';
const policy = policyOf(SPEC_POLICY);
const never = policyOf(SPEC_POLICY.replace('review: on-findings', 'review: never'));
const pl1001: Finding = { code: 'PL1001', level: 'error', file: 'Dockerfile', line: 1, column: 1, message: 'centos is not on the whitelist' };
const dl3059: Finding = { code: 'DL3059', level: 'info', file: 'Dockerfile', line: 2, column: 1, message: 'consolidate RUNs' };
const file = (findings: Finding[], changed: LintedFile['changed'] = 'all'): LintedFile => ({ path: 'Dockerfile', findings, dockerfile: parseDockerfile('Dockerfile', TEXT), changed });
const approved: Approval = { code: 'PL1001', file: 'Dockerfile', line: 1, endLine: 1, instruction: 'FROM centos:7 => centos:7', by: 'olga', reason: 'vendor SDK', commentId: 7 };

function facts(change: Partial<ReviewFacts> & { approvalList?: Approval[]; teamNotVisible?: boolean }): ReviewFacts {
  const { approvalList = [], teamNotVisible = false, ...rest } = change;
  return {
    files: [file([pl1001])],
    unreadable: [],
    approvals: { approvals: approvalList, tampering: [], teamNotVisible },
    policy: { policy, errors: null, blocked: null },
    repoConfig: { errors: [], invalid: false },
    owner: 'acme',
    head: 'a'.repeat(40),
    requestedTeams: [],
    summaryExists: false,
    ...rest,
  };
}

interface Row {
  name: string;
  facts: ReviewFacts;
  refused?: string;
  conclusion: 'success' | 'failure';
  askTeam: string | null;
  title: string;
  /** Text the summary must say; null: no summary written. */
  summary: RegExp[] | null;
  annotations: number;
}

const rows: Row[] = [
  {
    name: 'an unapproved error on a changed line fails, and the ops team is asked',
    facts: facts({}),
    conclusion: 'failure',
    askTeam: 'platform-ops',
    title: '1 error on changed lines',
    summary: [/PL1001/, /centos is not on the whitelist/],
    annotations: 1,
  },
  {
    name: 'an approved error passes; nobody is asked (nothing unapproved)',
    facts: facts({ approvalList: [approved] }),
    conclusion: 'success',
    askTeam: null,
    title: 'No unapproved problems (1 approved exception)',
    summary: [/olga/],
    annotations: 1,
  },
  {
    name: 'an error on an unchanged line passes',
    facts: facts({ files: [file([pl1001], new Set([2]))] }),
    conclusion: 'success',
    askTeam: null,
    title: 'No problems on changed lines',
    summary: [/PL1001/],
    annotations: 0,
  },
  {
    name: 'the team already asked is not asked again',
    facts: facts({ requestedTeams: ['platform-ops'] }),
    conclusion: 'failure',
    askTeam: null,
    title: '1 error on changed lines',
    summary: [/PL1001/],
    annotations: 1,
  },
  {
    name: 'ops.review: never asks nobody',
    facts: facts({ policy: { policy: never, errors: null, blocked: null } }),
    conclusion: 'failure',
    askTeam: null,
    title: '1 error on changed lines',
    summary: [/PL1001/],
    annotations: 1,
  },
  {
    name: "GitHub's refusal of the review request is told",
    facts: facts({}),
    refused: 'GitHub refused: Reviews may only be requested from collaborators',
    conclusion: 'failure',
    askTeam: 'platform-ops',
    title: '1 error on changed lines',
    summary: [/Reviews may only be requested from collaborators/],
    annotations: 1,
  },
  {
    name: 'a blocked policy fails whatever the findings, with its own title, and its errors are not told twice',
    facts: facts({
      files: [file([])],
      policy: { policy: null, errors: [{ file: 'policy.yml', line: 3, column: 1, message: 'unknown key: imagez' }], blocked: { title: 'No valid policy', summary: 'The policy has never been valid.' } },
    }),
    conclusion: 'failure',
    askTeam: null,
    title: 'No valid policy',
    summary: [/The policy has never been valid\./],
    annotations: 0,
  },
  {
    name: 'a file that could not be read fails the check, said inertly',
    facts: facts({ files: [file([])], unreadable: ['big/Dockerfile could not be read at aaaaaaa <b>'] }),
    conclusion: 'failure',
    askTeam: null,
    title: 'The review cannot pass: see the summary',
    summary: [/big\/Dockerfile could not be read at aaaaaaa/, /the check cannot pass until it can be reviewed/],
    annotations: 0,
  },
  {
    name: 'an ops team the app cannot see is told to ops',
    facts: facts({ teamNotVisible: true, approvalList: [approved] }),
    conclusion: 'success',
    askTeam: null,
    title: 'No unapproved problems (1 approved exception)',
    summary: [/The app cannot see the ops team acme\/platform-ops/],
    annotations: 1,
  },
  {
    name: 'nothing to say and no summary yet: none is written',
    facts: facts({ files: [file([])] }),
    conclusion: 'success',
    askTeam: null,
    title: 'No problems on changed lines',
    summary: null,
    annotations: 0,
  },
  {
    name: 'nothing to say, but a summary exists: it is brought up to date',
    facts: facts({ files: [file([])], summaryExists: true }),
    conclusion: 'success',
    askTeam: null,
    title: 'No problems on changed lines',
    summary: [/.+/],
    annotations: 0,
  },
  {
    name: 'an info finding alone passes, and is annotated',
    facts: facts({ files: [file([dl3059])] }),
    conclusion: 'success',
    askTeam: 'platform-ops',
    title: '1 warning on changed lines, no errors',
    summary: [/DL3059/],
    annotations: 1,
  },
];

describe('decidePullRequest: the whole review decision, pure', () => {
  it.each(rows)('$name', (row) => {
    const decided = decidePullRequest(row.facts);
    expect(decided.decision.conclusion).toBe(row.conclusion);
    expect(decided.askTeam).toBe(row.askTeam);
    const report = decided.report(row.refused ?? null);
    expect(report.check.conclusion).toBe(row.conclusion);
    expect(report.check.output.title).toBe(row.title);
    expect(report.check.annotations).toHaveLength(row.annotations);
    if (row.summary === null) expect(report.summary).toBeNull();
    else {
      expect(report.summary).not.toBeNull();
      expect(report.summary!.startsWith(SUMMARY_MARKER)).toBe(true);
      for (const text of row.summary) expect(report.summary).toMatch(text);
    }
  });

  it('the unreadable file reaches the summary as text, never as HTML', () => {
    const report = decidePullRequest(facts({ files: [file([])], unreadable: ['x <img src=y> could not be read'] })).report(null);
    expect(report.summary).not.toContain('<img');
    expect(report.check.output.summary).not.toContain('<img');
  });

  it('a blocked policy keeps its errors out of the notes; an invalid one without a block tells them', () => {
    const errors = [{ file: 'policy.yml', line: 3, column: 1, message: 'unknown key: imagez' }];
    const told = decidePullRequest(facts({ policy: { policy, errors, blocked: null } })).report(null);
    expect(told.summary).toContain('unknown key: imagez');
    const blocked = decidePullRequest(facts({ policy: { policy: null, errors, blocked: { title: 'Blocked', summary: 'No valid policy.' } } })).report(null);
    expect(blocked.summary).not.toContain('unknown key: imagez');
  });
});
