import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeStore, encodeStore } from '../../src/review/approvals.js';
import type { Approval } from '../../src/review/decision.js';
import { contentsPath, deliver, fixture, github, HEAD, logs, POLICY, recordWrites, resetGitHub, reviewMocks, sent, SIGNING_KEY, testProbot, token, violations } from './harness.js';

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Writes = Array<{ route: string; body: unknown }>;

const created = fixture<Payload>('issue_comment.created');
const edited = fixture<Payload>('issue_comment.edited');
const opened = fixture<Payload>('pull_request.opened');

const MIXED = 'FROM centos:7\nRUN make\nFROM ubuntu\n';
const MIXED_PATCH = '@@ -1,2 +1,3 @@\n FROM centos:7\n RUN make\n+FROM ubuntu';
const PULL = { number: 7, head: { sha: HEAD }, user: { login: 'dev-dana' }, requested_teams: [{ slug: 'platform-ops' }] };

function comment(body: string, login = 'ops-olga', type = 'User'): Payload {
  const p = structuredClone(created);
  p.comment.body = body;
  p.comment.user.login = login;
  p.comment.user.type = type;
  p.sender.login = login;
  return p;
}

const summaryWith = (approvals: Approval[], audit: string[] = []) => ({
  id: 777,
  body: `<!-- plimsoll:summary -->\nold\n${encodeStore({ approvals, audit }, SIGNING_KEY)}`,
  user: { login: 'plimsoll[bot]', type: 'Bot' },
});

const OLGA: Approval = { code: 'PL1001', file: 'Dockerfile', instruction: 'FROM ubuntu', by: 'ops-olga', reason: 'vendor SDK needs EL7', commentId: 5001 };

beforeEach(resetGitHub);
afterEach(() => {
  expect(violations).toStrictEqual([]);
  expect(nock.pendingMocks()).toStrictEqual([]);
});

const send = (name: string, payload: Payload) => deliver(testProbot(), { id: 'delivery-c', name, payload });

function approvalReview(writes: Writes, comments: unknown[] = [summaryWith([])]) {
  return reviewMocks(github(), {
    files: [{ filename: 'Dockerfile', status: 'modified', patch: MIXED_PATCH }],
    contents: { Dockerfile: MIXED },
    comments: comments as Array<Record<string, unknown>>,
    writes,
    editsComment: 777,
  });
}

