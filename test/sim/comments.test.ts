import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimClock } from './clock.js';
import { simOctokit } from './client.js';
import { startSimulator, type Simulator } from './server.js';

let sim: Simulator;
let clock: SimClock;
let number: number;
beforeEach(async () => {
  clock = new SimClock({ start: Date.parse('2026-03-01T12:00:00Z'), speed: 0.001 });
  sim = await startSimulator({ clock });
  sim.state.addRepo('web', { Dockerfile: 'FROM node:20\n' });
  sim.state.addTeam('platform-ops', ['olga']);
  ({ number } = sim.openPullRequest('web', { branch: 'change', changes: { Dockerfile: 'FROM ubuntu:22.04\n' } }));
});
afterEach(() => sim.close());

const where = { owner: 'acme', repo: 'web' };

const commentsQuery = `query($n: Int!, $after: String) { repository(owner: "acme", name: "web") { pullRequest(number: $n) {
  comments(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    nodes { databaseId body createdAt lastEditedAt editor { login } includesCreatedEdit author { __typename login } authorAssociation isMinimized url
      userContentEdits(first: 10) { nodes { editedAt editor { login } diff } } } } } } }`;

interface CommentNode {
  databaseId: number;
  body: string;
  lastEditedAt: string | null;
  editor: { login: string } | null;
  includesCreatedEdit: boolean;
  author: { __typename: string; login: string };
  authorAssociation: string;
  userContentEdits: { nodes: Array<{ editedAt: string; editor: { login: string }; diff: string }> };
}

