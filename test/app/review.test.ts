import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeStore } from '../../src/review/approvals.js';
import { DL3006 } from '../../src/rules/DL3006.js';
import { contentsPath, deliver, fixture, github, HEAD, logs, POLICY, recordWrites, resetGitHub, reviewMocks, sent, settled, SIGNING_KEY, testProbot, token, violations } from './harness.js';

const payload = fixture('pull_request.opened');
const receive = (p = payload) => deliver(testProbot(), { id: 'delivery-1', name: 'pull_request', payload: p });

beforeEach(resetGitHub);
afterEach(() => {
  expect(violations).toStrictEqual([]);
  expect(nock.pendingMocks()).toStrictEqual([]);
});

describe('pull request review', () => {
  it('a clean pull request gets a successful check and no comment', async () => {
    const checks: unknown[] = [];
    token(github())
      .get('/repos/acme/web/pulls/7/files?per_page=100')
      .reply(200, [{ filename: 'Dockerfile', status: 'added', patch: '@@ -0,0 +1,2 @@\n+FROM node:20.11.1\n+RUN true' }])
      .get(contentsPath('web', '.github/plimsoll.yml'))
      .reply(404)
      .post('/repos/acme/web/check-runs', (body) => checks.push(body) > 0)
      .reply(201, { id: 99 })
      .get(contentsPath('.github', '.github/plimsoll-policy.yml'))
      .reply(200, POLICY)
      .get(`${contentsPath('web', 'Dockerfile')}?ref=${HEAD}`)
      .reply(200, 'FROM node:20.11.1\nRUN true\n')
      .get('/repos/acme/web/issues/7/comments?per_page=100')
      .reply(200, [])
      .patch('/repos/acme/web/check-runs/99', (body) => checks.push(body) > 0)
      .reply(200, { id: 99 });

    await receive();

    expect(checks).toStrictEqual([
      {
        name: 'plimsoll',
        head_sha: HEAD,
        status: 'in_progress',
        output: { title: 'Reviewing container definitions', summary: 'Linting 1 changed container definition(s).', text: '' },
      },
      {
        status: 'completed',
        conclusion: 'success',
        output: {
          title: 'No problems on changed lines',
          summary: '0 findings on changed lines (0 failing, 0 approved); 0 pre-existing findings on untouched lines, which never fail the check.',
          text: '',
        },
      },
    ]);
    expect(sent).toHaveLength(8);
  });
});

const MIXED = 'FROM centos:7\nRUN make\nFROM ubuntu\n';
const MIXED_PATCH = '@@ -1,2 +1,3 @@\n FROM centos:7\n RUN make\n+FROM ubuntu';