describe('/plimsoll approve', () => {
  it('by an ops member: checks membership, approves, passes the check, reacts 👍', async () => {
    const writes: Writes = [];
    token(github())
      .get('/repos/acme/web/pulls/7')
      .reply(200, PULL)
      .get(contentsPath('.github', '.github/plimsoll-policy.yml'))
      .reply(200, POLICY)
      .get('/orgs/acme/teams/platform-ops/memberships/ops-olga')
      .reply(200, { state: 'active', role: 'member' })
      .post('/repos/acme/web/issues/comments/5001/reactions', recordWrites(writes, 'POST reaction'))
      .reply(201, {});
    approvalReview(writes);

    await send('issue_comment', comment('Looks fine to me.\n/plimsoll approve PL1001 Dockerfile:3 vendor SDK needs EL7'));

    expect(writes.map((w) => w.route)).toStrictEqual(['POST check-runs', 'PATCH check-runs', 'PATCH comment', 'POST reaction']);
    expect(writes[3]!.body).toStrictEqual({ content: '+1' });
    const check = writes[1]!.body as { conclusion: string; output: { title: string; annotations: Array<{ annotation_level: string; message: string }> } };
    expect(check.conclusion).toBe('success');
    expect(check.output.title).toBe('1 warning on changed lines, no errors');
    expect(check.output.annotations[1]).toMatchObject({
      annotation_level: 'notice',
      message: 'ubuntu is not on the image whitelist; allowed images: node\nApproved by @ops-olga: vendor SDK needs EL7',
    });
    const body = (writes[2]!.body as { body: string }).body;
    expect(body).toContain('| PL1001 | Dockerfile | 3 | @ops-olga | vendor SDK needs EL7 |');
    expect(decodeStore(body, SIGNING_KEY).approvals).toStrictEqual([OLGA]);
  });

  it.each([
    ['a non-member', 'ops-olga', 'User', 'only members of @acme/platform-ops can approve or revoke exceptions', true],
    ['the pull request author', 'dev-dana', 'User', 'the author of a pull request cannot approve its exceptions (the policy sets `self-approval: false`)', false],
  ])('refuses %s with a reply', async (_who, login, type, why, asksMembership) => {
    const writes: Writes = [];
    const scope = token(github())
      .get('/repos/acme/web/pulls/7')
      .reply(200, PULL)
      .get(contentsPath('.github', '.github/plimsoll-policy.yml'))
      .reply(200, POLICY)
      .post('/repos/acme/web/issues/7/comments', recordWrites(writes, 'POST comments'))
      .reply(201, { id: 1 });
    if (asksMembership) scope.get(`/orgs/acme/teams/platform-ops/memberships/${login}`).reply(404, { message: 'Not Found' });

    await send('issue_comment', comment('/plimsoll approve PL1001 because', login, type));

    expect(writes).toStrictEqual([
      { route: 'POST comments', body: { body: `@${login}\n\nPlimsoll did not accept:\n- \`approve PL1001\`: ${why}` } },
    ]);
  });

  it('refuses bots, without reading anything', async () => {
    const writes: Writes = [];
    token(github()).post('/repos/acme/web/issues/7/comments', recordWrites(writes, 'POST comments')).reply(201, { id: 1 });
    await send('issue_comment', comment('/plimsoll approve all ship it', 'renovate[bot]', 'Bot'));
    expect(writes).toStrictEqual([
      { route: 'POST comments', body: { body: '@renovate[bot]\n\nCommands from bots are not accepted: an exception needs a person from the ops team.' } },
    ]);
  });

  it('refuses an approval without a reason, and one naming a code with no finding', async () => {
    const writes: Writes = [];
    token(github())
      .get('/repos/acme/web/pulls/7')
      .reply(200, PULL)
      .get(contentsPath('.github', '.github/plimsoll-policy.yml'))
      .reply(200, POLICY)
      .get('/orgs/acme/teams/platform-ops/memberships/ops-olga')
      .reply(200, { state: 'active' })
      .post('/repos/acme/web/issues/7/comments', recordWrites(writes, 'POST comments'))
      .reply(201, { id: 1 });
    approvalReview(writes);

    await send('issue_comment', comment('/plimsoll approve PL1001\n/plimsoll approve DL3008 apt pins later'));

    const reply = writes.find((w) => w.route === 'POST comments')!.body;
    expect(reply).toStrictEqual({
      body: [
        '@ops-olga',
        '',
        'Plimsoll did not accept:',
        '- `/plimsoll approve PL1001`: an approval needs a reason after the code, e.g. `/plimsoll approve PL1001 vendor SDK needs EL7`',
        '- `approve DL3008`: there is no DL3008 finding in this pull request to approve',
      ].join('\n'),
    });
    expect(sent).not.toContain('POST /repos/acme/web/issues/comments/5001/reactions');
  });

  it('an edited command is refused and the approvals it granted are withdrawn', async () => {
    const writes: Writes = [];
    token(github())
      .get('/repos/acme/web/pulls/7')
      .reply(200, PULL)
      .get(contentsPath('.github', '.github/plimsoll-policy.yml'))
      .reply(200, POLICY)
      .post('/repos/acme/web/issues/7/comments', recordWrites(writes, 'POST comments'))
      .reply(201, { id: 1 });
    approvalReview(writes, [summaryWith([OLGA])]);

    await send('issue_comment', edited);

    const check = writes.find((w) => w.route === 'PATCH check-runs')!.body as { conclusion: string };
    expect(check.conclusion).toBe('failure');
    const summary = (writes.find((w) => w.route === 'PATCH comment')!.body as { body: string }).body;
    expect(decodeStore(summary, SIGNING_KEY).approvals).toStrictEqual([]);
    expect(writes.find((w) => w.route === 'POST comments')!.body).toStrictEqual({
      body: '@ops-olga\n\nEdited comments are not accepted as `/plimsoll` commands (approvals from this comment, if any, were withdrawn). Please write a new comment.',
    });
  });

  it('an approval edited by someone else is reported as tampering and logged under audit', async () => {
    const writes: Writes = [];
    const tampered = structuredClone(edited);
    tampered.sender.login = 'dev-dana';
    token(github())
      .get('/repos/acme/web/pulls/7')
      .reply(200, PULL)
      .get(contentsPath('.github', '.github/plimsoll-policy.yml'))
      .reply(200, POLICY);
    approvalReview(writes, [summaryWith([OLGA])]);

    await send('issue_comment', tampered);

    const summary = (writes.find((w) => w.route === 'PATCH comment')!.body as { body: string }).body;
    expect(summary).toContain('🚨 @dev-dana edited a `/plimsoll` comment written by @ops-olga (comment 5001); approvals from it were withdrawn');
    expect(logs.find((l) => l.audit)).toMatchObject({ audit: { editor: 'dev-dana', author: 'ops-olga', commentId: 5001 } });
  });

  it('a summary whose signed approvals were altered by hand counts as no approvals, and says so', async () => {
    const writes: Writes = [];
    const forged = summaryWith([]);
    forged.body = forged.body.replace(/approvals (\S+)\./, `approvals ${Buffer.from(JSON.stringify({ approvals: [OLGA], audit: [] })).toString('base64')}.`);
    token(github()).get(contentsPath('.github', '.github/plimsoll-policy.yml')).reply(200, POLICY);
    approvalReview(writes, [forged]);

    await deliver(testProbot(), { id: 'd', name: 'pull_request', payload: opened });

    expect((writes.find((w) => w.route === 'PATCH check-runs')!.body as { conclusion: string }).conclusion).toBe('failure');
    expect((writes.find((w) => w.route === 'PATCH comment')!.body as { body: string }).body).toContain('🚨 the approvals recorded in this comment were altered by hand; they were discarded');
  });
});

