import { describe, expect, it } from 'vitest';
import { fileClassifier, isHelmTemplate, kindOfName } from '../../src/files/kinds.js';

describe('fileClassifier with the default globs (SPEC §1 and §11)', () => {
  const classify = fileClassifier();
  it.each([
    ['Dockerfile', 'dockerfile'],
    ['services/api/Dockerfile.dev', 'dockerfile'],
    ['.devcontainer/Dockerfile', 'dockerfile'],
    ['compose.yaml', 'compose'],
    ['compose.yml', 'compose'],
    ['compose.override.yaml', 'compose'],
    ['docker-compose.yml', 'compose'],
    ['deploy/docker-compose.prod.yaml', 'compose'],
    ['.github/workflows/ci.yml', 'workflow'],
    ['.github/workflows/compose.yml', 'workflow'],
    ['action.yml', 'workflow'],
    ['tools/lint/action.yaml', 'workflow'],
    ['.devcontainer/devcontainer.json', 'devcontainer'],
    ['.devcontainer.json', 'devcontainer'],
    ['.devcontainer/python/devcontainer.json', 'devcontainer'],
    ['k8s/deployment.yaml', 'kubernetes'],
    ['deploy/prod/app.yml', 'kubernetes'],
    ['.github/dependabot.yml', 'kubernetes'],
    ['README.md', null],
    ['package.json', null],
    ['.github/workflows/README.md', null],
    ['.github/workflows/nested/ci.yml', 'kubernetes'],
    ['services/api/.devcontainer/devcontainer.json', null],
    ['Dockerfile.dockerignore', null],
  ])('%s → %s', (path, kind) => {
    expect(classify(path)).toBe(kind);
  });
});

describe('fileClassifier with a repository config', () => {
  it('replaces a kind\'s globs, switches a kind off, and ignores paths', () => {
    const classify = fileClassifier({
      ignore: ['vendor/**'],
      kinds: {
        kubernetes: { globs: ['deploy/**/*.yaml'] },
        workflow: { enabled: false },
        compose: { globs: ['**/stack*.yml'] },
      },
    });
    expect(classify('deploy/prod/app.yaml')).toBe('kubernetes');
    expect(classify('config/settings.yaml')).toBeNull();
    expect(classify('.github/workflows/ci.yml')).toBeNull();
    expect(classify('stack.prod.yml')).toBe('compose');
    expect(classify('compose.yaml')).toBeNull();
    expect(classify('vendor/deploy/app.yaml')).toBeNull();
    expect(classify('.devcontainer.json')).toBe('devcontainer');
  });

  it('keeps the repository\'s Dockerfile globs first', () => {
    const classify = fileClassifier({ globs: ['**/*.containerfile.yaml'] });
    expect(classify('build/app.containerfile.yaml')).toBe('dockerfile');
    expect(classify('Dockerfile')).toBeNull();
  });
});

describe('kindOfName (a file named on the command line)', () => {
  it.each([
    ['compose.yaml', 'compose'],
    ['/tmp/x/docker-compose.ci.yml', 'compose'],
    ['../repo/.github/workflows/release.yaml', 'workflow'],
    ['my-action/action.yml', 'workflow'],
    ['.devcontainer/python/devcontainer.json', 'devcontainer'],
    ['somewhere/devcontainer.json', 'devcontainer'],
    ['foo.yaml', 'kubernetes'],
    ['k8s/app.YML', 'kubernetes'],
    ['Dockerfile', 'dockerfile'],
    ['base.df', 'dockerfile'],
    ['values.json', 'dockerfile'],
  ])('%s → %s', (path, kind) => {
    expect(kindOfName(path)).toBe(kind);
  });
});

describe('isHelmTemplate', () => {
  const tree = new Set(['charts/web/Chart.yaml', 'Chart.yaml', 'charts/web/charts/db/Chart.yaml']);
  const has = (path: string) => tree.has(path);
  it.each([
    ['charts/web/templates/deployment.yaml', true],
    ['charts/web/templates/tests/test-connection.yaml', true],
    ['templates/service.yaml', true],
    ['charts/web/charts/db/templates/statefulset.yaml', true],
    ['charts/other/templates/deployment.yaml', false],
    ['charts/web/values.yaml', false],
    ['k8s/templates/deployment.yaml', false],
  ])('%s → %s', (path, expected) => {
    expect(isHelmTemplate(path, has)).toBe(expected);
  });
});
