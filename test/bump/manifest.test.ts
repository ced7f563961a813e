import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/bump/apply.js';
import { planManifestBumps } from '../../src/bump/manifest.js';
import { extractManifest, relatedPaths } from '../../src/manifests/extract.js';
import type { ManifestKind } from '../../src/manifests/kinds.js';
import { policyOf } from '../policy/fixtures.js';

/** Bumps in compose files, manifests, workflows and dev containers: the version token only (SPEC §11). */

const DIGEST_A = `sha256:${'a'.repeat(64)}`;
const DIGEST_B = `sha256:${'b'.repeat(64)}`;
const policy = policyOf(`version: 1
images:
  - name: node
    versions: [20.11.1, 18.19.1]
    variants: [alpine3.19, ""]
  - name: postgres
    versions: [16.2, 15.6]
    update: major
  - name: redis
    versions: [7.2.4]
    digests: { 7.2.4-alpine: "${DIGEST_B}" }
  - name: ghcr.io/acme/tool
    versions: [1.4.0]
banned:
  - name: node
    versions: "<18.19.1"
    reason: CVE-2024-27983
`);

/** Extract, plan and apply over a small tree of files; the tree after the edits, and what was refused. */
function bump(kind: ManifestKind, path: string, files: Record<string, string>) {
  const text = files[path]!;
  const related = new Map(relatedPaths(kind, path, text).filter((p) => p in files).map((p) => [p, files[p]!]));
  const { images } = extractManifest(kind, path, text, related);
  const texts = new Map([[path, text], ...related]);
  const plan = planManifestBumps(policy, images, texts);
  const after: Record<string, string> = { ...files };
  for (const file of new Set(plan.edits.map((e) => e.file))) after[file] = applyEdits(files[file]!, plan.edits.filter((e) => e.file === file));
  return { after, plan };
}

