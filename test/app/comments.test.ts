import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  blobs,
  botComment,
  deliver,
  fixture,
  github,
  HEAD,
  logs,
  OPENED_AT,
  POLICY,
  recordWrites,
  resetGitHub,
  reviewMocks,
  sent,
  testProbot,
  token,
  userComment,
  violations,
  type CommentNode,
  type ReviewMocks,
} from './harness.js';

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Writes = Array<{ route: string; body: unknown }>;

const created = fixture<Payload>('issue_comment.created');
const edited = fixture<Payload>('issue_comment.edited');

const MIXED = 'FROM centos:7\nRUN make\nFROM ubuntu\n';
const MIXED_PATCH = '@@ -1,2 +1,3 @@\n FROM centos:7\n RUN make\n+FROM ubuntu';
/** After the first review: the comment came later than the head. */
const LATER = '2026-01-10T00:00:00Z';

function commentEvent(body: string, login = 'ops-olga', type = 'User', id = 5001): Payload {
  const p = structuredClone(created);
  p.comment.id = id;
  p.comment.body = body;
  p.comment.user.login = login;
  p.comment.user.type = type;
  p.sender.login = login;
  return p;
}

beforeEach(resetGitHub);
afterEach(() => {
  expect(violations).toStrictEqual([]);
  expect(nock.pendingMocks()).toStrictEqual([]);
});

const send = (name: string, payload: Payload) => deliver(testProbot(), { id: 'delivery-c', name, payload });

/** A review of the mixed Dockerfile (PL1001 on the added `FROM ubuntu`), its check run known from the push. */
function approvalReview(writes: Writes, comments: CommentNode[], extra: Partial<ReviewMocks> = {}) {
  return reviewMocks(token(github()), {
    pull: { requestedTeams: ['platform-ops'] },
    files: [{ filename: 'Dockerfile', status: 'modified', patch: MIXED_PATCH }],
    contents: { Dockerfile: MIXED },
    policy: POLICY,
    existingCheck: { id: 99, startedAt: OPENED_AT },
    comments,
    writes,
    ...extra,
  });
}

const conclusion = (writes: Writes) => (writes.find((w) => w.route === 'PATCH check-runs')!.body as { conclusion: string }).conclusion;
const reactions = (writes: Writes) => writes.filter((w) => w.route === 'POST reaction').map((w) => (w.body as { content: string }).content);
const reply = (writes: Writes) => (writes.find((w) => w.route === 'POST reply')?.body as { body: string } | undefined)?.body;

function answers(scope: nock.Scope, writes: Writes, options: { reacts?: string[]; replies?: boolean } = {}) {
  for (const _ of options.reacts ?? []) scope.post('/repos/acme/web/issues/comments/5001/reactions', recordWrites(writes, 'POST reaction')).reply(201, {});
  if (options.replies) scope.post('/repos/acme/web/issues/7/comments', recordWrites(writes, 'POST reply')).reply(201, { id: 8001 });
  return scope;
}

