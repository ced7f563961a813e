import { describe, expect, it } from 'vitest';
import { extractManifest } from '../../src/manifests/extract.js';
import type { ManifestKind } from '../../src/files/kinds.js';

/**
 * Files from any pull request: each hostile one gets one clear problem naming the file (or is read
 * as far as it is sound), and extraction returns. Nothing here is timed; a hang fails by timeout.
 */

const deployment = (name: string, image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: ${image}\n`;

/** Alias bombs: each level names the one before ten times; expanded, level 30 would be 10^30 nodes. */
function laughs(levels: number, head: string, first: string): string {
  let text = head + first;
  for (let i = 1; i < levels; i++) text += `x${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  return text;
}

describe('hostile input', () => {
  it('an alias bomb in a manifest: one row at the anchor, no expansion', () => {
    const text = laughs(30, 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - &a0 {name: a, image: "nginx:1.25.3"}\n', '') + 'list:\n  containers: *a29\n';
    const extraction = extractManifest('kubernetes', 'lol.yaml', text);
    expect(extraction.problems).toEqual([]);
    expect(extraction.images.map((i) => [i.line, i.expanded])).toEqual([[5, 'nginx:1.25.3']]);
  });

  it('an alias bomb through compose merge keys', () => {
    let text = 'x-a0: &a0 {image: "redis:7.2.4"}\n';
    for (let i = 1; i < 40; i++) text += `x-a${i}: &a${i}\n  <<: [${Array(5).fill(`*a${i - 1}`).join(', ')}]\n`;
    text += 'services:\n  web:\n    <<: *a39\n';
    const extraction = extractManifest('compose', 'compose.yaml', text);
    expect(extraction.images.map((i) => [i.line, i.expanded])).toEqual([[1, 'redis:7.2.4']]);
  });

  it('a mapping that merges itself ends', () => {
    const text = 'services:\n  a: &a\n    <<: *a\n    image: nginx:1\n  b:\n    <<: *a\n';
    const extraction = extractManifest('compose', 'compose.yaml', text);
    expect(extraction.images.map((i) => [i.line, i.expanded])).toEqual([[4, 'nginx:1']]);
  });

  it('a 5 MB manifest bundle is read whole', { timeout: 120_000 }, () => {
    const deployments = Array.from({ length: 200 }, (_, i) => deployment(`app${i}`, `ghcr.io/acme/app${i}:1.0.${i}`)).join('---\n');
    const config = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: blob}\ndata:\n  blob: |\n${'    lorem ipsum dolor sit amet, consectetur adipiscing elit\n'.repeat(90_000)}`;
    const text = `${deployments}---\n${config}---\n${deployment('last', 'nginx:1.25.3')}`;
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
    const extraction = extractManifest('kubernetes', 'bundle.yaml', text);
    expect(extraction.problems).toEqual([]);
    expect(extraction.images).toHaveLength(201);
    expect(extraction.images.at(-1)!.expanded).toBe('nginx:1.25.3');
  });

  it('a file over the limit is refused with its size', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "${'x'.repeat(9 * 1024 * 1024)}"\n`;
    const extraction = extractManifest('kubernetes', 'huge.yaml', text);
    expect(extraction.images).toEqual([]);
    expect(extraction.problems).toEqual([{ file: 'huge.yaml', line: 1, column: 1, message: 'is too large to read (9.0 MB; the limit is 8 MB)' }]);
  });

  it.each<[ManifestKind, string, string]>([
    ['compose', 'compose.yaml', 'services:\n  web:\n    image: nginx:1\n    image: nginx:2\n'],
    ['workflow', '.github/workflows/ci.yml', 'jobs:\n  t:\n    container: a:1\n  t:\n    container: b:1\n'],
  ])('duplicate keys in a %s: one problem with the line, nothing read from that document', (kind, path, text) => {
    const extraction = extractManifest(kind, path, text);
    expect(extraction.images).toEqual([]);
    expect(extraction.problems).toHaveLength(1);
    expect(extraction.problems[0]!.message).toMatch(/^not valid YAML: the key "(image|t)" is written twice in one mapping$/);
    expect(extraction.problems[0]!.line).toBe(4);
  });

  it.each<[ManifestKind, string]>([
    ['compose', 'compose.yaml'],
    ['kubernetes', 'k8s/app.yaml'],
    ['workflow', '.github/workflows/ci.yml'],
    ['devcontainer', '.devcontainer/devcontainer.json'],
  ])('a binary %s', (kind, path) => {
    const text = '\u007fELF\u0002\u0001\u0001\u0000\u0000services:\u0000\u00ff';
    expect(extractManifest(kind, path, text)).toEqual({
      path,
      kind,
      images: [],
      problems: [{ file: path, line: 1, column: 1, message: 'is a binary file (it contains NUL bytes), not text' }],
      skipped: null,
    });
  });

  it.each<[string, ManifestKind, string]>([
    ['flow sequences', 'kubernetes', `apiVersion: v1\nkind: Pod\nspec: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
    ['flow mappings', 'compose', `services: ${'{a: '.repeat(50_000)}${'}'.repeat(50_000)}\n`],
    ['compact block sequences', 'workflow', `jobs:\n  t:\n    steps:\n${'- '.repeat(10_000)}x\n`],
    ['JSON arrays', 'devcontainer', `{"image": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
  ])('nesting %s 10,000+ deep: refused before the parser recurses', (_name, kind, text) => {
    const extraction = extractManifest(kind, 'deep', text);
    expect(extraction.images).toEqual([]);
    expect(extraction.problems).toHaveLength(1);
    expect(extraction.problems[0]!.message).toBe('it nests more than 256 levels deep, deeper than any real file; not read');
  });

  it('control characters and bidi overrides in a value: kept as text, not a reference', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: "nginx:1.25.3\\u202e"\n    - image: "ngi\\u001bnx:1"\n';
    const extraction = extractManifest('kubernetes', 'pod.yaml', text);
    expect(extraction.images.map((i) => i.kind)).toEqual(['unresolved', 'unresolved']);
    expect(extraction.images[0]!.cause).toBe('"nginx:1.25.3\u202e" is not a valid image reference');
  });

  it('keys that are not strings, a document that is a bare scalar, tags of other tools', () => {
    const text = 'apiVersion: v1\nkind: Pod\n? [a, b]\n: c\n1: 2\nspec: !custom\n  containers: [{image: "redis:7.2.4"}]\n---\njust text\n---\n!!binary aGVsbG8=\n';
    const extraction = extractManifest('kubernetes', 'odd.yaml', text);
    expect(extraction.problems).toEqual([]);
    expect(extraction.images.map((i) => i.expanded)).toEqual(['redis:7.2.4']);
  });

  it('a YAML error is one warning naming the file, with the first problem and a count', () => {
    const extraction = extractManifest('compose', 'compose.yaml', 'services:\n  web:\n    image: [nginx\n  db: {\n');
    expect(extraction.problems).toHaveLength(1);
    expect(extraction.problems[0]).toMatchObject({ file: 'compose.yaml', line: 4 });
    expect(extraction.problems[0]!.message).toMatch(/^not valid YAML: /);
  });
});