describe('planManifestBumps', () => {
  it.each<[string, ManifestKind, string, string, string]>([
    ['compose: plain, quotes and comment kept', 'compose', 'compose.yaml',
      'services:\n  web:\n    image: "node:18.19.0-alpine3.19"   # app\n',
      'services:\n  web:\n    image: "node:18.19.1-alpine3.19"   # app\n'],
    ['compose: single quotes', 'compose', 'compose.yaml',
      "services:\n  db:\n    image: 'postgres:15.5'\n",
      "services:\n  db:\n    image: 'postgres:16.2'\n"],
    ['compose: the default inside ${VAR:-default}', 'compose', 'compose.yaml',
      'services:\n  web:\n    image: node:${NODE:-20.9.0}\n',
      'services:\n  web:\n    image: node:${NODE:-20.11.1}\n'],
    ['kubernetes: flow style and a registry spelling kept', 'kubernetes', 'k8s/app.yaml',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, image: "docker.io/library/postgres:15.5"}]}\n',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, image: "docker.io/library/postgres:16.2"}]}\n'],
    ['kubernetes: digest replaced with the policy\'s', 'kubernetes', 'k8s/app.yaml',
      `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: redis:7.2.3-alpine@${DIGEST_A}\n`,
      `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: redis:7.2.4-alpine@${DIGEST_B}\n`],
    ['workflow: container and docker:// step', 'workflow', '.github/workflows/ci.yml',
      'jobs:\n  t:\n    container: node:18.19.0\n    steps:\n      - uses: docker://ghcr.io/acme/tool:1.3.9\n',
      'jobs:\n  t:\n    container: node:18.19.1\n    steps:\n      - uses: docker://ghcr.io/acme/tool:1.4.0\n'],
    ['devcontainer: comments and trailing commas kept', 'devcontainer', '.devcontainer/devcontainer.json',
      '{\n  // base\n  "image": "node:20.10.0-alpine3.19",\n}\n',
      '{\n  // base\n  "image": "node:20.11.1-alpine3.19",\n}\n'],
    ['CRLF and BOM kept', 'compose', 'compose.yaml',
      '\uFEFFservices:\r\n  db:\r\n    image: postgres:15.5\r\n',
      '\uFEFFservices:\r\n  db:\r\n    image: postgres:16.2\r\n'],
    ['a BOM before a value on the first line', 'kubernetes', 'pod.yaml',
      '\uFEFF{apiVersion: v1, kind: Pod, spec: {containers: [{image: postgres:15.5}]}}\n',
      '\uFEFF{apiVersion: v1, kind: Pod, spec: {containers: [{image: postgres:16.2}]}}\n'],
  ])('%s', (_name, kind, path, before, expected) => {
    const { after, plan } = bump(kind, path, { [path]: before });
    expect(plan.unfixable).toEqual([]);
    expect(after[path]).toBe(expected);
  });

  it('edits the .env line a compose variable takes its value from, and says which', () => {
    const files = { 'compose.yaml': 'services:\n  web:\n    image: "node:${NODE_TAG:-18.19.1}-alpine3.19"\n', '.env': '# pins\nNODE_TAG=18.19.0 # keep\n' };
    const { after, plan } = bump('compose', 'compose.yaml', files);
    expect(after['.env']).toBe('# pins\nNODE_TAG=18.19.1 # keep\n');
    expect(after['compose.yaml']).toBe(files['compose.yaml']);
    expect(plan.edits).toMatchObject([
      { file: '.env', line: 2, from: '18.19.0', to: '18.19.1', image: 'node', arg: 'NODE_TAG', kind: 'banned', policyReason: 'CVE-2024-27983', uses: [{ line: 3, fromRef: 'node:18.19.0-alpine3.19', toRef: 'node:18.19.1-alpine3.19' }] },
    ]);
  });

  it('edits a .env value shared by two services when both move alike', () => {
    const files = { 'compose.yaml': 'services:\n  a:\n    image: postgres:${PG}\n  b:\n    image: postgres:${PG}-alpine\n', '.env': 'PG=15.5\n' };
    const { after, plan } = bump('compose', 'compose.yaml', files);
    expect(plan.unfixable).toEqual([]);
    expect(after['.env']).toBe('PG=16.2\n');
    expect(plan.edits[0]!.uses.map((u) => u.line)).toEqual([3, 5]);
  });

  it('leaves a .env value shared by two images alone when they move differently, and says why', () => {
    const files = { 'compose.yaml': 'services:\n  a:\n    image: postgres:${V}\n  b:\n    image: node:${V}\n', '.env': 'V=15.5\n' };
    const { after, plan } = bump('compose', 'compose.yaml', files);
    expect(after['.env']).toBe('V=15.5\n');
    expect(plan.edits).toEqual([]);
    expect(plan.unfixable.map((u) => [u.file, u.line, u.reason])).toEqual([
      ['.env', 1, 'V feeds compose.yaml:3, compose.yaml:5 (postgres → 16.2, node unchanged); a shared value is edited only when all of them are one image moving to one version, so edit it by hand'],
      ['compose.yaml', 5, 'banned by policy: CVE-2024-27983; no listed version of the same form at or beyond it to move to'],
    ]);
  });

  it('refuses what it cannot edit safely, each with a reason', () => {
    const files = {
      'compose.yaml': [
        'services:',
        '  a:',
        '    image: postgres:${PG}', // unresolved
        '  b:',
        '    image: "postgres:15\\u002e5"', // an escape in the version
        '  c:',
        '    image: ${PG_IMAGE:-postgres}:${PG_TAG:-15.5}@' + DIGEST_A, // version and digest apart
        '  d:',
        '    image: node:bookworm', // no version to move from; lint proposes one (PL1004), so the bump says why not
        '',
      ].join('\n'),
    };
    const { plan } = bump('compose', 'compose.yaml', files);
    expect(plan.edits).toEqual([]);
    expect(plan.unfixable.map((u) => [u.line, u.reason])).toEqual([
      [3, expect.stringContaining('cannot be resolved: PG is set neither in .env nor by a default')],
      [5, 'the value is written with escapes or across lines; edit it by hand'],
      [7, 'the version and the digest are written in different places; edit them together by hand'],
      [9, 'bookworm is a floating tag; a bump moves pinned versions only, so pin it by hand (use node:20.11.1)'],
    ]);
  });

  it('one row per place: an image both a dev container and its compose file name is edited once', () => {
    const files = {
      '.devcontainer/devcontainer.json': '{"dockerComposeFile": "../compose.yaml", "service": "dev"}',
      'compose.yaml': 'services:\n  dev:\n    image: postgres:15.5\n',
    };
    const fromDevcontainer = extractManifest('devcontainer', '.devcontainer/devcontainer.json', files['.devcontainer/devcontainer.json'], new Map([['compose.yaml', files['compose.yaml']]]));
    const fromCompose = extractManifest('compose', 'compose.yaml', files['compose.yaml']);
    const plan = planManifestBumps(policy, [...fromDevcontainer.images, ...fromCompose.images], new Map(Object.entries(files)));
    expect(plan.edits).toHaveLength(1);
    expect(applyEdits(files['compose.yaml'], plan.edits)).toBe('services:\n  dev:\n    image: postgres:16.2\n');
  });

  it('a second run plans nothing', () => {
    const { after } = bump('kubernetes', 'k8s/app.yaml', { 'k8s/app.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: postgres:15.5\n' });
    expect(bump('kubernetes', 'k8s/app.yaml', after).plan).toEqual({ edits: [], unfixable: [] });
  });
});
