import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanRepository } from '../../src/github/inventory-discover.js';
import { checkedScope, takeViolations } from './checked-scope.js';

const REPO = { owner: 'acme', repo: 'web', defaultBranch: 'main', pushedAt: '2026-01-01T00:00:00Z' };
const octokit = () => new ProbotOctokit({ auth: { token: 't' }, throttle: { enabled: false }, retry: { enabled: false } });

/** The tree of acme/web and a GraphQL blob reader answering from `texts` by blob sha. */
function repository(texts: Record<string, string>): { requested: string[][] } {
  const tree = Object.keys(texts).map((path) => ({ path, type: 'blob', sha: `sha:${path}` }));
  const requested: string[][] = [];
  checkedScope()
    .get('/repos/acme/web/git/trees/main?recursive=1')
    .reply(200, { sha: 't', truncated: false, tree })
    .post('/graphql')
    .times(2)
    .optionally()
    .reply(200, (_uri: string, body: { variables: Record<string, string> }) => {
      const oids = Object.entries(body.variables).filter(([key]) => /^o\d+$/.test(key));
      requested.push(oids.map(([, oid]) => oid.slice('sha:'.length)));
      return { data: { repository: Object.fromEntries(oids.map(([key, oid]) => [`b${key.slice(1)}`, { text: texts[oid.slice(4)], isBinary: false, isTruncated: false }])) } };
    });
  return { requested };
}

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  expect(takeViolations()).toEqual([]);
  nock.cleanAll();
});

describe('scanRepository', () => {
  it('reads the tree and, in one GraphQL request, every container definition by the default globs', async () => {
    const { requested } = repository({ Dockerfile: 'FROM node:20.9.0\n', 'api/Dockerfile.prod': 'FROM python:3.12\n', 'README.md': '# hi\n', 'node_modules/x/Dockerfile': 'FROM busybox\n' });
    const { inventory, reads } = await scanRepository(octokit(), REPO);
    expect(reads).toBe(2);
    expect(requested).toEqual([['Dockerfile', 'api/Dockerfile.prod']]);
    expect(inventory.files.map((f) => [f.path, f.images.map((i) => `${i.familiar}:${i.tag}`)])).toEqual([
      ['Dockerfile', ['node:20.9.0']],
      ['api/Dockerfile.prod', ['python:3.12']],
    ]);
  });

  it("applies the repository's own globs and ignore, reading its config in the same request", async () => {
    const { requested } = repository({
      '.github/plimsoll.yml': 'globs: ["**/Dockerfile", "images/*.df"]\nignore: ["vendor/**"]\n',
      Dockerfile: 'FROM node:20.9.0\n',
      'vendor/lib/Dockerfile': 'FROM alpine:3.19\n',
      'images/base.df': 'FROM debian:12.5\n',
    });
    const { inventory, reads } = await scanRepository(octokit(), REPO);
    // The defaults matched Dockerfile and vendor's; the config adds images/base.df: one more read for it only.
    expect(requested).toEqual([['.github/plimsoll.yml', 'Dockerfile', 'vendor/lib/Dockerfile'], ['images/base.df']]);
    expect(reads).toBe(3);
    expect(inventory.files.map((f) => f.path)).toEqual(['Dockerfile', 'images/base.df']);
    expect(inventory.notes).toEqual([]);
  });

  it('falls back to the default globs, and says so, when the repository config is invalid', async () => {
    repository({ '.github/plimsoll.yml': 'globs: nope\n', Dockerfile: 'FROM node:20.9.0\n' });
    const { inventory } = await scanRepository(octokit(), REPO);
    expect(inventory.files.map((f) => f.path)).toEqual(['Dockerfile']);
    expect(inventory.notes).toHaveLength(1);
    expect(inventory.notes[0]).toMatch(/^\.github\/plimsoll\.yml:1: .*globs.*: the repository config is invalid, so the default globs were used$/);
  });
});
