import { describe, expect, it } from 'vitest';
import { containerDefinitionMatcher } from '../../src/files/globs.js';

describe('containerDefinitionMatcher: the SPEC §1 globs', () => {
  const isDefinition = containerDefinitionMatcher();
  it.each([
    ['Dockerfile', true],
    ['services/api/Dockerfile', true],
    ['Dockerfile.prod', true],
    ['deploy/Dockerfile.alpine', true],
    ['web.Dockerfile', true],
    ['build/app.dockerfile', true],
    ['Containerfile', true],
    ['toolbox/Containerfile.fedora', true],
    ['.devcontainer/Dockerfile', true],
    ['.github/docker/Dockerfile', true],
    // Not container definitions.
    ['Dockerfile.dockerignore', false],
    ['web.Dockerfile.dockerignore', false],
    ['dockerfile', false],
    ['Dockerfiles/readme.md', false],
    ['MyDockerfile', false],
    ['docker-compose.yml', false],
    ['.dockerignore', false],
  ])('%s -> %s', (path, expected) => {
    expect(isDefinition(path)).toBe(expected);
  });

  it('uses the globs a repository configures instead', () => {
    const custom = containerDefinitionMatcher(['docker/*.df']);
    expect(custom('docker/app.df')).toBe(true);
    expect(custom('Dockerfile')).toBe(false);
  });
});
