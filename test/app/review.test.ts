import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DL3006 } from '../../src/rules/DL3006.js';
import {
  APP,
  botComment,
  checkRunsList,
  contentsPath,
  deliver,
  fixture,
  github,
  HEAD,
  logs,
  OPENED_AT,
  POLICY,
  pullJson,
  recordWrites,
  resetGitHub,
  reviewMocks,
  sent,
  settled,
  testProbot,
  token,
  userComment,
  violations,
} from './harness.js';

type Writes = Array<{ route: string; body: unknown }>;
const payload = fixture('pull_request.opened');
const receive = (p = payload) => deliver(testProbot(), { id: 'delivery-1', name: 'pull_request', payload: p });

beforeEach(resetGitHub);
afterEach(() => {
  expect(violations).toStrictEqual([]);
  expect(nock.pendingMocks()).toStrictEqual([]);
});

function docs(code: string): string {
  return `https://github.com/plimsoll-app/plimsoll/blob/main/docs/rules/${code}.md`;
}

describe('pull request review', () => {
  it('a clean pull request gets a successful check and no comment, in 9 requests', async () => {
    const writes: Writes = [];
    reviewMocks(token(github()), {
      files: [{ filename: 'Dockerfile', status: 'added', patch: '@@ -0,0 +1,2 @@\n+FROM node:20.11.1\n+RUN true' }],
      contents: { Dockerfile: 'FROM node:20.11.1\nRUN true\n' },
      policy: POLICY,
      writes,
    });

    await receive();

    expect(sent).toStrictEqual([
      'POST /app/installations/42/access_tokens',
      'GET /repos/acme/web/pulls/7',
      'GET /repos/acme/web/pulls/7/files?per_page=100',
      'GET /repos/acme/web/contents/.github/plimsoll.yml',
      `GET /repos/acme/web/commits/${HEAD}/check-runs?check_name=plimsoll&app_id=123&filter=all&per_page=100`,
      'POST /repos/acme/web/check-runs',
      'GET /repos/acme/.github/contents/.github/plimsoll-policy.yml',
      'POST /graphql files',
      'POST /graphql comments',
      'PATCH /repos/acme/web/check-runs/99',
    ]);
    expect(writes).toStrictEqual([
      {
        route: 'POST check-runs',
        // The head's push time, as GitHub reported it in the event: what approvals are dated against.
        body: { name: 'plimsoll', head_sha: HEAD, status: 'in_progress', output: { title: 'Reviewing container definitions', summary: 'Linting 1 changed container definition(s).', text: '' }, started_at: OPENED_AT },
      },
      {
        route: 'PATCH check-runs',
        body: {
          status: 'completed',
          conclusion: 'success',
          output: {
            title: 'No problems on changed lines',
            summary: '0 findings on changed lines (0 failing, 0 approved); 0 pre-existing findings on untouched lines, which never fail the check.',
            text: '',
          },
        },
      },
    ]);
  });
});

const MIXED = 'FROM centos:7\nRUN make\nFROM ubuntu\n';
const MIXED_PATCH = '@@ -1,2 +1,3 @@\n FROM centos:7\n RUN make\n+FROM ubuntu';