describe('/plimsoll approve', () => {
  it('by an ops member: membership asked of GitHub, the finding approved, the check green, 👍', async () => {
    const writes: Writes = [];
    const approval = userComment(5001, 'ops-olga', '/plimsoll approve PL1001 vendor SDK needs EL7', LATER);
    answers(approvalReview(writes, [approval], { members: { 'ops-olga': true }, postsComment: 777 }), writes, { reacts: ['+1'] });

    await send('issue_comment', commentEvent(approval.body));

    expect(conclusion(writes)).toBe('success');
    expect(reactions(writes)).toStrictEqual(['+1']);
    expect(reply(writes)).toBeUndefined();
    const summary = (writes.find((w) => w.route === 'POST comments')!.body as { body: string }).body;
    expect(summary).toContain('| PL1001 | Dockerfile | 3 | ops-olga | vendor SDK needs EL7 |');
    expect(sent).toContain('GET /orgs/acme/teams/platform-ops/memberships/ops-olga');
  });

  it('by someone outside the team: refused, the check stays red, 😕 and one reply saying why', async () => {
    const writes: Writes = [];
    const approval = userComment(5001, 'dev-dave', '/plimsoll approve all trust me', LATER);
    answers(approvalReview(writes, [approval], { members: { 'dev-dave': false }, postsComment: 777 }), writes, { reacts: ['confused'], replies: true });

    await send('issue_comment', commentEvent(approval.body, 'dev-dave'));

    expect(conclusion(writes)).toBe('failure');
    expect(reactions(writes)).toStrictEqual(['confused']);
    expect(reply(writes)).toBe(
      ['<!-- plimsoll:reply 5001 -->', 'Plimsoll did not accept a command of comment 5001:', '', '- approve any: only members of the ops team (platform-ops) can approve or revoke exceptions'].join('\n'),
    );
  });

  it('from a bot: refused without asking who it is', async () => {
    const writes: Writes = [];
    const approval: CommentNode = { ...userComment(5001, 'renovate', '/plimsoll approve all bump', LATER), author: { __typename: 'Bot', login: 'renovate' } };
    answers(approvalReview(writes, [approval], { postsComment: 777 }), writes, { reacts: ['confused'], replies: true });

    await send('issue_comment', commentEvent(approval.body, 'renovate[bot]', 'Bot'));

    expect(sent.some((s) => s.includes('/memberships/'))).toBe(false);
    expect(reply(writes)).toContain('commands from bots are not accepted');
  });

  it('without a reason, or naming a code with no finding: both refused in one reply, never echoing the comment', async () => {
    const writes: Writes = [];
    const body = '/plimsoll approve PL1001\n\n/plimsoll approve DL3008 @acme/everyone </details> <!-- plimsoll:summary -->';
    const approval = userComment(5001, 'ops-olga', body, LATER);
    answers(approvalReview(writes, [approval], { members: { 'ops-olga': true }, postsComment: 777 }), writes, { reacts: ['confused'], replies: true });

    await send('issue_comment', commentEvent(body));

    expect(reply(writes)).toBe(
      [
        '<!-- plimsoll:reply 5001 -->',
        'Plimsoll did not accept 2 commands of comment 5001:',
        '',
        '- a command that could not be read: an approval needs a reason after the code, e.g. \\`/plimsoll approve PL1001 vendor SDK needs EL7\\`',
        '- approve DL3008: there is no DL3008 finding in this pull request to approve (as it stood when the comment was written)',
      ].join('\n'),
    );
  });

  it('a redelivered comment is answered once: the reply is found, not posted again', async () => {
    const writes: Writes = [];
    const approval = userComment(5001, 'dev-dave', '/plimsoll approve all trust me', LATER);
    const earlier = botComment(8001, ['<!-- plimsoll:reply 5001 -->', 'Plimsoll did not accept a command of comment 5001:', '', '- approve any: only members of the ops team (platform-ops) can approve or revoke exceptions'].join('\n'));
    answers(approvalReview(writes, [approval, earlier], { members: { 'dev-dave': false }, postsComment: 777 }), writes, { reacts: ['confused'] });

    await send('issue_comment', commentEvent(approval.body, 'dev-dave'));

    expect(reply(writes)).toBeUndefined();
  });

  it('scopes the approval to that file and keeps the file out of the reason', async () => {
    const writes: Writes = [];
    const approval = userComment(5001, 'ops-olga', '/plimsoll approve PL1001 Dockerfile vendor SDK', LATER);
    answers(approvalReview(writes, [approval], { members: { 'ops-olga': true }, postsComment: 777 }), writes, { reacts: ['+1'] });

    await send('issue_comment', commentEvent(approval.body));

    const summary = (writes.find((w) => w.route === 'POST comments')!.body as { body: string }).body;
    expect(summary).toContain('| PL1001 | Dockerfile | 3 | ops-olga | vendor SDK |');
  });

  it('a 60 KB reason: the review completes, the reason is cut for display', async () => {
    const writes: Writes = [];
    const body = `/plimsoll approve PL1001 ${'x'.repeat(60_000)}`;
    const approval = userComment(5001, 'ops-olga', body, LATER);
    answers(approvalReview(writes, [approval], { members: { 'ops-olga': true }, postsComment: 777 }), writes, { reacts: ['+1'] });

    await send('issue_comment', commentEvent(body));

    expect(conclusion(writes)).toBe('success');
    const summary = (writes.find((w) => w.route === 'POST comments')!.body as { body: string }).body;
    expect(summary.length).toBeLessThan(5000);
    expect(summary).toContain(`${'x'.repeat(299)}…`);
  });
});

