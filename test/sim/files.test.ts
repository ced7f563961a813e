import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileText } from '../../src/github/client.js';
import { simAppOctokit, simOctokit } from './client.js';
import { unifiedPatch } from './diff.js';
import { startSimulator, type Simulator } from './server.js';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(() => sim.close());

const where = { owner: 'acme', repo: 'web' };
const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('FROM node:20\n', 'utf16le')]);
const latin1 = Buffer.from('# café\nFROM node:20\n', 'latin1');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);

describe('files as bytes', () => {
  it('keeps the exact bytes: the blobs API and the contents API answer them', async () => {
    const repo = sim.state.addRepo('web', { 'utf16/Dockerfile': utf16, 'latin1/Dockerfile': latin1, 'logo.png': png });
    const octokit = simOctokit(sim);
    for (const [path, bytes] of [['utf16/Dockerfile', utf16], ['latin1/Dockerfile', latin1], ['logo.png', png]] as const) {
      expect(sim.state.bytesAt(repo, path)).toStrictEqual(bytes);
      const sha = sim.state.commits.get(repo.branches.get('main')!)!.tree.get(path)!;
      const blob = await octokit.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { ...where, file_sha: sha });
      expect(blob.data).toMatchObject({ sha, size: bytes.length, encoding: 'base64' });
      expect(Buffer.from(blob.data.content, 'base64')).toStrictEqual(bytes);
      const contents = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { ...where, path });
      expect(Buffer.from((contents.data as { content: string }).content, 'base64')).toStrictEqual(bytes);
      // Raw bytes on the wire, labelled as GitHub labels them.
      const raw = await fetch(`${sim.baseUrl}/repos/acme/web/contents/${path}`, { headers: { accept: 'application/vnd.github.raw' } });
      expect(raw.headers.get('content-type')).toBe('application/vnd.github.raw; charset=utf-8');
      expect(Buffer.from(await raw.arrayBuffer())).toStrictEqual(bytes);
    }
  });

  it('Octokit decodes the raw media type as UTF-8 text, as against GitHub: non-UTF-8 bytes become U+FFFD', async () => {
    sim.state.addRepo('web', { 'utf16/Dockerfile': utf16, 'latin1/Dockerfile': latin1 });
    const octokit = simOctokit(sim);
    expect(await readFileText(octokit, { ...where, path: 'latin1/Dockerfile' })).toBe('# caf\uFFFD\nFROM node:20\n');
    expect(await readFileText(octokit, { ...where, path: 'utf16/Dockerfile' })).toContain('\uFFFD');
  });

  it('GraphQL Blob: text null for binary, cut at 512,000 bytes with isTruncated, by expression or oid', async () => {
    const big = `# ${'x'.repeat(600_000)}\nFROM node:20\n`;
    const repo = sim.state.addRepo('web', { 'logo.png': png, 'big/Dockerfile': big, Dockerfile: 'FROM node:20\n' });
    const query = `query($oid: GitObjectID!) { repository(owner: "acme", name: "web") {
      png: object(expression: "main:logo.png") { ... on Blob { text isBinary byteSize isTruncated oid } }
      big: object(expression: "HEAD:big/Dockerfile") { ... on Blob { text isBinary byteSize isTruncated } }
      byOid: object(oid: $oid) { ... on Blob { text } } } }`;
    const oid = sim.state.commits.get(repo.branches.get('main')!)!.tree.get('Dockerfile')!;
    const data = await simOctokit(sim).graphql<{ repository: Record<string, { text: string | null; isBinary?: boolean; byteSize?: number; isTruncated?: boolean }> }>(query, { oid });
    expect(data.repository.png).toMatchObject({ text: null, isBinary: true, byteSize: png.length, isTruncated: false });
    expect(data.repository.big).toMatchObject({ isBinary: false, byteSize: Buffer.byteLength(big), isTruncated: true });
    expect(data.repository.big!.text).toHaveLength(512_000);
    expect(data.repository.byOid).toStrictEqual({ text: 'FROM node:20\n' });
  });

  it('pulls/{n}/files: git hunks with three lines of context, no patch for binary files', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => `RUN step ${i + 1}`);
    sim.state.addRepo('web', { Dockerfile: `FROM node:20\n${lines.join('\n')}\n`, 'logo.png': png });
    const changed = [...lines];
    changed[1] = 'RUN changed 2';
    changed[17] = 'RUN changed 18';
    const { number } = sim.openPullRequest('web', { branch: 'b', changes: { Dockerfile: `FROM node:20\n${changed.join('\n')}`, 'logo.png': Buffer.concat([png, Buffer.from([1])]) } });

    const files = await simOctokit(sim).paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { ...where, pull_number: number });
    const dockerfile = files.find((f) => f.filename === 'Dockerfile')!;
    expect(dockerfile.patch).toBe(
      [
        '@@ -1,6 +1,6 @@',
        ' FROM node:20',
        ' RUN step 1',
        '-RUN step 2',
        '+RUN changed 2',
        ' RUN step 3',
        ' RUN step 4',
        ' RUN step 5',
        // git's section heading: the nearest line above the hunk starting with a letter.
        '@@ -16,6 +16,6 @@ RUN step 14',
        ' RUN step 15',
        ' RUN step 16',
        ' RUN step 17',
        '-RUN step 18',
        '+RUN changed 18',
        ' RUN step 19',
        '-RUN step 20',
        '+RUN step 20',
        '\\ No newline at end of file',
      ].join('\n'),
    );
    expect(dockerfile).toMatchObject({ additions: 3, deletions: 3, changes: 6 });
    const logo = files.find((f) => f.filename === 'logo.png')!;
    expect(logo).toMatchObject({ status: 'modified', additions: 0, deletions: 0 });
    expect(logo).not.toHaveProperty('patch');
  });

  it('leaves out the patch of a diff too large to send, keeps the counts', async () => {
    sim.state.addRepo('web', { 'data.txt': '' });
    const { number } = sim.openPullRequest('web', { branch: 'b', changes: { 'data.txt': Array.from({ length: 4000 }, (_, i) => `line ${i}\n`).join('') } });
    const [file] = (await simOctokit(sim).request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { ...where, pull_number: number })).data;
    expect(file).toMatchObject({ filename: 'data.txt', additions: 4000, deletions: 0 });
    expect(file).not.toHaveProperty('patch');
  });

  it('unifiedPatch prints an added and a removed file as git does', () => {
    expect(unifiedPatch('', 'a\nb\n').patch).toBe('@@ -0,0 +1,2 @@\n+a\n+b');
    expect(unifiedPatch('only\n', '').patch).toBe('@@ -1 +0,0 @@\n-only');
  });
});