describe('approvals across pushes', () => {
  const synchronize = () => {
    const p = structuredClone(opened);
    p.action = 'synchronize';
    p.pull_request.requested_teams = [{ slug: 'platform-ops', name: 'platform-ops', id: 1 }];
    return p;
  };

  it('survive a push that leaves the approved instruction unchanged', async () => {
    const writes: Writes = [];
    token(github()).get(contentsPath('.github', '.github/plimsoll-policy.yml')).reply(200, POLICY);
    reviewMocks(github(), {
      files: [{ filename: 'Dockerfile', status: 'modified', patch: '@@ -1,2 +1,4 @@\n FROM centos:7\n RUN make\n+FROM ubuntu\n+RUN true' }],
      contents: { Dockerfile: 'FROM centos:7\nRUN make\nFROM ubuntu\nRUN true\n' },
      comments: [summaryWith([OLGA])],
      writes,
    }).patch('/repos/acme/web/issues/comments/777', recordWrites(writes, 'PATCH comment')).reply(200, {});

    await deliver(testProbot(), { id: 'd', name: 'pull_request', payload: synchronize() });

    expect((writes.find((w) => w.route === 'PATCH check-runs')!.body as { conclusion: string }).conclusion).toBe('success');
  });

  it('do not cover the instruction once a push changes it', async () => {
    const writes: Writes = [];
    token(github()).get(contentsPath('.github', '.github/plimsoll-policy.yml')).reply(200, POLICY);
    reviewMocks(github(), {
      files: [{ filename: 'Dockerfile', status: 'modified', patch: '@@ -1,2 +1,3 @@\n FROM centos:7\n RUN make\n+FROM ubuntu:22.04' }],
      contents: { Dockerfile: 'FROM centos:7\nRUN make\nFROM ubuntu:22.04\n' },
      comments: [summaryWith([OLGA])],
      writes,
    }).patch('/repos/acme/web/issues/comments/777', recordWrites(writes, 'PATCH comment')).reply(200, {});

    await deliver(testProbot(), { id: 'd', name: 'pull_request', payload: synchronize() });

    const check = writes.find((w) => w.route === 'PATCH check-runs')!.body as { conclusion: string; output: { title: string } };
    expect(check.conclusion).toBe('failure');
    expect(check.output.title).toBe('1 error on changed lines');
  });
});