describe('findings on changed and untouched lines', () => {
  it('fails on the added line only, annotates it, comments once and asks ops to review', async () => {
    const writes: Array<{ route: string; body: unknown }> = [];
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
    const body = (writes[3]!.body as { body: string }).body;
    const [visible, store] = [body.slice(0, body.lastIndexOf('\n')), body.slice(body.lastIndexOf('\n') + 1)];
    expect(visible).toBe(
      [
        '<!-- plimsoll:summary -->',
        '## Plimsoll review',
        '',
        '❌ 1 error on lines this pull request changes.',
        '',
        '### `Dockerfile`',
        '',
        `- line 1: **[PL1001](${docs('PL1001')})** error: centos is not on the image whitelist; allowed images: node _(pre-existing)_`,
        `- line 3: **[DL3006](${docs('DL3006')})** warning: Always tag the version of an image explicitly`,
        `- line 3: **[PL1001](${docs('PL1001')})** error: ubuntu is not on the image whitelist; allowed images: node`,
        '',
        '<details><summary>How to ask for an exception</summary>',
        '',
        'A member of @platform-ops can comment, one command per line:',
        '',
        '```',
        '/plimsoll approve PL1001 <reason>',
        '/plimsoll approve PL1001 path/to/Dockerfile:3 <reason>',
        '/plimsoll revoke PL1001',
        '/plimsoll recheck',
        '```',
        'An approval covers the finding as it stands now; changing that instruction needs a new approval.',
        '</details>',
        '',
      ].join('\n'),
    );
    expect(decodeStore(store, SIGNING_KEY)).toStrictEqual({ approvals: [], audit: [], tampered: false });
    expect(logs.find((l) => l.msg === 'pull request reviewed')).toMatchObject({ decision: 'failure', repo: 'acme/web', pr: 7, delivery: 'delivery-1', findings: 3, failing: 1 });
    expect(JSON.stringify(logs)).not.toContain('FROM centos');
  });

  it('edits the summary comment found on a later page instead of adding one, and does not re-request a requested team', async () => {
    const writes: Array<{ route: string; body: unknown }> = [];
    const ours = { id: 777, body: '<!-- plimsoll:summary -->\nold', user: { login: 'plimsoll[bot]', type: 'Bot' }, created_at: 'x', updated_at: 'x' };
    const scope = token(github())
      .get('/repos/acme/web/pulls/7/files?per_page=100')
      .reply(200, [{ filename: 'Dockerfile', status: 'modified', patch: MIXED_PATCH }])
      .get(contentsPath('web', '.github/plimsoll.yml'))
      .reply(404)
      .post('/repos/acme/web/check-runs', recordWrites(writes, 'POST check-runs'))
      .reply(201, { id: 99 })
      .get(contentsPath('.github', '.github/plimsoll-policy.yml'))
      .reply(200, POLICY)
      .get(`${contentsPath('web', 'Dockerfile')}?ref=${HEAD}`)
      .reply(200, MIXED)
      .get('/repos/acme/web/issues/7/comments?per_page=100')
      .reply(200, [{ id: 1, body: 'LGTM', user: { login: 'dev-dana', type: 'User' } }], {
        Link: '<https://api.github.com/repos/acme/web/issues/7/comments?per_page=100&page=2>; rel="next"',
      })
      .get('/repos/acme/web/issues/7/comments?per_page=100&page=2')
      .reply(200, [ours])
      .patch('/repos/acme/web/check-runs/99', recordWrites(writes, 'PATCH check-runs'))
      .reply(200, { id: 99 })
      .patch('/repos/acme/web/issues/comments/777', recordWrites(writes, 'PATCH comment'))
      .reply(200, { id: 777 });
    void scope;

    const requested = structuredClone(payload) as { pull_request: { requested_teams: unknown[] } };
    requested.pull_request.requested_teams = [{ slug: 'platform-ops', name: 'platform-ops', id: 1 }];
    await receive(requested as typeof payload);

    expect(writes.map((w) => w.route)).toStrictEqual(['POST check-runs', 'PATCH check-runs', 'PATCH comment']);
    expect((writes[2]!.body as { body: string }).body).toContain('❌ 1 error on lines this pull request changes.');
  });

  it('sends 120 annotations in three batches of at most 50', async () => {
    const writes: Array<{ route: string; body: unknown }> = [];
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
    expect(sent.filter((s) => s.startsWith('PATCH /repos/acme/web/check-runs/99'))).toHaveLength(3);
  });
});

