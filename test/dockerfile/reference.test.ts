import { describe, expect, it } from 'vitest';
import { formatReference, normaliseImageName, parseImageReference } from '../../src/dockerfile/reference.js';

const digest = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference', () => {
  it.each([
    ['node', 'docker.io', 'library/node', null, null, 'node'],
    ['node:20.11.1-alpine', 'docker.io', 'library/node', '20.11.1-alpine', null, 'node'],
    ['library/node:20', 'docker.io', 'library/node', '20', null, 'node'],
    ['docker.io/library/node:20', 'docker.io', 'library/node', '20', null, 'node'],
    ['index.docker.io/library/node', 'docker.io', 'library/node', null, null, 'node'],
    ['acme/app:1', 'docker.io', 'acme/app', '1', null, 'acme/app'],
    ['ghcr.io/acme/app:1.2', 'ghcr.io', 'acme/app', '1.2', null, 'ghcr.io/acme/app'],
    ['localhost:5000/a/b:1', 'localhost:5000', 'a/b', '1', null, 'localhost:5000/a/b'],
    ['localhost/a', 'localhost', 'a', null, null, 'localhost/a'],
    ['Registry.Example.com:443/x/y', 'registry.example.com:443', 'x/y', null, null, 'registry.example.com:443/x/y'],
    [`node@${digest}`, 'docker.io', 'library/node', null, digest, 'node'],
    [`node:20@${digest}`, 'docker.io', 'library/node', '20', digest, 'node'],
    ['mcr.microsoft.com/windows/servercore:ltsc2022', 'mcr.microsoft.com', 'windows/servercore', 'ltsc2022', null, 'mcr.microsoft.com/windows/servercore'],
    ['gcr.io/distroless/static-debian12:nonroot', 'gcr.io', 'distroless/static-debian12', 'nonroot', null, 'gcr.io/distroless/static-debian12'],
  ])('%s', (raw, registry, repository, tag, dig, familiar) => {
    const ref = parseImageReference(raw)!;
    expect(ref).not.toBeNull();
    expect([ref.registry, ref.repository, ref.tag, ref.digest, ref.familiar]).toEqual([registry, repository, tag, dig, familiar]);
    expect(ref.name).toBe(`${registry}/${repository}`);
  });

  it.each(['', 'Node:20', 'node:${TAG}', '$IMAGE', 'a b', 'node:-bad', 'node@sha256:xyz', 'a//b', 'host:port/x'])(
    'rejects %j',
    (raw) => expect(parseImageReference(raw)).toBeNull(),
  );

  it('treats node, library/node, docker.io/library/node and index.docker.io/library/node as one image', () => {
    const names = ['node', 'library/node', 'docker.io/library/node', 'index.docker.io/library/node'].map(normaliseImageName);
    expect(new Set(names)).toEqual(new Set(['docker.io/library/node']));
  });

  it('formats back to the familiar form', () => {
    expect(formatReference(parseImageReference(`docker.io/library/node:20@${digest}`)!)).toBe(`node:20@${digest}`);
    expect(formatReference(parseImageReference('ghcr.io/acme/x:1')!)).toBe('ghcr.io/acme/x:1');
  });
});