describe('findings on changed and untouched lines', () => {
  it('fails on the added line only, annotates it, comments once and asks ops to review', async () => {
    const writes: Writes = [];
    reviewMocks(token(github()), {
      files: [{ filename: 'Dockerfile', status: 'modified', patch: MIXED_PATCH }],
      contents: { Dockerfile: MIXED },
      policy: POLICY,
      writes,
      requestsReview: true,
      postsComment: 555,
    });

    await receive();

    expect(writes.map((w) => w.route)).toStrictEqual(['POST check-runs', 'POST requested_reviewers', 'PATCH check-runs', 'POST comments']);
    expect(writes[1]!.body).toStrictEqual({ reviewers: [], team_reviewers: ['platform-ops'] });
    expect(writes[2]!.body).toStrictEqual({
      status: 'completed',
      conclusion: 'failure',
      output: {
        title: '1 error on changed lines',
        summary: '2 findings on changed lines (1 failing, 0 approved); 1 pre-existing finding on untouched lines, which never fail the check.',
        text: [
          '### On changed lines',
          '',
          '| File | Line | Code | Level | Message |',
          '|---|---|---|---|---|',
          `| Dockerfile | 3 | [DL3006](${docs('DL3006')}) | warning | Always tag the version of an image explicitly |`,
          `| Dockerfile | 3 | [PL1001](${docs('PL1001')}) | error | ubuntu is not on the image whitelist; allowed images: node |`,
          '',
          '### Pre-existing (untouched lines)',
          '',
          '| File | Line | Code | Level | Message |',
          '|---|---|---|---|---|',
          `| Dockerfile | 1 | [PL1001](${docs('PL1001')}) | error | centos is not on the image whitelist; allowed images: node |`,
        ].join('\n'),
        annotations: [
          { path: 'Dockerfile', start_line: 3, end_line: 3, annotation_level: 'warning', title: 'DL3006 (warning)', message: 'Always tag the version of an image explicitly', start_column: 1, end_column: 1 },
          { path: 'Dockerfile', start_line: 3, end_line: 3, annotation_level: 'failure', title: 'PL1001 (error)', message: 'ubuntu is not on the image whitelist; allowed images: node', start_column: 6, end_column: 12 },
        ],
      },
    });
    expect((writes[3]!.body as { body: string }).body).toBe(
      [
        '<!-- plimsoll:summary -->',
        '## Plimsoll review',
        '',
        `Reviewed at ${HEAD.slice(0, 12)}.`,
        '',
        '❌ 1 error on lines this pull request changes.',
        '',
        '### Dockerfile',
        '',
        `- line 1: **[PL1001](${docs('PL1001')})** error: centos is not on the image whitelist; allowed images: node _(pre-existing)_`,
        `- line 3: **[DL3006](${docs('DL3006')})** warning: Always tag the version of an image explicitly`,
        `- line 3: **[PL1001](${docs('PL1001')})** error: ubuntu is not on the image whitelist; allowed images: node`,
        '',
        '<details><summary>How to ask for an exception</summary>',
        '',
        'A member of the ops team (platform-ops) can comment, one command per line:',
        '',
        '```',
        '/plimsoll approve PL1001 <reason>',
        '/plimsoll approve PL1001 path/to/Dockerfile:3 <reason>',
        '/plimsoll revoke PL1001',
        '/plimsoll recheck',
        '```',
        'An approval covers the finding as it stands now; changing that instruction, or the ARG default feeding its image, needs a new approval.',
        '</details>',
        '',
      ].join('\n'),
    );
    expect(logs.find((l) => l.msg === 'pull request reviewed')).toMatchObject({ decision: 'failure', repo: 'acme/web', pr: 7, delivery: 'delivery-1', findings: 3, failing: 1 });
    expect(JSON.stringify(logs)).not.toContain('FROM centos');
  });

  it('updates the head’s one check run and edits the app’s summary, never a pasted marker', async () => {
    const writes: Writes = [];
    reviewMocks(token(github()), {
      pull: { requestedTeams: ['platform-ops'] },
      files: [{ filename: 'Dockerfile', status: 'modified', patch: MIXED_PATCH }],
      contents: { Dockerfile: MIXED },
      policy: POLICY,
      existingCheck: { id: 4242, startedAt: OPENED_AT },
      comments: [userComment(1, 'dev-dave', '<!-- plimsoll:summary -->\n## Plimsoll review\n✅ all good'), botComment(777, '<!-- plimsoll:summary -->\nold')],
      writes,
      editsComment: 777,
    });

    await receive();

    expect(writes.map((w) => w.route)).toStrictEqual(['PATCH check-runs', 'PATCH comment']);
    expect(sent).not.toContain('POST /repos/acme/web/check-runs');
    expect((writes[1]!.body as { body: string }).body).toContain('❌ 1 error on lines this pull request changes.');
  });

  it('sends 120 annotations in three batches of at most 50', async () => {
    const writes: Writes = [];
    const text = Array.from({ length: 120 }, () => 'FROM ubuntu').join('\n') + '\n';
    reviewMocks(token(github()), {
      files: [{ filename: 'Dockerfile', status: 'added' }], // no patch: too large, wholly changed
      contents: { Dockerfile: text },
      policy: null,
      writes,
      updates: 3,
      postsComment: 1,
    });

    await deliver(testProbot([DL3006]), { id: 'd', name: 'pull_request', payload });

    const updates = writes.filter((w) => w.route === 'PATCH check-runs').map((w) => w.body as { status?: string; output: { annotations: unknown[] } });
    expect(updates.map((u) => [u.output.annotations.length, u.status])).toStrictEqual([
      [50, undefined],
      [50, undefined],
      [20, 'completed'],
    ]);
  });

  it('a binary file named Dockerfile gets one finding naming the problem, not a lint of garbage', async () => {
    const writes: Writes = [];
    reviewMocks(token(github()), {
      files: [{ filename: 'Dockerfile', status: 'added' }],
      contents: { Dockerfile: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x46, 0x52, 0x4f, 0x4d]) },
      policy: null,
      writes,
      postsComment: 1,
    });

    await deliver(testProbot([DL3006]), { id: 'd', name: 'pull_request', payload });

    const check = writes.find((w) => w.route === 'PATCH check-runs')!.body as { conclusion: string; output: { annotations: Array<{ title: string; message: string }> } };
    expect(check.conclusion).toBe('failure');
    expect(check.output.annotations.map((a) => [a.title, a.message])).toStrictEqual([['DL1000 (error)', 'The file is a binary file (it contains NUL bytes), not a Dockerfile; it was not linted.']]);
  });

  it('reads a UTF-16 Dockerfile as text', async () => {
    const writes: Writes = [];
    reviewMocks(token(github()), {
      files: [{ filename: 'Dockerfile', status: 'added' }],
      contents: { Dockerfile: Buffer.from('\uFEFFFROM ubuntu\r\n', 'utf16le') },
      policy: null,
      writes,
      postsComment: 1,
    });

    await deliver(testProbot([DL3006]), { id: 'd', name: 'pull_request', payload });

    const check = writes.find((w) => w.route === 'PATCH check-runs')!.body as { output: { annotations: Array<{ title: string }> } };
    expect(check.output.annotations.map((a) => a.title)).toStrictEqual(['DL3006 (warning)']);
  });
});