describe('/plimsoll revoke and recheck', () => {
  it('revoke withdraws the approval and fails the check again', async () => {
    const writes: Writes = [];
    token(github())
      .get('/repos/acme/web/pulls/7')
      .reply(200, PULL)
      .get(contentsPath('.github', '.github/plimsoll-policy.yml'))
      .reply(200, POLICY)
      .get('/orgs/acme/teams/platform-ops/memberships/ops-olga')
      .reply(200, { state: 'active' })
      .post('/repos/acme/web/issues/comments/5001/reactions', recordWrites(writes, 'POST reaction'))
      .reply(201, {});
    approvalReview(writes, [summaryWith([OLGA])]);

    await send('issue_comment', comment('/plimsoll revoke PL1001'));

    expect((writes.find((w) => w.route === 'PATCH check-runs')!.body as { conclusion: string }).conclusion).toBe('failure');
    expect(decodeStore((writes.find((w) => w.route === 'PATCH comment')!.body as { body: string }).body, SIGNING_KEY).approvals).toStrictEqual([]);
    expect(writes.at(-1)).toStrictEqual({ route: 'POST reaction', body: { content: '+1' } });
  });

  it('recheck runs the review again, from anyone, and reacts 👍', async () => {
    const writes: Writes = [];
    token(github())
      .get('/repos/acme/web/pulls/7')
      .reply(200, PULL)
      .get(contentsPath('.github', '.github/plimsoll-policy.yml'))
      .reply(200, POLICY)
      .post('/repos/acme/web/issues/comments/5001/reactions', recordWrites(writes, 'POST reaction'))
      .reply(201, {});
    approvalReview(writes);

    await send('issue_comment', comment('/plimsoll recheck', 'dev-dana'));

    expect(writes.map((w) => w.route)).toStrictEqual(['POST check-runs', 'PATCH check-runs', 'PATCH comment', 'POST reaction']);
  });

  it('ignores comments without commands, and quoted or fenced commands, without a request', async () => {
    await send('issue_comment', comment('> /plimsoll approve all yes\n```\n/plimsoll recheck\n```\nthanks'));
    expect(sent).toStrictEqual([]);
  });
});

describe('/plimsoll approve with a file but no line (SPEC §6)', () => {
  it('scopes the approval to that file and keeps the file out of the reason', async () => {
    const writes: Writes = [];
    token(github())
      .get('/repos/acme/web/pulls/7')
      .reply(200, PULL)
      .get(contentsPath('.github', '.github/plimsoll-policy.yml'))
      .reply(200, POLICY)
      .get('/orgs/acme/teams/platform-ops/memberships/ops-olga')
      .reply(200, { state: 'active', role: 'member' })
      .post('/repos/acme/web/issues/comments/5001/reactions', recordWrites(writes, 'POST reaction'))
      .reply(201, {});
    approvalReview(writes);

    await send('issue_comment', comment('/plimsoll  approve  pl1001  ./Dockerfile  "vendor SDK needs EL7"\r\n'));

    expect(writes.map((w) => w.route)).toStrictEqual(['POST check-runs', 'PATCH check-runs', 'PATCH comment', 'POST reaction']);
    const body = (writes[2]!.body as { body: string }).body;
    // Both PL1001 findings of the file (line 1, pre-existing, and line 3) are approved, by file.
    expect(body).toContain('| PL1001 | Dockerfile | 1 | @ops-olga | vendor SDK needs EL7 |\n| PL1001 | Dockerfile | 3 | @ops-olga | vendor SDK needs EL7 |');
    expect(decodeStore(body, SIGNING_KEY).approvals).toStrictEqual([
      { code: 'PL1001', file: 'Dockerfile', instruction: 'FROM centos:7', by: 'ops-olga', reason: 'vendor SDK needs EL7', commentId: 5001 },
      OLGA,
    ]);
  });
});
