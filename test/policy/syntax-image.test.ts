import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import { lintText } from '../../src/lint/lint.js';
import { scanContainerDefinition } from '../../src/inventory/scan.js';
import { PL1001 } from '../../src/rules/PL1001.js';
import { PL1002 } from '../../src/rules/PL1002.js';
import { PL1003 } from '../../src/rules/PL1003.js';
import { PL1004 } from '../../src/rules/PL1004.js';
import { PL1005 } from '../../src/rules/PL1005.js';
import { PL1006 } from '../../src/rules/PL1006.js';
import { PL1007 } from '../../src/rules/PL1007.js';
import { PL1008 } from '../../src/rules/PL1008.js';
import { contextOf } from './fixtures.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

/** The `# syntax=` frontend: BuildKit pulls and runs it, so the policy governs it like a FROM. */
describe('the # syntax= frontend image', () => {
  it('is an image reference with source syntax, in no stage, placed on its value', () => {
    const dockerfile = parseDockerfile('Dockerfile', `# syntax = docker/dockerfile:1.7@${A}\n# escape=\\\nFROM alpine:3.19\n`);
    const [syntax, from] = dockerfile.images;
    expect(syntax).toEqual(expect.objectContaining({
      source: 'syntax', stage: -1, stageName: null, line: 1, column: 12, raw: `docker/dockerfile:1.7@${A}`, kind: 'image',
    }));
    expect(syntax!.ref).toEqual(expect.objectContaining({ name: 'docker.io/docker/dockerfile', tag: '1.7', digest: A }));
    expect(dockerfile.text.slice(syntax!.span.start, syntax!.span.end)).toBe(`docker/dockerfile:1.7@${A}`);
    expect(from!.source).toBe('from');
  });

  it('counts only as a directive: first lines, before anything else', () => {
    expect(parseDockerfile('D', 'FROM alpine:3.19\n# syntax=docker/dockerfile:1\n').images.map((i) => i.source)).toEqual(['from']);
    expect(parseDockerfile('D', '\n# syntax=docker/dockerfile:1\nFROM x:1\n').images.map((i) => i.source)).toEqual(['from']);
    expect(parseDockerfile('D', '\uFEFF#syntax=docker/dockerfile:1\r\nFROM x:1\r\n').images[0]).toEqual(expect.objectContaining({ source: 'syntax', column: 9 }));
  });

  it('a value that is no image reference is unresolved (PL1006 says so)', () => {
    const dockerfile = parseDockerfile('D', '# syntax=Not A Ref\nFROM alpine:3.19\n');
    expect(dockerfile.images[0]).toEqual(expect.objectContaining({ source: 'syntax', kind: 'unresolved', ref: null }));
    const policy = contextOf('version: 1\n', null);
    expect(lintText('D', '# syntax=Bad$Ref\nFROM scratch\n', { rules: [PL1006], policy }).findings.map((f) => f.message)).toEqual([
      '# syntax=Bad$Ref cannot be resolved to an image: it expands to "Bad$Ref", which is not a valid image reference — fix the ARG default or the reference',
    ]);
  });

  it('is listed by the inventory, so the fan-out bumps it', () => {
    expect(scanContainerDefinition('Dockerfile', '# syntax=docker/dockerfile:1.7\nFROM scratch\n').images).toEqual([
      { line: 1, name: 'docker.io/docker/dockerfile', familiar: 'docker/dockerfile', tag: '1.7', digest: null, fromArg: null },
    ]);
  });

  const policy = contextOf(`version: 1
trusted-registries: [docker.io]
images:
  - name: docker/dockerfile
    versions: [1.7.1, 1.9.0]
    update: minor
    digests: { 1.9.0: "${A}" }
  - name: alpine
    versions: [3.19.1]
banned:
  - name: docker/dockerfile
    versions: ">=1.3.0 <1.5.0"
    reason: CVE-2024-0000
`, null);
  const codes = (text: string) =>
    lintText('Dockerfile', `${text}\nFROM alpine:3.19.1\n`, { rules: [PL1001, PL1002, PL1003, PL1004, PL1005, PL1007], policy }).findings.map((f) => `${f.line} ${f.code}`);

  it.each([
    ['whitelisted and current', '# syntax=docker/dockerfile:1.9.0', []],
    ['not on the whitelist (PL1001)', '# syntax=docker/dockerfile:1.8.0', ['1 PL1001']],
    ['another frontend (PL1001)', '# syntax=acme/frontend:1', ['1 PL1001']],
    ['banned (PL1002)', '# syntax=docker/dockerfile:1.4.0', ['1 PL1002']],
    ['a newer allowed version in scope (PL1003)', '# syntax=docker/dockerfile:1.7.1', ['1 PL1003']],
    ['not the pinned digest (PL1005)', `# syntax=docker/dockerfile:1.9.0@${B}`, ['1 PL1005']],
    ['from an untrusted registry (PL1001, PL1007)', '# syntax=ghcr.io/acme/dockerfile:1', ['1 PL1001', '1 PL1007']],
    ['a floating major (PL1001, PL1004), like any FROM', '# syntax=docker/dockerfile:1', ['1 PL1001', '1 PL1004']],
  ])('%s', (_name, directive, expected) => {
    expect(codes(directive)).toEqual(expected);
  });

  it('under require-digest it needs a digest (PL1008), as the deploy check asks', () => {
    const strict = contextOf('version: 1\nrequire-digest: true\n', null);
    const findings = lintText('D', `# syntax=docker/dockerfile:1\nFROM alpine:3.19@${A}\n`, { rules: [PL1008], policy: strict }).findings;
    expect(findings.map((f) => `${f.line} ${f.code}`)).toEqual(['1 PL1008']);
  });

  it('one policy entry allows the documented frontend, as the README shows', () => {
    const readme = contextOf('version: 1\nimages:\n  - name: docker/dockerfile\n    tags: ["1"]\n  - name: alpine\n', null);
    expect(lintText('D', '# syntax=docker/dockerfile:1\nFROM alpine:3.19\n', { rules: [PL1001, PL1004], policy: readme }).findings).toEqual([]);
  });
});
