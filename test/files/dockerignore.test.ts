import { describe, expect, it } from 'vitest';
import { cleanPath, IgnoreMatcher, readDockerignore } from '../../src/files/dockerignore.js';

describe('.dockerignore as BuildKit reads it (moby/patternmatcher)', () => {
  it('reads patterns: comments, blanks, leading slashes, cleaning, exceptions, a BOM', () => {
    expect(readDockerignore('\uFEFF# c\n\n /dist/ \n!  keep/../keep.txt\nnode_modules//x\n  # not a comment\n')).toEqual(['dist', '!keep.txt', 'node_modules/x', '# not a comment']);
  });

  it.each([
    ['.', '.'], ['a//b/./c/..', 'a/b'], ['/a/../..', '/'], ['../a', '../a'], ['', '.'],
  ])('cleanPath(%j) = %j', (path, want) => expect(cleanPath(path)).toBe(want));

  it.each([
    [['Dockerfile'], 'Dockerfile', true],
    [['node_modules'], 'node_modules/a/b.js', true],
    [['*.md'], 'README.md', true],
    [['*.md'], 'docs/README.md', false],
    [['**/*.md'], 'docs/README.md', true],
    [['**/*.md'], 'README.md', true],
    [['build/**'], 'build/out/x', true],
    [['a?c'], 'abc', true],
    [['a?c'], 'a/c', false],
    [['[ab].txt'], 'b.txt', true],
    [['dir/*'], 'dir', false],
    [['**'], 'anything/at/all', true],
    [['.*'], '.env', true],
    [['.*'], 'env', false],
  ] as const)('%j matches %s: %s', (patterns, path, want) => {
    expect(new IgnoreMatcher(patterns).matchesOrParentMatches(path)).toBe(want);
  });

  it('knows exceptions and patterns that exclude the whole root', () => {
    expect(new IgnoreMatcher(['**', '!Dockerfile']).exclusions).toBe(true);
    expect(new IgnoreMatcher(['*']).excludesRoot).toBe(true);
    expect(new IgnoreMatcher(['.*']).excludesRoot).toBe(false);
  });

  it('a broken pattern matches nothing instead of throwing', () => {
    expect(new IgnoreMatcher(['[']).matchesOrParentMatches('[')).toBe(false);
  });
});
