import { describe, expect, it } from 'vitest';
import type { TextResult } from '../../src/files/read.js';
import { defaultSettings } from '../../src/lint/settings.js';
import { classifierFor, defaultRepoConfig } from '../../src/policy/repo-config.js';
import { decideReview } from '../../src/review/decision.js';
import type { ChangedLines } from '../../src/review/diff.js';
import { lintManifests, manifestReads, manifestTargets, NO_CHANGES, readManifests, type PullChanges } from '../../src/review/manifest-files.js';
import { policyFrom } from '../fanout/policies.js';

const POLICY = policyFrom(`version: 1
images:
  - name: postgres
    versions: [16.2, 16.1]
  - name: redis
    versions: [7.2.4]
`);
const lint = { settings: defaultSettings(), policy: { policy: POLICY, repo: 'acme/web', now: new Date('2026-01-15T00:00:00Z') } };
const classify = classifierFor();

/** A head's texts: null for a file that does not exist there. */
function head(files: Record<string, string | TextResult>): (path: string) => TextResult | null {
  return (path) => {
    const file = files[path];
    if (file === undefined) return null;
    return typeof file === 'string' ? { ok: true, text: file } : file;
  };
}

describe('which files a review reads', () => {
  it('changed files of each kind; the compose files beside a changed or removed .env, whether or not they exist', () => {
    const targets = manifestTargets(
      [
        { filename: 'compose.yaml', status: 'modified' },
        { filename: 'k8s/app.yaml', status: 'added' },
        { filename: 'old/compose.yml', status: 'removed' },
        { filename: 'Dockerfile', status: 'modified' },
        { filename: 'stack/.env', status: 'removed' },
        { filename: '.github/plimsoll.yml', status: 'modified' },
      ],
      classify,
    );
    expect(targets).toStrictEqual([
      { path: 'compose.yaml', kind: 'compose', changed: true },
      { path: 'k8s/app.yaml', kind: 'kubernetes', changed: true },
      ...['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml', 'compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'].map((name) => ({
        path: `stack/${name}`,
        kind: 'compose',
        changed: false,
      })),
    ]);
  });

  it('follows the repository config: a kind switched off, other globs', () => {
    const config = { ...defaultRepoConfig(), kinds: { workflow: { enabled: false }, compose: { globs: ['stacks/*.yml'] } } };
    const targets = manifestTargets(
      [
        { filename: '.github/workflows/ci.yml', status: 'added' },
        { filename: 'stacks/web.yml', status: 'added' },
      ],
      classifierFor(config),
    );
    // The workflow falls to the next kind whose globs match: a Kubernetes candidate (read, then found to hold no manifest).
    expect(targets.map((t) => [t.path, t.kind])).toStrictEqual([
      ['.github/workflows/ci.yml', 'kubernetes'],
      ['stacks/web.yml', 'compose'],
    ]);
  });

  it('each compose file’s .env, the Chart.yaml of a templates folder, and the compose files a dev container names once it is read', () => {
    const targets = [
      { path: 'compose.yaml', kind: 'compose', changed: true },
      { path: 'charts/web/templates/deploy.yaml', kind: 'kubernetes', changed: true },
      { path: '.devcontainer/devcontainer.json', kind: 'devcontainer', changed: true },
    ] as const;
    expect(manifestReads(targets, () => undefined)).toStrictEqual(['compose.yaml', '.env', 'charts/web/templates/deploy.yaml', 'charts/web/Chart.yaml', '.devcontainer/devcontainer.json']);
    const known = head({ '.devcontainer/devcontainer.json': '{"dockerComposeFile": ["../compose.yaml", "dev.yml"]}' });
    expect(manifestReads(targets, known)).toStrictEqual([
      'compose.yaml',
      '.env',
      'charts/web/templates/deploy.yaml',
      'charts/web/Chart.yaml',
      '.devcontainer/devcontainer.json',
      '.devcontainer/dev.yml',
      '.devcontainer/.env',
    ]);
  });
});