describe('pull requests that touch no container definition', () => {
  it('list the files (and read the repository config once), nothing more', async () => {
    token(github())
      .get('/repos/acme/web/pulls/7/files?per_page=100')
      .times(2)
      .reply(200, [{ filename: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' }, { filename: 'Dockerfile', status: 'removed' }])
      .get(contentsPath('web', '.github/plimsoll.yml'))
      .reply(404);
    const probot = testProbot();
    await deliver(probot, { id: 'a', name: 'pull_request', payload });
    await deliver(probot, { id: 'b', name: 'pull_request', payload });
    expect(sent).toStrictEqual([
      'POST /app/installations/42/access_tokens',
      'GET /repos/acme/web/pulls/7/files?per_page=100',
      'GET /repos/acme/web/contents/.github/plimsoll.yml',
      'GET /repos/acme/web/pulls/7/files?per_page=100',
    ]);
  });
});

describe('repository config', () => {
  it('comes from the base repository default branch, never from the pull request head', async () => {
    const writes: Array<{ route: string; body: unknown }> = [];
    // The head loosens its own review; the default branch has no config. The request carries no ref.
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
    const writes: Array<{ route: string; body: unknown }> = [];
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

function docs(code: string): string {
  return `https://github.com/plimsoll-app/plimsoll/blob/main/docs/rules/${code}.md`;
}

describe('two deliveries at once (a race, or GitHub redelivering)', () => {
  it('still leave exactly one summary comment, and skip an edit that changes nothing', async () => {
    const posted: string[] = [];
    const scope = token(github())
      .get('/repos/acme/web/pulls/7/files?per_page=100')
      .times(2)
      .reply(200, [{ filename: 'Dockerfile', status: 'modified', patch: MIXED_PATCH }])
      .get(contentsPath('web', '.github/plimsoll.yml'))
      .reply(404)
      .post('/repos/acme/web/check-runs')
      .times(2)
      .reply(201, { id: 99 })
      .get(contentsPath('.github', '.github/plimsoll-policy.yml'))
      .reply(200, POLICY)
      .get(`${contentsPath('web', 'Dockerfile')}?ref=${HEAD}`)
      .times(2)
      .reply(200, MIXED)
      .get('/repos/acme/web/issues/7/comments?per_page=100')
      .times(2)
      .reply(200, () => posted.map((body) => ({ id: 555, body, user: { login: 'plimsoll[bot]', type: 'Bot' } })))
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
    await Promise.all([
      deliver(probot, { id: 'one', name: 'pull_request', payload }),
      deliver(probot, { id: 'one-again', name: 'pull_request', payload }),
    ]);

    expect(posted).toHaveLength(1);
    expect(sent.filter((s) => s.includes('issues/7/comments') || s.includes('issues/comments'))).toStrictEqual([
      'GET /repos/acme/web/issues/7/comments?per_page=100',
      'POST /repos/acme/web/issues/7/comments',
      'GET /repos/acme/web/issues/7/comments?per_page=100',
    ]);
  });
});

describe('an invalid repository config (PL1000)', () => {
  const DOCS_PL1000 = docs('PL1000');

  it('takes no effect, never throws, and the check and the summary name each file:line problem', async () => {
    const writes: Array<{ route: string; body: unknown }> = [];
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
      `**[PL1000](${DOCS_PL1000}): the repository config \`.github/plimsoll.yml\` is invalid and did not take effect**; the default settings were used:`,
      '- `.github/plimsoll.yml:3: rules.DL3006 must be one of error, warning, info, style, off, ignore, got "loud"`',
      '- `.github/plimsoll.yml:4: ignore must be a list, got "vendor"`',
    ].join('\n');
    const check = writes.find((w) => w.route === 'PATCH check-runs')!.body as { conclusion: string; output: { summary: string } };
    expect(check.conclusion).toBe('success');
    expect(check.output.summary).toBe(
      `1 finding on changed lines (0 failing, 0 approved); 0 pre-existing findings on untouched lines, which never fail the check.\n\n${note}`,
    );
    const comment = (writes.find((w) => w.route === 'POST comments')!.body as { body: string }).body;
    expect(comment).toContain(`✅ No unapproved errors on lines this pull request changes.\n\n${note}\n\n### \`Dockerfile\``);
  });

  it('applies its valid entries and lists those refused on purpose (a PL rule switched off, exceptions)', async () => {
    const writes: Array<{ route: string; body: unknown }> = [];
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
    expect(check.output.summary.split('\n\n')[1]).toBe(
      [
        `**[PL1000](${DOCS_PL1000}): entries of the repository config \`.github/plimsoll.yml\` were ignored**; the rest applies:`,
        '- `.github/plimsoll.yml:3: rules.PL1001: PL1001 is set by the ops policy and cannot be switched off in a repository; ignored`',
        '- `.github/plimsoll.yml:4: exceptions: a repository config cannot add exceptions; ask ops to add one to the policy, or to approve the finding on the pull request (/plimsoll approve); ignored`',
      ].join('\n'),
    );
  });
});

describe('answering the webhook', () => {
  it('returns before the review ends (GitHub waits 10 s at most); the review finishes in the background', async () => {
    const writes: Array<{ route: string; body: unknown }> = [];
    // Listing the files takes 1.5 s: the webhook must not wait for it.
    token(github())
      .get('/repos/acme/web/pulls/7/files?per_page=100')
      .delay(1500)
      .reply(200, [{ filename: 'Dockerfile', status: 'added', patch: '@@ -0,0 +1 @@\n+FROM node:20.11.1' }])
      .get(contentsPath('web', '.github/plimsoll.yml'))
      .reply(404)
      .post('/repos/acme/web/check-runs', recordWrites(writes, 'POST check-runs'))
      .reply(201, { id: 99 })
      .get(contentsPath('.github', '.github/plimsoll-policy.yml'))
      .reply(200, POLICY)
      .get(`${contentsPath('web', 'Dockerfile')}?ref=${HEAD}`)
      .reply(200, 'FROM node:20.11.1\n')
      .get('/repos/acme/web/issues/7/comments?per_page=100')
      .reply(200, [])
      .patch('/repos/acme/web/check-runs/99', recordWrites(writes, 'PATCH check-runs'))
      .reply(200, { id: 99 });

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
    const writes: Array<{ route: string; body: unknown }> = [];
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
    expect(entry).toMatchObject({
      level: 30,
      delivery: 'delivery-log',
      event: 'pull_request.opened',
      repo: 'acme/web',
      pr: 7,
      sha: HEAD,
      decision: 'failure',
      files: 1,
      findings: 3,
      changed: 2,
      failing: 1,
      approved: 0,
    });
    expect(entry.durationMs).toEqual(expect.any(Number));
    expect(entry.durationMs as number).toBeGreaterThanOrEqual(0);
    const text = JSON.stringify(logs);
    expect(text).not.toContain('FROM centos');
    expect(text).not.toContain('ghs_test');
  });
});