describe('what cannot approve', () => {
  it('the summary is output only: a pasted marker and approvals table in anyone’s comment count for nothing', async () => {
    const writes: Writes = [];
    const forged = userComment(1, 'dev-dave', '<!-- plimsoll:summary -->\n### Approved exceptions\n| PL1001 | Dockerfile | 3 | ops-olga | ok |\n<!-- plimsoll:approvals e30=.00 -->', LATER);
    approvalReview(writes, [forged], { postsComment: 777 });

    await send('pull_request', fixture('pull_request.opened'));

    expect(conclusion(writes)).toBe('failure');
    expect(sent.some((s) => s.includes('/memberships/'))).toBe(false);
  });

  it('an approval edited by its author no longer counts: 😕 and a reply asking for a new comment', async () => {
    const writes: Writes = [];
    const approval = userComment(5001, 'ops-olga', '/plimsoll approve all because', LATER, { lastEditedAt: '2026-01-11T00:00:00Z', editor: { login: 'ops-olga' } });
    answers(approvalReview(writes, [approval], { postsComment: 777 }), writes, { reacts: ['confused'], replies: true });

    await send('issue_comment', edited);

    expect(conclusion(writes)).toBe('failure');
    expect(reply(writes)).toContain('edited comments are not accepted, please write a new comment');
  });

  it('an approval edited by someone else: tampering in the summary and in the audit log', async () => {
    const writes: Writes = [];
    const approval = userComment(5001, 'ops-olga', '/plimsoll approve all because', LATER, { lastEditedAt: '2026-01-11T00:00:00Z', editor: { login: 'dev-dave' } });
    answers(approvalReview(writes, [approval], { postsComment: 777 }), writes, { reacts: ['confused'], replies: true });
    const payload = structuredClone(edited);
    payload.sender.login = 'dev-dave';

    await send('issue_comment', payload);

    expect(conclusion(writes)).toBe('failure');
    const summary = (writes.find((w) => w.route === 'POST comments')!.body as { body: string }).body;
    expect(summary).toContain('🚨 Comment 5001 by ops-olga was edited by dev-dave; its commands do not count.');
    expect(logs.find((l) => l.audit)).toMatchObject({ audit: { editor: 'dev-dave', author: 'ops-olga', commentId: 5001, from: '/plimsoll approve PL1001 vendor SDK needs EL7' } });
  });

  it('an approver who left the team no longer approves (membership is asked at every review)', async () => {
    const writes: Writes = [];
    const approval = userComment(5001, 'ops-olga', '/plimsoll approve PL1001 vendor SDK', LATER);
    approvalReview(writes, [approval], { members: { 'ops-olga': false }, postsComment: 777 });

    await send('pull_request', fixture('pull_request.opened'));

    expect(conclusion(writes)).toBe('failure');
  });

  it('asks membership once per person, however many comments they wrote', async () => {
    const writes: Writes = [];
    const comments = [1, 2, 3].map((i) => userComment(5000 + i, 'ops-olga', `/plimsoll approve PL1001 reason ${i}`, LATER));
    approvalReview(writes, comments, { members: { 'ops-olga': true }, postsComment: 777 });

    await send('pull_request', fixture('pull_request.opened'));

    expect(sent.filter((s) => s.includes('/memberships/'))).toHaveLength(1);
  });
});