describe('what a review says about them', () => {
  const POD = 'apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, image: "redis:7.0.0"}]\n';

  it('a Helm template, YAML that holds no manifest, and a compose file that is not there say nothing; a changed file that is gone is missing', () => {
    const read = readManifests(
      [
        { path: 'charts/web/templates/pod.yaml', kind: 'kubernetes', changed: true },
        { path: 'mkdocs.yml', kind: 'kubernetes', changed: true },
        { path: 'stack/compose.yaml', kind: 'compose', changed: false },
        { path: 'gone/compose.yaml', kind: 'compose', changed: true },
      ],
      head({ 'charts/web/templates/pod.yaml': POD, 'charts/web/Chart.yaml': 'name: web\n', 'mkdocs.yml': 'site_name: x\n' }),
    );
    expect(read).toMatchObject({ images: [], problems: [], paths: [], missing: ['gone/compose.yaml'] });
  });

  it('a file that cannot be read is one warning naming it and the problem; its level follows the rule levels', () => {
    const targets = [
      { path: 'compose.yaml', kind: 'compose', changed: true },
      { path: 'ci/compose.yml', kind: 'compose', changed: true },
    ] as const;
    const read = readManifests(targets, head({ 'compose.yaml': { ok: false, problem: 'binary', message: 'is a binary file (it contains NUL bytes), not a compose file' }, 'ci/compose.yml': 'web:\n  image: redis:7.2.4\n' }));
    const changes: PullChanges = { lines: new Map<string, ChangedLines>([['compose.yaml', 'all'], ['ci/compose.yml', new Set([1])]]), removed: new Set() };
    const files = lintManifests(read, lint, changes);
    expect(files.flatMap((f) => f.findings.map((x) => [x.file, x.line, x.code, x.level, x.message]))).toStrictEqual([
      ['ci/compose.yml', 1, 'PL1009', 'warning', 'Plimsoll could not read the images of ci/compose.yml (read as a compose file): a compose file in the old v1 format (services at the top level) is not read; put the services under `services:`'],
      ['compose.yaml', 1, 'PL1009', 'warning', 'Plimsoll could not read the images of compose.yaml (read as a compose file): the file is a binary file (it contains NUL bytes), not a compose file'],
    ]);
    const raised = { ...lint, settings: { ...defaultSettings(), levels: { PL1009: 'error' as const } } };
    expect(lintManifests(read, raised, changes).flatMap((f) => f.findings.map((x) => x.level))).toStrictEqual(['error', 'error']);
    const off = { ...lint, settings: { ...defaultSettings(), levels: { PL1009: 'off' as const } } };
    expect(lintManifests(read, off, changes).flatMap((f) => f.findings)).toStrictEqual([]);
  });

  it('a finding binds to its line and what it resolved to; a changed .env line feeding it is a change to it', () => {
    const compose = 'services:\n  db:\n    image: postgres:${PG:-16.2}\n  cache:\n    image: redis:${REDIS}\n';
    const targets = [{ path: 'compose.yaml', kind: 'compose', changed: false }] as const;
    const at = (env: string) => readManifests(targets, head({ 'compose.yaml': compose, '.env': env }));

    const before = decideReview(lintManifests(at('PG=9.6\nREDIS=7.2.4\n'), lint, NO_CHANGES), []);
    expect(before.findings.map((f) => [f.code, f.line, f.changed, f.instruction])).toStrictEqual([['PL1001', 3, false, 'image: postgres:${PG:-16.2} => postgres:9.6']]);

    // The pull request edits the .env's REDIS line only: PG's value is untouched, but the .env beside the file changed.
    const envChanged: PullChanges = { lines: new Map([['.env', new Set([2])]]), removed: new Set() };
    const after = decideReview(lintManifests(at('PG=9.6\nREDIS=7.0.0\n'), lint, envChanged), []);
    expect(after.findings.map((f) => [f.code, f.line, f.changed, f.instruction])).toStrictEqual([
      ['PL1001', 3, true, 'image: postgres:${PG:-16.2} => postgres:9.6'],
      ['PL1001', 5, true, 'image: redis:${REDIS} => redis:7.0.0'],
    ]);
    expect(after.conclusion).toBe('failure');

    // An approval of the line as it resolved then covers it; once the .env gives another value, it no longer does.
    const approval = { code: 'PL1001', file: 'compose.yaml', line: 3, endLine: 3, instruction: 'image: postgres:${PG:-16.2} => postgres:9.6', by: 'olga', reason: 'restore', commentId: 1 };
    expect(decideReview(lintManifests(at('PG=9.6\nREDIS=7.2.4\n'), lint, envChanged), [approval]).conclusion).toBe('success');
    expect(decideReview(lintManifests(at('PG=10.1\nREDIS=7.2.4\n'), lint, envChanged), [approval]).conclusion).toBe('failure');
  });

  it('a removed .env changes every image of the compose file beside it that uses a variable', () => {
    const compose = 'services:\n  db:\n    image: postgres:${PG:-9.6}\n  cache:\n    image: redis:7.0.0\n';
    const read = readManifests([{ path: 'compose.yaml', kind: 'compose', changed: false }], head({ 'compose.yaml': compose }));
    const decision = decideReview(lintManifests(read, lint, { lines: new Map(), removed: new Set(['.env']) }), []);
    expect(decision.findings.map((f) => [f.line, f.changed])).toStrictEqual([
      [3, true],
      [5, false],
    ]);
  });

  it('a parse problem of a changed file counts as changed wherever the parser noticed it', () => {
    const read = readManifests([{ path: '.github/workflows/ci.yml', kind: 'workflow', changed: true }], head({ '.github/workflows/ci.yml': 'jobs:\n  t:\n    container: [ubuntu\n' }));
    const decision = decideReview(lintManifests(read, lint, { lines: new Map([['.github/workflows/ci.yml', new Set([3])]]), removed: new Set() }), []);
    expect(decision.findings.map((f) => [f.code, f.line, f.changed])).toStrictEqual([['PL1009', 4, true]]);
  });
});
