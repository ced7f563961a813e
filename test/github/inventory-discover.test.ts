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

/** acme/web with blob sizes, answering every GraphQL read as GitHub does (texts cut at 512,000 bytes) and blob reads. */
function sizedRepository(texts: Record<string, string>): { requested: string[][]; blobReads: string[] } {
  const tree = Object.entries(texts).map(([path, text]) => ({ path, type: 'blob', sha: `sha:${path}`, size: Buffer.byteLength(text) }));
  const requested: string[][] = [];
  const blobReads: string[] = [];
  const scope = checkedScope();
  scope.get('/repos/acme/web/git/trees/main?recursive=1').reply(200, { sha: 't', truncated: false, tree });
  scope
    .post('/graphql')
    .times(20)
    .optionally()
    .reply(200, (_uri: string, body: { variables: Record<string, string> }) => {
      const oids = Object.entries(body.variables).filter(([key]) => /^o\d+$/.test(key));
      requested.push(oids.map(([, oid]) => oid.slice('sha:'.length)));
      const blob = (path: string) => ({ text: texts[path]!.slice(0, 512_000), isBinary: false, isTruncated: texts[path]!.length > 512_000 });
      return { data: { repository: Object.fromEntries(oids.map(([key, oid]) => [`b${key.slice(1)}`, blob(oid.slice(4))])) } };
    });
  scope
    .get(/\/repos\/acme\/web\/git\/blobs\/.*/)
    .times(5)
    .optionally()
    .reply(200, (uri: string) => {
      const path = decodeURIComponent(uri.slice(uri.indexOf('/blobs/') + '/blobs/'.length)).slice('sha:'.length);
      blobReads.push(path);
      return { sha: `sha:${path}`, size: texts[path]!.length, encoding: 'base64', content: Buffer.from(texts[path]!).toString('base64') };
    });
  return { requested, blobReads };
}

describe('scanRepository: compose files, manifests, workflows and dev containers (SPEC §11)', () => {
  const POD = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: "${image}"}]\n`;

  it('reads them with the Dockerfiles and the .env beside each compose file; Helm templates and other YAML are nothing', async () => {
    const { requested } = sizedRepository({
      Dockerfile: 'FROM node:20.9.0\n',
      'compose.yaml': 'services:\n  db:\n    image: postgres:${PG:-16.1}\n',
      '.env': 'PG=16.2\n',
      'k8s/pod.yaml': POD('nginx:1.25.3'),
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\n',
      'charts/web/templates/pod.yaml': POD('{{ .Values.image }}'),
      '.github/workflows/ci.yml': 'jobs:\n  t:\n    container: node:20.9.0\n',
      '.devcontainer/devcontainer.json': '{"dockerComposeFile": "stack.yml"}',
      '.devcontainer/stack.yml': 'services:\n  dev:\n    image: node:${NODE}\n',
      '.devcontainer/.env': 'NODE=20.9.0\n',
      'mkdocs.yml': 'site_name: x\n',
      'README.md': '# web\n',
    });
    const { inventory, reads } = await scanRepository(octokit(), REPO);
    // One read for everything the path tells; one more for the .env of the compose file only the dev container's text names.
    expect(requested).toEqual([
      ['Dockerfile', 'compose.yaml', 'k8s/pod.yaml', 'charts/web/Chart.yaml', '.github/workflows/ci.yml', '.devcontainer/devcontainer.json', '.devcontainer/stack.yml', 'mkdocs.yml', '.env'],
      ['.devcontainer/.env'],
    ]);
    expect(reads).toBe(3);
    expect(inventory.files.map((f) => [f.path, f.related ?? null, f.images.map((u) => `${u.source ?? 'from'} ${u.familiar}:${u.tag} line ${u.line}`)])).toEqual([
      ['Dockerfile', null, ['from node:20.9.0 line 1']],
      ['compose.yaml', ['.env'], ['compose postgres:16.2 line 3']],
      ['k8s/pod.yaml', null, ['kubernetes nginx:1.25.3 line 5']],
      ['.github/workflows/ci.yml', null, ['workflow node:20.9.0 line 3']],
      ['.devcontainer/stack.yml', ['.devcontainer/.env'], ['compose node:20.9.0 line 3']],
    ]);
    expect(inventory.notes).toEqual([]);
  });

  it('follows the config’s kinds; a file that does not parse is a note', async () => {
    const { requested } = sizedRepository({
      '.github/plimsoll.yml': 'kinds:\n  compose:\n    globs: ["stacks/*.yml"]\n  workflow:\n    enabled: false\n',
      'stacks/web.yml': 'services:\n  web:\n    image: nginx:1.25.3\n    image: nginx:1.25.4\n',
      'stacks/db.yml': 'services:\n  db:\n    image: postgres:16.1\n',
      '.github/workflows/ci.yml': 'jobs:\n  t:\n    container: node:20.9.0\n',
    });
    const { inventory } = await scanRepository(octokit(), REPO);
    expect(requested).toEqual([['.github/plimsoll.yml', 'stacks/web.yml', 'stacks/db.yml', '.github/workflows/ci.yml']]);
    expect(inventory.files.map((f) => [f.path, f.images.map((u) => u.source)])).toEqual([['stacks/db.yml', ['compose']]]);
    expect(inventory.notes).toEqual(['stacks/web.yml:4: not valid YAML: the key "image" is written twice in one mapping']);
  });

  it('reads at most 100 files or 4 MB of text per request, and a text over 512 KB as a blob; a file over 8 MB is not read', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) files[`k8s/app-${String(i).padStart(3, '0')}.yaml`] = POD(`nginx:1.25.${i}`);
    files['k8s/bundle.yaml'] = `${POD('redis:7.2.4')}---\napiVersion: v1\nkind: ConfigMap\ndata:\n  a: "${'x'.repeat(700_000)}"\n`;
    files['pnpm-lock.yaml'] = `lockfileVersion: '9.0'\n# ${'x'.repeat(9 * 1024 * 1024)}\n`;
    const { requested, blobReads } = sizedRepository(files);
    const { inventory, reads } = await scanRepository(octokit(), REPO);
    expect(requested.map((batch) => batch.length)).toEqual([100, 51]);
    expect(blobReads).toEqual(['k8s/bundle.yaml']);
    expect(reads).toBe(1 + 2 + 1);
    expect(inventory.files).toHaveLength(151);
    expect(inventory.files.find((f) => f.path === 'k8s/bundle.yaml')!.images.map((u) => u.familiar)).toEqual(['redis']);
    // Any YAML is a Kubernetes candidate: a lock file too large to read is no news.
    expect(inventory.notes).toEqual([]);
  });
});