describe('the app and the organization', () => {
  it('GET /app with the JWT: id, slug, name, owner, permissions and events from app.yml', async () => {
    const { data } = await simAppOctokit(sim, 1).request('GET /app');
    expect(data).toMatchObject({ id: 1, slug: 'plimsoll', name: 'Plimsoll', owner: { login: 'acme' }, permissions: sim.state.permissions, events: expect.arrayContaining(['pull_request', 'issue_comment', 'check_run']) });
    expect(sim.state.bot).toMatchObject({ login: 'plimsoll[bot]', type: 'Bot' });
  });

  it('team membership answers active, pending, and 404 once someone has left the team', async () => {
    sim.state.addTeam('platform-ops', ['olga']);
    sim.state.addTeamMember('platform-ops', 'pete', { state: 'pending' });
    const octokit = simOctokit(sim);
    const membership = (username: string) =>
      octokit.request('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', { org: 'acme', team_slug: 'platform-ops', username }).then(
        (r) => r.data.state,
        (error: { status: number }) => error.status,
      );
    expect(await membership('olga')).toBe('active');
    expect(await membership('pete')).toBe('pending');
    sim.state.removeTeamMember('platform-ops', 'olga');
    sim.state.addTeamMember('platform-ops', 'pete');
    expect([await membership('olga'), await membership('pete'), await membership('nobody')]).toStrictEqual([404, 'active', 404]);
  });
});
