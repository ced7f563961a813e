import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/dockerfile/model.js';
import { fromImage, imageFromText, imageName, stageAlias } from '../../../src/dockerfile/facts/images.js';

describe('fromImage reads FROM words as language-docker does', () => {
  it.each([
    ['ubuntu:18.04', null, 'ubuntu'],
    ['zemanlx/ubuntu:18.04', null, 'zemanlx/ubuntu'],
    ['docker.io/zemanlx/ubuntu:18.04', 'docker.io', 'zemanlx/ubuntu'],
    ['my-company.com:5000/team/app@sha256:abc', 'my-company.com:5000', 'team/app'],
    ['localhost:5000/app', null, 'localhost'],
    ['${REGISTRY}/app:1', null, '${REGISTRY}/app'],
    ['builder1', null, 'builder1'],
  ])('%s', (word, registry, name) => {
    expect(fromImage(word)).toEqual({ registry, name });
  });
});

describe('imageFromText reads --from values as language-docker does', () => {
  it.each([
    ['untrusted.com/repo/image:tag', 'untrusted.com', 'repo/image:tag'],
    ['build', null, 'build'],
    ['nginx:1.25', null, 'nginx:1.25'],
    ['acme/app:1', null, 'acme/app:1'],
  ])('%s', (text, registry, name) => {
    expect(imageFromText(text)).toEqual({ registry, name });
  });
});

describe('FROM facts', () => {
  it('imageName and stageAlias (case kept)', () => {
    const [a, b] = parseDockerfile('Dockerfile', 'FROM docker.io/library/node:20 as Build\nFROM Build').instructions;
    expect(imageName(a!)).toBe('library/node');
    expect(stageAlias(a!)).toBe('Build');
    expect(imageName(b!)).toBe('Build');
    expect(stageAlias(b!)).toBeNull();
  });
});
