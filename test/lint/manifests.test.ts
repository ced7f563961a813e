import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/rules/settings.js';
import { extractManifest } from '../../src/manifests/extract.js';
import type { ManifestKind } from '../../src/files/kinds.js';
import { checkManifest, imageRules, lintManifestImages } from '../../src/lint/manifests.js';
import { allRules } from '../../src/rules/index.js';
import { contextOf } from '../policy/fixtures.js';

/** PL1001–PL1007 on the images of these files, at the image value's line and column (SPEC §11). */

const POLICY = `version: 1
trusted-registries: [docker.io, ghcr.io/acme]
own-images: [ghcr.io/acme/*]
images:
  - name: node
    versions: [20.11.1, 20.10.0, 18.19.1]
    variants: [alpine, ""]
  - name: postgres
    versions: [16.1]
banned:
  - name: node
    versions: "<18.19.1"
    reason: CVE-2024-27983
exceptions:
  - repo: acme/legacy
    image: redis:5
    codes: [PL1001]
    reason: being replaced
`;
const policy = contextOf(POLICY, 'acme/app');

function lint(kind: ManifestKind, path: string, text: string, repo = policy) {
  const { images } = extractManifest(kind, path, text);
  return lintManifestImages(images, { policy: repo, settings: defaultSettings() }).map((f) => `${f.file}:${f.line}:${f.column} ${f.code} ${f.level}`);
}

describe('lintManifestImages', () => {
  it.each<[string, ManifestKind, string, string, string[]]>([
    ['compose: not listed, a floating tag, an outdated version', 'compose', 'compose.yaml',
      'services:\n  cache:\n    image: redis:latest\n  web:\n    image: "node:20.10.0-alpine"\n',
      ['compose.yaml:3:12 PL1001 error', 'compose.yaml:3:12 PL1004 warning', 'compose.yaml:5:12 PL1003 warning']],
    ['compose: a banned version from a default', 'compose', 'compose.yaml',
      'services:\n  web:\n    image: node:${NODE:-16.20.2}\n',
      ['compose.yaml:3:12 PL1002 error']],
    ['compose: unresolved', 'compose', 'compose.yaml', 'services:\n  db:\n    image: postgres:${PG}\n', ['compose.yaml:3:12 PL1006 error']],
    ['kubernetes: untrusted registry', 'kubernetes', 'k8s/app.yaml',
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: quay.io/acme/app:1.0.0\n',
      ['k8s/app.yaml:6:14 PL1001 error', 'k8s/app.yaml:6:14 PL1007 error']],
    ['kubernetes: own images are exempt from the whitelist, not from PL1004', 'kubernetes', 'k8s/app.yaml',
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: ghcr.io/acme/app:2.0.0\n    - image: ghcr.io/acme/app:main\n',
      ['k8s/app.yaml:6:14 PL1004 warning']],
    ['workflow: container and docker:// step', 'workflow', '.github/workflows/ci.yml',
      'jobs:\n  t:\n    container: node:18.19.1\n    steps:\n      - uses: docker://postgres:15.5\n',
      ['.github/workflows/ci.yml:5:15 PL1001 error']],
    ['workflow: an expression is PL1006', 'workflow', '.github/workflows/ci.yml',
      'jobs:\n  t:\n    container: ${{ matrix.image }}\n',
      ['.github/workflows/ci.yml:3:16 PL1006 error']],
    ['devcontainer: not listed, not trusted', 'devcontainer', '.devcontainer/devcontainer.json',
      '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm"\n}\n',
      ['.devcontainer/devcontainer.json:2:12 PL1001 error', '.devcontainer/devcontainer.json:2:12 PL1007 error']],
  ])('%s', (_name, kind, path, text, expected) => {
    expect(lint(kind, path, text)).toEqual(expected);
  });

  it('messages name the image and what to do, and PL1006 says why it is unresolved', () => {
    const { images } = extractManifest('compose', 'compose.yaml', 'services:\n  a:\n    image: node:20.10.0\n  b:\n    image: postgres:${PG}\n');
    const findings = lintManifestImages(images, { policy, settings: defaultSettings() });
    expect(findings.map((f) => [f.code, f.message])).toEqual([
      ['PL1003', 'node 20.10.0 is outdated: 20.11.1 is allowed within minor updates — use node:20.11.1'],
      ['PL1006', 'image postgres:${PG} cannot be resolved to an image: PG is set neither in .env nor by a default — write ${PG:-<image or version>}, or set PG in .env'],
    ]);
    expect(findings[0]).toMatchObject({ endLine: 3, endColumn: 24 });
  });

  it('applies standing exceptions of the repository, and the policy\'s levels', () => {
    const legacy = contextOf(POLICY, 'acme/legacy');
    expect(lint('compose', 'compose.yaml', 'services:\n  a:\n    image: redis:5\n', legacy)).toEqual([]);
    const { images } = extractManifest('compose', 'compose.yaml', 'services:\n  a:\n    image: redis:latest\n');
    const settings = { ...defaultSettings(), levels: { PL1004: 'error' as const, PL1001: 'off' as const } };
    expect(lintManifestImages(images, { policy, settings }).map((f) => `${f.code} ${f.level}`)).toEqual(['PL1004 error']);
  });

  it('reports each image in the file it is written in (a dev container\'s compose file)', () => {
    const related = new Map([['compose.yml', 'services:\n  dev:\n    image: node:20.10.0\n']]);
    const { images } = extractManifest('devcontainer', '.devcontainer/devcontainer.json', '{"dockerComposeFile": "../compose.yml", "image": "node:20.11.1"}', related);
    expect(lintManifestImages(images, { policy, settings: defaultSettings() }).map((f) => `${f.file}:${f.line} ${f.code}`)).toEqual(['compose.yml:3 PL1003']);
  });

  it('reports nothing without a policy, and runs only the PL1xxx rules', () => {
    const { images } = extractManifest('compose', 'compose.yaml', 'services:\n  a:\n    image: redis\n');
    expect(lintManifestImages(images, { settings: defaultSettings() })).toEqual([]);
    expect(imageRules(allRules).map((rule) => rule.code)).toEqual(allRules.map((r) => r.code).filter((code) => /^PL1/.test(code)));
    expect(imageRules(allRules).length).toBeGreaterThanOrEqual(7);
  });
});

describe('checkManifest', () => {
  it('extracts and lints one file in one call', () => {
    const checked = checkManifest('workflow', '.github/workflows/ci.yml', 'jobs:\n  t:\n    container: redis:latest\n', new Map(), { policy, settings: defaultSettings() });
    expect(checked.extraction.images.map((i) => i.expanded)).toEqual(['redis:latest']);
    expect(checked.findings.map((f) => `${f.line}:${f.column} ${f.code}`)).toEqual(['3:16 PL1001', '3:16 PL1004']);
  });
});