describe('comments as GitHub records them', () => {
  it('an edit by someone else is kept: who, when, every version; the edited payload names the editor', async () => {
    const approval = sim.comment('web', number, 'olga', '/plimsoll approve PL1001 audited');
    clock.advance(60_000);
    const edited = sim.editComment('web', approval.id, 'mallory', '/plimsoll approve all audited');

    expect(edited).toMatchObject({ action: 'edited', changes: { body: { from: '/plimsoll approve PL1001 audited' } }, comment: { id: approval.id, body: '/plimsoll approve all audited', user: { login: 'olga' } }, sender: { login: 'mallory' } });
    // Also reachable as `.payload`, and left out of the delivered JSON.
    expect(edited.payload).toBe(edited);
    expect(JSON.parse(JSON.stringify(edited))).not.toHaveProperty('payload');

    const rest = await simOctokit(sim).request('GET /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...where, comment_id: approval.id });
    expect(rest.data.created_at).toMatch(/^2026-03-01T12:00:00\.\d{3}Z$/);
    // A minute later (less the few milliseconds the setup's own changes took on a stopped clock).
    expect(Date.parse(rest.data.updated_at) - Date.parse(rest.data.created_at)).toBeGreaterThan(59_900);
    expect(rest.data).toMatchObject({ author_association: 'MEMBER', user: { login: 'olga' } });

    const data = await simOctokit(sim).graphql<{ repository: { pullRequest: { comments: { nodes: CommentNode[] } } } }>(commentsQuery, { n: number });
    const [node] = data.repository.pullRequest.comments.nodes;
    expect(node).toMatchObject({
      databaseId: approval.id,
      body: '/plimsoll approve all audited',
      lastEditedAt: rest.data.updated_at,
      editor: { login: 'mallory' },
      includesCreatedEdit: true,
      author: { __typename: 'User', login: 'olga' },
      authorAssociation: 'MEMBER',
      isMinimized: false,
    });
    expect(node!.userContentEdits.nodes.map((e) => [e.editor.login, e.diff])).toStrictEqual([
      ['mallory', '/plimsoll approve all audited'],
      ['olga', '/plimsoll approve PL1001 audited'],
    ]);
  });

  it('an app edits through the API: the edit is recorded as its bot; GraphQL names the bot without [bot]', async () => {
    const { data } = await simOctokit(sim).request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...where, issue_number: number, body: 'summary v1' });
    expect(data).toMatchObject({ user: { login: 'plimsoll[bot]', type: 'Bot' }, author_association: 'NONE', performed_via_github_app: { slug: 'plimsoll' } });
    await simOctokit(sim).request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...where, comment_id: data.id, body: 'summary v2' });
    expect(sim.state.comments.get(Number(data.id))!.edits).toMatchObject([{ editor: { login: 'plimsoll[bot]' }, before: 'summary v1', after: 'summary v2' }]);

    const graph = await simOctokit(sim).graphql<{ repository: { pullRequest: { comments: { nodes: CommentNode[] } } } }>(commentsQuery, { n: number });
    expect(graph.repository.pullRequest.comments.nodes[0]).toMatchObject({ author: { __typename: 'Bot', login: 'plimsoll' }, editor: { login: 'plimsoll' }, authorAssociation: 'NONE' });
  });

  it('a deleted comment is gone from the API; its payload is issue_comment.deleted', async () => {
    const { id } = sim.comment('web', number, 'mallory', '/plimsoll approve all');
    const deleted = sim.deleteComment('web', id, 'mallory');
    expect(deleted).toMatchObject({ action: 'deleted', comment: { id }, sender: { login: 'mallory' } });
    const listed = await simOctokit(sim).request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...where, issue_number: number });
    expect(listed.data).toStrictEqual([]);
  });

  it('pages comments as GitHub: REST 100 at most with Link headers, GraphQL cursors with first ≤ 100', async () => {
    for (let i = 0; i < 150; i++) sim.state.addComment(sim.state.repo('web'), number, `comment ${i}`, sim.state.user(`user${i % 3}`));
    const octokit = simOctokit(sim);
    const first = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...where, issue_number: number, per_page: 500 });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toMatch(/per_page=100&page=2>; rel="next", .*per_page=100&page=2>; rel="last"$/);
    const all = await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...where, issue_number: number, per_page: 100 });
    expect(all.map((c) => c.body)).toStrictEqual(Array.from({ length: 150 }, (_, i) => `comment ${i}`));

    let after: string | null = null;
    const seen: string[] = [];
    for (;;) {
      const page: { repository: { pullRequest: { comments: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: CommentNode[] } } } } = await octokit.graphql(commentsQuery.replace('first: 2', 'first: 100'), { n: number, after });
      const comments = page.repository.pullRequest.comments;
      expect(comments.totalCount).toBe(150);
      seen.push(...comments.nodes.map((c) => c.body));
      if (!comments.pageInfo.hasNextPage) break;
      after = comments.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(150);

    await expect(octokit.graphql(commentsQuery.replace('first: 2', 'first: 101'), { n: number })).rejects.toMatchObject({
      errors: [{ type: 'EXCESSIVE_PAGINATION', message: 'Requesting 101 records on the `comments` connection exceeds the `first` limit of 100 records.' }],
    });
    await expect(octokit.graphql(commentsQuery.replace('first: 2, ', ''), { n: number })).rejects.toMatchObject({
      errors: [{ type: 'MISSING_PAGINATION_BOUNDARIES', message: 'You must provide a `first` or `last` value to properly paginate the `comments` connection.' }],
    });
  });

  it('comments and reactions: the same reaction again is 200 with the existing one, a new one 201; listed with a content filter', async () => {
    const { id } = sim.comment('web', number, 'olga', '/plimsoll approve PL1001 ok');
    const octokit = simOctokit(sim);
    const react = (content: '+1' | 'confused') => octokit.request('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', { ...where, comment_id: id, content });

    const created = await react('+1');
    const again = await react('+1');
    await react('confused');
    expect([created.status, again.status]).toStrictEqual([201, 200]);
    expect(again.data.id).toBe(created.data.id);
    expect(created.data).toMatchObject({ content: '+1', user: { login: 'plimsoll[bot]' }, created_at: expect.any(String) });
    sim.state.react(id, sim.state.user('dev-dana'), '+1');

    const thumbs = await octokit.request('GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', { ...where, comment_id: id, content: '+1' });
    expect(thumbs.data.map((r) => r.user?.login)).toStrictEqual(['plimsoll[bot]', 'dev-dana']);
    const comment = await octokit.request('GET /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...where, comment_id: id });
    expect(comment.data.reactions).toMatchObject({ total_count: 3, '+1': 2, confused: 1 });
  });

  it("author_association as GitHub answers: members, collaborators who pushed, and NONE for the rest and bots", async () => {
    for (const login of ['olga', 'dev-dana', 'mallory']) sim.comment('web', number, login, `hi from ${login}`);
    const { data } = await simOctokit(sim).request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...where, issue_number: number });
    expect(data.map((c) => [c.user?.login, c.author_association])).toStrictEqual([
      ['olga', 'MEMBER'],
      ['dev-dana', 'COLLABORATOR'],
      ['mallory', 'NONE'],
    ]);
  });

  it('refuses a body over 65536 characters with GitHub\'s Validation Failed', async () => {
    const refused = await simOctokit(sim)
      .request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...where, issue_number: number, body: 'x'.repeat(65537) })
      .catch((error: { status: number; response: { data: unknown } }) => error);
    expect(refused).toMatchObject({ status: 422, response: { data: { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: 'Body is too long (maximum is 65536 characters)' }] } } });
    // Characters, not UTF-16 units: 65536 emoji pass.
    expect((await simOctokit(sim).request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...where, issue_number: number, body: '🚢'.repeat(65536) })).status).toBe(201);
  });
});

describe('time and order', () => {
  it('every timestamp is unique, increasing, with milliseconds, even when the clock stands still', async () => {
    const repo = sim.state.repo('web');
    const stamps = [
      sim.state.addComment(repo, number, 'a').createdAt,
      sim.push('web', 'change', { x: '1' }).after && sim.state.pushes.at(-1)!.at,
      sim.state.addComment(repo, number, 'b').createdAt,
      sim.state.timestamp(),
    ];
    expect(stamps.every((t) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(t))).toBe(true);
    expect([...stamps].sort()).toStrictEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('a pull request\'s updated_at moves on a push and on a comment; answers carry the clock in Date', async () => {
    const octokit = simOctokit(sim);
    const read = async () => (await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...where, pull_number: number })).data.updated_at;
    const opened = await read();
    clock.advance(5_000);
    sim.synchronize('web', number, { Dockerfile: 'FROM node:22\n' });
    const pushed = await read();
    clock.advance(5_000);
    sim.comment('web', number, 'olga', 'looks fine');
    const commented = await read();
    expect(opened < pushed && pushed < commented).toBe(true);

    const answer = await octokit.request('GET /repos/{owner}/{repo}', where);
    expect(Math.abs(Date.parse(answer.headers.date!) - clock.now())).toBeLessThan(2000);
  });
});