describe('events that must not write', () => {
  it('a pull request that touches no container definition: the pull request and its files, nothing more', async () => {
    const scope = token(github());
    for (let i = 0; i < 2; i++) {
      scope
        .get('/repos/acme/web/pulls/7')
        .reply(200, pullJson())
        .get('/repos/acme/web/pulls/7/files?per_page=100')
        .reply(200, [{ filename: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' }, { filename: 'Dockerfile', status: 'removed' }]);
    }
    scope.get(contentsPath('web', '.github/plimsoll.yml')).reply(404);
    const probot = testProbot();
    await deliver(probot, { id: 'a', name: 'pull_request', payload });
    await deliver(probot, { id: 'b', name: 'pull_request', payload });
    expect(sent.filter((s) => !s.startsWith('GET /repos/acme/web/pulls/7'))).toStrictEqual(['POST /app/installations/42/access_tokens', 'GET /repos/acme/web/contents/.github/plimsoll.yml']);
  });

  it('a stale event (its head was pushed over) reads the pull request and stops', async () => {
    token(github()).get('/repos/acme/web/pulls/7').reply(200, pullJson({ head: 'f'.repeat(40) }));
    await receive();
    expect(sent).toStrictEqual(['POST /app/installations/42/access_tokens', 'GET /repos/acme/web/pulls/7']);
    expect(logs.find((l) => l.msg?.toString().startsWith('review skipped'))).toMatchObject({ why: `the event was for ${HEAD.slice(0, 7)}, the head is now fffffff` });
  });

  it('a closed pull request is not reviewed', async () => {
    token(github()).get('/repos/acme/web/pulls/7').reply(200, pullJson({ state: 'closed' }));
    await receive();
    expect(sent).toStrictEqual(['POST /app/installations/42/access_tokens', 'GET /repos/acme/web/pulls/7']);
  });

  it('another app’s check run named plimsoll on the head is not taken for ours', async () => {
    const writes: Writes = [];
    const foreign = checkRunsList(31337, HEAD, OPENED_AT);
    foreign.check_runs[0]!.app = { id: 999, slug: 'impostor' };
    // The listing is filtered by app id on GitHub's side; the app checks again on its own.
    reviewMocks(token(github()), { files: [{ filename: 'Dockerfile', status: 'added', patch: '@@ -0,0 +1 @@\n+FROM node:20.11.1' }], contents: { Dockerfile: 'FROM node:20.11.1\n' }, policy: POLICY, writes, checkRuns: foreign });
    await receive();
    expect(writes.map((w) => w.route)).toStrictEqual(['POST check-runs', 'PATCH check-runs']);
  });
});

describe('who the app is', () => {
  it('is asked of GitHub once (GET /app), as the app', async () => {
    const writes: Writes = [];
    const scope = token(github()).get('/app').reply(200, { id: APP.id, slug: 'plimsoll', name: 'Plimsoll' });
    reviewMocks(scope, { files: [{ filename: 'Dockerfile', status: 'added', patch: '@@ -0,0 +1 @@\n+FROM node:20.11.1' }], contents: { Dockerfile: 'FROM node:20.11.1\n' }, policy: POLICY, writes });
    await deliver(testProbot(undefined, { identity: false }), { id: 'id', name: 'pull_request', payload });
    expect(sent.filter((s) => s === 'GET /app')).toHaveLength(1);
    expect(writes.map((w) => w.route)).toStrictEqual(['POST check-runs', 'PATCH check-runs']);
  });
});

describe('repository config', () => {
  it('comes from the base repository default branch, never from the pull request head', async () => {
    const writes: Writes = [];
    reviewMocks(token(github()), {
      files: [
        { filename: '.github/plimsoll.yml', status: 'added', patch: '@@ -0,0 +1,2 @@\n+rules:\n+  DL3006: off' },
        { filename: 'Dockerfile', status: 'added', patch: '@@ -0,0 +1 @@\n+FROM ubuntu' },
      ],
      contents: { Dockerfile: 'FROM ubuntu\n' },
      policy: null,
      repoConfig: null,
      writes,
      postsComment: 1,
    });

    await deliver(testProbot([DL3006]), { id: 'd', name: 'pull_request', payload });

    const completed = writes.find((w) => w.route === 'PATCH check-runs')!.body as { output: { annotations: Array<{ title: string }> } };
    expect(completed.output.annotations.map((a) => a.title)).toStrictEqual(['DL3006 (warning)']);
    expect(sent).toContain('GET /repos/acme/web/contents/.github/plimsoll.yml');
  });

  it('applies the default branch config: DL levels and custom globs', async () => {
    const writes: Writes = [];
    reviewMocks(token(github()), {
      files: [{ filename: 'images/app.df', status: 'added', patch: '@@ -0,0 +1 @@\n+FROM ubuntu' }],
      contents: { 'images/app.df': 'FROM ubuntu\n' },
      policy: null,
      repoConfig: 'globs: ["**/*.df"]\nrules:\n  DL3006: error\n',
      writes,
      postsComment: 1,
    });

    await deliver(testProbot([DL3006]), { id: 'd', name: 'pull_request', payload });

    const completed = writes.find((w) => w.route === 'PATCH check-runs')!.body as { conclusion: string };
    expect(completed.conclusion).toBe('failure');
  });
});

describe('two deliveries at once (a race, or GitHub redelivering)', () => {
  it('still leave exactly one check run and one summary comment, and skip an edit that changes nothing', async () => {
    const posted: string[] = [];
    const created: number[] = [];
    const scope = token(github())
      .get('/repos/acme/web/pulls/7')
      .times(2)
      .reply(200, pullJson())
      .get('/repos/acme/web/pulls/7/files?per_page=100')
      .times(2)
      .reply(200, [{ filename: 'Dockerfile', status: 'modified', patch: MIXED_PATCH }])
      .get(contentsPath('web', '.github/plimsoll.yml'))
      .reply(404)
      .get(contentsPath('.github', '.github/plimsoll-policy.yml'))
      .reply(200, POLICY)
      .get(`/repos/acme/web/commits/${HEAD}/check-runs`)
      .query(true)
      .times(2)
      .reply(200, () => (created.length === 0 ? { total_count: 0, check_runs: [] } : checkRunsList(99, HEAD, OPENED_AT)))
      .post('/repos/acme/web/check-runs')
      .reply(201, () => (created.push(99), { id: 99, started_at: OPENED_AT }))
      .post('/graphql', (body: { query: string }) => body.query.includes('object(expression'))
      .times(2)
      .reply(200, { data: { repository: { f0: { oid: 'a'.repeat(40), byteSize: MIXED.length, isBinary: false, isTruncated: false, text: MIXED } } } })
      .post('/graphql', (body: { query: string }) => body.query.includes('comments(first'))
      .times(2)
      .reply(200, () => ({ data: { repository: { pullRequest: { comments: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: posted.map((body) => ({ ...botComment(555, body), lastEditedAt: null, isMinimized: false, editor: null })) } } } } }))
      .post('/repos/acme/web/pulls/7/requested_reviewers')
      .times(2)
      .reply(201, {})
      .patch('/repos/acme/web/check-runs/99')
      .times(2)
      .reply(200, {})
      .post('/repos/acme/web/issues/7/comments', (body: { body: string }) => posted.push(body.body) > 0)
      .reply(201, { id: 555 });
    void scope;

    const probot = testProbot();
    await Promise.all([deliver(probot, { id: 'one', name: 'pull_request', payload }), deliver(probot, { id: 'one-again', name: 'pull_request', payload })]);

    expect(created).toHaveLength(1);
    expect(posted).toHaveLength(1);
  });
});

describe('an invalid repository config (PL1000)', () => {
  const DOCS_PL1000 = docs('PL1000');

  it('takes no effect, never throws, and the check and the summary name each file:line problem', async () => {
    const writes: Writes = [];
    reviewMocks(token(github()), {
      files: [{ filename: 'Dockerfile', status: 'added', patch: '@@ -0,0 +1 @@\n+FROM ubuntu' }],
      contents: { Dockerfile: 'FROM ubuntu\n' },
      policy: null,
      // Invalid as a whole: its custom glob must not apply either.
      repoConfig: 'globs: ["**/*.df"]\nrules:\n  DL3006: loud\nignore: vendor\n',
      writes,
      postsComment: 1,
    });

    await deliver(testProbot([DL3006]), { id: 'd', name: 'pull_request', payload });

    const note = [
      `**[PL1000](${DOCS_PL1000}): the repository config .github/plimsoll.yml is invalid and did not take effect**; the default settings were used:`,
      '- .github/plimsoll.yml:3: rules.DL3006 must be one of error, warning, info, style, off, ignore, got "loud"',
      '- .github/plimsoll.yml:4: ignore must be a list, got "vendor"',
    ].join('\n');
    const check = writes.find((w) => w.route === 'PATCH check-runs')!.body as { conclusion: string; output: { summary: string } };
    expect(check.conclusion).toBe('success');
    expect(check.output.summary).toBe(`1 finding on changed lines (0 failing, 0 approved); 0 pre-existing findings on untouched lines, which never fail the check.\n\n${note}`);
    const comment = (writes.find((w) => w.route === 'POST comments')!.body as { body: string }).body;
    expect(comment).toContain(`✅ No unapproved errors on lines this pull request changes.\n\n${note}\n\n### Dockerfile`);
  });

  it('applies its valid entries and lists those refused on purpose (a PL rule switched off, exceptions)', async () => {
    const writes: Writes = [];
    reviewMocks(token(github()), {
      files: [{ filename: 'Dockerfile', status: 'added', patch: '@@ -0,0 +1 @@\n+FROM ubuntu' }],
      contents: { Dockerfile: 'FROM ubuntu\n' },
      policy: POLICY,
      repoConfig: 'rules:\n  DL3006: error\n  PL1001: off\nexceptions: []\n',
      writes,
      requestsReview: true,
      postsComment: 1,
    });

    await testProbot().receive({ id: 'd', name: 'pull_request', payload } as never);
    await settled();

    const check = writes.find((w) => w.route === 'PATCH check-runs')!.body as { conclusion: string; output: { title: string; summary: string } };
    expect(check.conclusion).toBe('failure');
    // DL3006 raised to error by the repository; PL1001 still an error despite `off`.
    expect(check.output.title).toBe('2 errors on changed lines');
    expect(check.output.summary.split('\n\n')[1]).toMatch(/^\*\*\[PL1000\]\(.*\): entries of the repository config \.github\/plimsoll\.yml were ignored\*\*; the rest applies:\n- .*PL1001 is set by the ops policy and cannot be switched off in a repository; ignored\n- .*exceptions: a repository config cannot add exceptions/);
  });
});

describe('answering the webhook', () => {
  it('returns before the review ends (GitHub waits 10 s at most); the review finishes in the background', async () => {
    const writes: Writes = [];
    // Reading the pull request takes 1.5 s: the webhook must not wait for it.
    reviewMocks(token(github()), { pullDelayMs: 1500, files: [{ filename: 'Dockerfile', status: 'added', patch: '@@ -0,0 +1 @@\n+FROM node:20.11.1' }], contents: { Dockerfile: 'FROM node:20.11.1\n' }, policy: POLICY, writes });

    const started = Date.now();
    await testProbot().receive({ id: 'fast', name: 'pull_request', payload } as never);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(writes).toStrictEqual([]);

    await settled();
    expect(writes.map((w) => [w.route, (w.body as { conclusion?: string }).conclusion])).toStrictEqual([
      ['POST check-runs', undefined],
      ['PATCH check-runs', 'success'],
    ]);
  });

  it('logs every review: delivery, repository, pull request, decision with counts, duration; never file contents', async () => {
    const writes: Writes = [];
    reviewMocks(token(github()), {
      files: [{ filename: 'Dockerfile', status: 'modified', patch: MIXED_PATCH }],
      contents: { Dockerfile: MIXED },
      policy: POLICY,
      writes,
      requestsReview: true,
      postsComment: 555,
    });

    await deliver(testProbot(), { id: 'delivery-log', name: 'pull_request', payload });

    const entry = logs.find((l) => l.msg === 'pull request reviewed')!;
    expect(entry).toMatchObject({ level: 30, delivery: 'delivery-log', event: 'pull_request.opened', repo: 'acme/web', pr: 7, sha: HEAD, decision: 'failure', files: 1, findings: 3, changed: 2, failing: 1, approved: 0 });
    expect(entry.durationMs as number).toBeGreaterThanOrEqual(0);
    const text = JSON.stringify(logs);
    expect(text).not.toContain('FROM centos');
    expect(text).not.toContain('ghs_test');
  });
});

export { recordWrites };
