import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePaths } from '../../src/files/find.js';
import { extractManifest, relatedPaths, uniqueImages } from '../../src/manifests/extract.js';
import type { ManifestImage } from '../../src/manifests/types.js';

/** fixtures/manifests (see its PROVENANCE.md), read as `plimsoll images` reads a repository. */

const ROOT = new URL('../../fixtures/manifests/', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

async function corpus(): Promise<{ images: ManifestImage[]; problems: unknown[]; skipped: string[] }> {
  const { targets } = await resolvePaths(['.'], { cwd: ROOT, manifests: true });
  const images: ManifestImage[] = [];
  const problems: unknown[] = [];
  const skipped: string[] = [];
  for (const target of targets) {
    if (!target.kind) continue;
    const text = read(target.path);
    const related = new Map(relatedPaths(target.kind, target.path, text).flatMap((p) => { try { return [[p, read(p)] as const]; } catch { return []; } }));
    const extraction = extractManifest(target.kind, target.path, text, related);
    images.push(...extraction.images);
    problems.push(...extraction.problems);
    if (extraction.skipped) skipped.push(target.path);
  }
  return { images: uniqueImages(images), problems, skipped };
}

describe('the fixtures/manifests corpus', () => {
  it('reads every file without a problem; other tools\' YAML is skipped and Helm templates are never read', async () => {
    const { problems, skipped } = await corpus();
    expect(problems).toEqual([]);
    expect(skipped).toEqual(['.github/dependabot.yml', 'charts/web/Chart.yaml', 'charts/web/values.yaml']);
  });

  it('finds each place an image is written, once', async () => {
    const { images } = await corpus();
    const perFile = new Map<string, number>();
    for (const image of images) perFile.set(image.file, (perFile.get(image.file) ?? 0) + 1);
    expect(Object.fromEntries(perFile)).toEqual({
      '.devcontainer/devcontainer.json': 1,
      '.devcontainer/go/devcontainer.json': 1,
      '.devcontainer/python/docker-compose.yml': 2,
      '.github/workflows/ci.yml': 5,
      '.github/workflows/matrix.yml': 2,
      '.github/workflows/nightly.yml': 5,
      '.github/workflows/release.yaml': 1,
      'actions/lint/action.yml': 1,
      'actions/notify/action.yaml': 1,
      'compose/compose.elastic.yml': 2,
      'compose/compose.gitea.yml': 2,
      'compose/compose.kafka.yaml': 5,
      'compose/compose.monitoring.yml': 5,
      'compose/compose.override.yml': 2,
      'compose/compose.traefik.yaml': 2,
      'compose/compose.voting.yml': 5,
      'compose/docker-compose.app.yml': 5,
      'compose/docker-compose.ci.yml': 3,
      'compose/docker-compose.wordpress.yaml': 2,
      'kubernetes/app-with-sidecars.yaml': 4,
      'kubernetes/argo-rollout.yaml': 1,
      'kubernetes/debug-pod.yaml': 4,
      'kubernetes/envsubst-deployment.yaml': 2,
      'kubernetes/fluentd-daemonset.yaml': 1,
      'kubernetes/guestbook.yaml': 3,
      'kubernetes/hello-cronjob.yaml': 1,
      'kubernetes/image-volume-pod.yaml': 2,
      'kubernetes/knative-service.yaml': 1,
      'kubernetes/list.yaml': 2,
      'kubernetes/mysql-statefulset.yaml': 4,
      'kubernetes/nginx-deployment.yaml': 1,
      'kubernetes/pi-job.yaml': 1,
    });
    expect(images.filter((i) => i.kind === 'unresolved').map((i) => `${i.file}:${i.line}`)).toEqual([
      '.github/workflows/matrix.yml:11',
      '.github/workflows/matrix.yml:14',
      'kubernetes/envsubst-deployment.yaml:10',
    ]);
  });

  it('every traced character is the character written at its place (what a bump relies on)', async () => {
    const { images } = await corpus();
    let checked = 0;
    for (const image of images) {
      image.traced?.at.forEach((origin, index) => {
        if (!origin) return;
        expect(read(origin.file)[origin.offset], `${image.file}:${image.line} character ${index}`).toBe(image.traced!.text[index]);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(2000);
  });
});