describe('approvals and pushes', () => {
  const SECOND = 'c'.repeat(40);
  const PUSHED_AT = '2026-01-12T00:00:00Z';

  /** A review of a second head, pushed after an approval written against the first. */
  function afterPush(writes: Writes, text: string, approval: CommentNode) {
    const scope = approvalReview(writes, [approval], {
      files: [{ filename: 'Dockerfile', status: 'modified', patch: `@@ -1,2 +1,${text.split('\n').length - 1} @@\n FROM centos:7\n RUN make\n${text.split('\n').slice(2, -1).map((l) => `+${l}`).join('\n')}` }],
      pull: { head: SECOND, requestedTeams: ['platform-ops'], updatedAt: PUSHED_AT },
      contents: { Dockerfile: text },
      existingCheck: { id: 99, startedAt: PUSHED_AT },
      members: { 'ops-olga': true },
      postsComment: 777,
    });
    // When each head arrived, from this app's check runs; then the first head's files, linted again.
    scope.post('/graphql', (body: { query: string }) => body.query.includes('checkSuites')).reply(200, headsAnswer([[HEAD, OPENED_AT], [SECOND, PUSHED_AT]]));
    blobs(scope, HEAD, { Dockerfile: MIXED });
    return scope;
  }

  it('an approval survives a push that leaves the approved instruction as it was', async () => {
    const writes: Writes = [];
    afterPush(writes, `${MIXED}RUN echo more\n`, userComment(5001, 'ops-olga', '/plimsoll approve PL1001 vendor SDK', LATER));

    await send('pull_request', { ...fixture<Payload>('pull_request.opened'), action: 'synchronize', pull_request: { ...fixture<Payload>('pull_request.opened').pull_request, head: { sha: SECOND }, updated_at: PUSHED_AT } });

    expect(conclusion(writes)).toBe('success');
  });

  it('covers only what existed when it was written: a finding a later push added needs a new approval', async () => {
    const writes: Writes = [];
    afterPush(writes, `${MIXED}FROM debian:12\n`, userComment(5001, 'ops-olga', '/plimsoll approve all before the push', LATER));

    await send('pull_request', { ...fixture<Payload>('pull_request.opened'), action: 'synchronize', pull_request: { ...fixture<Payload>('pull_request.opened').pull_request, head: { sha: SECOND }, updated_at: PUSHED_AT } });

    expect(conclusion(writes)).toBe('failure');
    const check = writes.find((w) => w.route === 'PATCH check-runs')!.body as { output: { title: string } };
    expect(check.output.title).toBe('1 error on changed lines');
  });

  it('does not cover the instruction once a push changes it', async () => {
    const writes: Writes = [];
    afterPush(writes, 'FROM centos:7\nRUN make\nFROM ubuntu:22.04\n', userComment(5001, 'ops-olga', '/plimsoll approve PL1001 vendor SDK', LATER));

    await send('pull_request', { ...fixture<Payload>('pull_request.opened'), action: 'synchronize', pull_request: { ...fixture<Payload>('pull_request.opened').pull_request, head: { sha: SECOND }, updated_at: PUSHED_AT } });

    expect(conclusion(writes)).toBe('failure');
  });
});

describe('/plimsoll revoke and recheck', () => {
  it('revoke withdraws the approval and fails the check again', async () => {
    const writes: Writes = [];
    const comments = [userComment(5000, 'ops-olga', '/plimsoll approve PL1001 vendor SDK', LATER), userComment(5001, 'ops-omar', '/plimsoll revoke PL1001', '2026-01-11T00:00:00Z')];
    answers(approvalReview(writes, comments, { members: { 'ops-olga': true, 'ops-omar': true }, postsComment: 777 }), writes, { reacts: ['+1'] });

    await send('issue_comment', commentEvent('/plimsoll revoke PL1001', 'ops-omar'));

    expect(conclusion(writes)).toBe('failure');
    expect(reactions(writes)).toStrictEqual(['+1']);
  });

  it('recheck runs the review again, from anyone, and reacts 👍', async () => {
    const writes: Writes = [];
    const recheck = userComment(5001, 'dev-dana', '/plimsoll recheck', LATER);
    answers(approvalReview(writes, [recheck], { postsComment: 777 }), writes, { reacts: ['+1'] });

    await send('issue_comment', commentEvent('/plimsoll recheck', 'dev-dana'));

    expect(reactions(writes)).toStrictEqual(['+1']);
    expect(writes.map((w) => w.route)).toContain('PATCH check-runs');
  });

  it('ignores comments without commands, and commands GitHub shows as code or quotation, without a request', async () => {
    for (const body of ['LGTM', '> /plimsoll approve all quoted', '```\n/plimsoll approve all\n```', '<!--\n/plimsoll approve all\n-->', '`/plimsoll approve all x`']) {
      await send('issue_comment', commentEvent(body));
    }
    expect(sent).toStrictEqual([]);
  });

  it('the app’s own comments start nothing', async () => {
    token(github());
    await send('issue_comment', commentEvent('/plimsoll recheck', 'plimsoll[bot]', 'Bot'));
    expect(sent).toStrictEqual([]);
    nock.cleanAll();
  });
});

function headsAnswer(heads: Array<[string, string]>) {
  const commit = ([oid, startedAt]: [string, string]) => ({ commit: { oid, checkSuites: { nodes: [{ checkRuns: { nodes: [{ startedAt }] } }] } } });
  return { data: { repository: { pullRequest: { commits: { nodes: heads.map(commit) }, timelineItems: { nodes: [] } } } } };
}

export { HEAD };
