import { describe, expect, it } from 'vitest';
import { approversToCheck, evaluateApprovals, screenComments, type ApproverRules, type FindingIdentity, type RecordedComment } from '../../src/review/approvals.js';

const RULES: ApproverRules = { team: 'platform-ops', selfApproval: false, pullAuthor: 'dev-dana' };
const FILES = ['Dockerfile', 'api/Dockerfile'];
const AT_HEAD: FindingIdentity[] = [
  { code: 'PL1001', file: 'Dockerfile', line: 1, instruction: 'FROM centos:7 => centos:7' },
  { code: 'PL1002', file: 'Dockerfile', line: 3, instruction: 'FROM node:16 => node:16' },
  { code: 'PL1001', file: 'api/Dockerfile', line: 1, instruction: 'FROM ubuntu => ubuntu' },
];

let nextId = 1;
const comment = (body: string, fields: Partial<RecordedComment> = {}): RecordedComment => ({
  id: nextId++,
  body,
  author: 'ops-olga',
  authorIsBot: false,
  createdAt: `2026-12-01T10:00:${String(nextId).padStart(2, '0')}.000Z`,
  editedAt: null,
  editor: null,
  ...fields,
});

function evaluate(comments: RecordedComment[], members: Record<string, boolean> = { 'ops-olga': true, 'ops-omar': true }, findingsFor: (c: RecordedComment) => FindingIdentity[] | null = () => AT_HEAD) {
  const screened = screenComments(comments, RULES, FILES);
  return evaluateApprovals({ screened, rules: RULES, members: new Map(Object.entries(members)), findingsFor });
}

const approved = (evaluation: ReturnType<typeof evaluate>) => evaluation.approvals.map((a) => `${a.code} ${a.file}:${a.line} by ${a.by}`);
const refusals = (evaluation: ReturnType<typeof evaluate>, c: RecordedComment) => evaluation.outcomes.get(c.id)?.map((o) => o.refusal);

describe('approvals recomputed from the comment record', () => {
  it('an ops member approves what the command names, with its reason', () => {
    const c = comment('/plimsoll approve PL1001 Dockerfile vendor SDK needs EL7');
    const result = evaluate([c]);
    expect(approved(result)).toStrictEqual(['PL1001 Dockerfile:1 by ops-olga']);
    expect(result.approvals[0]).toMatchObject({ reason: 'vendor SDK needs EL7', commentId: c.id, instruction: 'FROM centos:7 => centos:7' });
    expect(refusals(result, c)).toStrictEqual([null]);
  });

  it('approve all covers every finding at that head; a line scopes to the finding there', () => {
    expect(approved(evaluate([comment('/plimsoll approve all emergency')]))).toHaveLength(3);
    expect(approved(evaluate([comment('/plimsoll approve all Dockerfile:3 emergency')]))).toStrictEqual(['PL1002 Dockerfile:3 by ops-olga']);
  });

  const refused: Array<[string, Partial<RecordedComment>, Record<string, boolean>, string]> = [
    ['a non-member', { author: 'dev-dave' }, { 'dev-dave': false }, 'only members of the ops team (platform-ops) can approve or revoke exceptions'],
    ['a member whose membership was not confirmed', { author: 'ops-omar' }, {}, 'only members of the ops team (platform-ops) can approve or revoke exceptions'],
    ['the pull request author, even in the team', { author: 'dev-dana' }, { 'dev-dana': true }, 'the author of a pull request cannot approve its exceptions (the policy sets `self-approval: false`)'],
    ['a bot', { author: 'renovate[bot]', authorIsBot: true }, { 'renovate[bot]': true }, 'commands from bots are not accepted: an exception needs a person from the ops team'],
    ['an edited comment, edited by its author', { editedAt: '2026-12-01T11:00:00Z', editor: 'ops-olga' }, { 'ops-olga': true }, 'the comment was edited after it was written; edited comments are not accepted, please write a new comment'],
  ];
  it.each(refused)('refuses %s', (_who, fields, members, why) => {
    const c = comment('/plimsoll approve PL1001 ok', fields);
    const result = evaluate([c], members);
    expect(result.approvals).toStrictEqual([]);
    expect(refusals(result, c)).toStrictEqual([why]);
  });

  it('a comment edited by someone else is refused and reported as tampering', () => {
    const c = comment('/plimsoll approve all fine', { editedAt: '2026-12-01T11:00:00Z', editor: 'dev-dave' });
    const result = evaluate([c]);
    expect(result.approvals).toStrictEqual([]);
    expect(result.tampering).toStrictEqual([{ commentId: c.id, author: 'ops-olga', editor: 'dev-dave' }]);
  });

  it('only people with a grant that may count are looked up, once each', () => {
    const screened = screenComments(
      [comment('/plimsoll approve PL1001 a'), comment('/plimsoll approve PL1002 b'), comment('/plimsoll recheck', { author: 'dev-dave' }), comment('/plimsoll approve all x', { author: 'dev-dana' }), comment('/plimsoll revoke PL1001', { author: 'ops-omar' })],
      RULES,
      FILES,
    );
    expect(approversToCheck(screened)).toStrictEqual(['ops-olga', 'ops-omar']);
  });

  it('revoke withdraws earlier approvals it names, in the order comments were written', () => {
    const grant = comment('/plimsoll approve all legacy');
    const revoke = comment('/plimsoll revoke PL1001 api/Dockerfile', { author: 'ops-omar' });
    const result = evaluate([revoke, grant]); // listed out of order: creation time decides
    expect(approved(result)).toStrictEqual(['PL1001 Dockerfile:1 by ops-olga', 'PL1002 Dockerfile:3 by ops-olga']);
    expect(refusals(evaluate([comment('/plimsoll revoke PL1002')]), { id: nextId - 1 } as RecordedComment)).toStrictEqual(['there is no approval of PL1002 to revoke']);
  });

  it('an approval covers the findings at the head its comment was written against, never what came later', () => {
    const early = comment('/plimsoll approve all before the push', { createdAt: '2026-12-01T09:00:00Z' });
    const before: FindingIdentity[] = [AT_HEAD[0]!];
    const result = evaluate([early], undefined, (c) => (c.id === early.id ? before : AT_HEAD));
    expect(approved(result)).toStrictEqual(['PL1001 Dockerfile:1 by ops-olga']);
    expect(evaluate([comment('/plimsoll approve all unknown head')], undefined, () => null).approvals).toStrictEqual([]);
  });

  it('names a code with no finding, and commands it cannot read', () => {
    const c = comment('/plimsoll approve DL3008 why\n\n/plimsoll frobnicate\n\n/plimsoll recheck');
    expect(refusals(evaluate([c]), c)).toStrictEqual([
      'there is no DL3008 finding in this pull request to approve (as it stood when the comment was written)',
      expect.stringMatching(/^unknown command; use one of/),
      null,
    ]);
  });

  it('nobody approves without an ops team', () => {
    const c = comment('/plimsoll approve all x');
    const screened = screenComments([c], { ...RULES, team: null }, FILES);
    const result = evaluateApprovals({ screened, rules: { ...RULES, team: null }, members: new Map(), findingsFor: () => AT_HEAD });
    expect(refusals(result, c)).toStrictEqual(['the policy names no `ops.team`, so nobody can approve exceptions']);
  });
});
