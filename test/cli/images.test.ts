import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const DISTROLESS_DIGEST = 'sha256:6ec5aa99dc335666e79dc64e4a6c8b89c33a543a1967f20d360922a80dd21f02';

const row = (fields: Record<string, unknown>) => ({
  file: 'images/Dockerfile',
  stageName: null,
  registry: null,
  repository: null,
  tag: null,
  digest: null,
  platform: null,
  fromArg: null,
  ...fields,
});

describe('plimsoll images', () => {
  it('--format json prints one object for the syntax frontend, per FROM and per external image of COPY --from / RUN --mount', async () => {
    const { code, stdout, stderr } = await run(['images', '--format', 'json', 'images']);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual([
      // `# syntax=docker/dockerfile:1` (line 1): BuildKit pulls and runs this image; it is in no stage.
      row({
        line: 1, column: 10, source: 'syntax', stage: null, raw: 'docker/dockerfile:1', expanded: 'docker/dockerfile:1',
        registry: 'docker.io', repository: 'docker/dockerfile', tag: '1', kind: 'image',
      }),
      row({
        line: 4, column: 32, source: 'from', stage: 0, stageName: 'build', raw: 'node:${NODE}-alpine', expanded: 'node:20.11.1-alpine',
        registry: 'docker.io', repository: 'library/node', tag: '20.11.1-alpine', platform: '$BUILDPLATFORM', fromArg: 'NODE', kind: 'image',
      }),
      row({
        line: 5, column: 5, source: 'mount-from', stage: 0, stageName: 'build', raw: 'ghcr.io/acme/cache:1', expanded: 'ghcr.io/acme/cache:1',
        registry: 'ghcr.io', repository: 'acme/cache', tag: '1', kind: 'image',
      }),
      // COPY --from=build (line 6) and COPY --from=0 (line 11) name stages, not images.
      row({ line: 8, column: 6, source: 'from', stage: 1, stageName: 'test', raw: 'build', expanded: 'build', kind: 'stage' }),
      row({ line: 9, column: 6, source: 'from', stage: 2, raw: 'registry.example.com:5000/${IMAGE}', expanded: null, fromArg: 'IMAGE', kind: 'unresolved' }),
      row({
        line: 10, column: 6, source: 'copy-from', stage: 2, raw: `gcr.io/distroless/static-debian12:nonroot@${DISTROLESS_DIGEST}`,
        expanded: `gcr.io/distroless/static-debian12:nonroot@${DISTROLESS_DIGEST}`,
        registry: 'gcr.io', repository: 'distroless/static-debian12', tag: 'nonroot', digest: DISTROLESS_DIGEST, kind: 'image',
      }),
      row({ line: 12, column: 6, source: 'from', stage: 3, raw: 'scratch', expanded: 'scratch', kind: 'scratch' }),
    ]);
    expect(Object.keys(JSON.parse(stdout)[0])).toEqual([
      'file', 'line', 'column', 'source', 'stage', 'stageName', 'raw', 'expanded', 'registry', 'repository', 'tag', 'digest', 'platform', 'fromArg', 'kind',
    ]);
    expect(code).toBe(0);
  });

  it('prints a line per reference for people', async () => {
    const { code, stdout } = await run(['images', 'repo/build', 'repo/web.Dockerfile']);
    expect(stdout).toBe(
      'repo/build/app.dockerfile:2 from golang:${GO} -> docker.io/library/golang:1.22.1 (ARG GO) [stage go]\n' +
        'repo/build/app.dockerfile:3 from scratch -> scratch [stage 1]\n' +
        'repo/web.Dockerfile:1 from busybox -> docker.io/library/busybox [stage 0]\n',
    );
    expect(code).toBe(0);
  });

  it('names unreadable input on stderr, lists the rest, and exits 2', async () => {
    const { code, stdout, stderr } = await run(['images', '-f', 'json', 'bad/binary.Dockerfile', 'repo/web.Dockerfile']);
    expect(stderr).toBe('plimsoll: bad/binary.Dockerfile: is a binary file (it contains NUL bytes), not a Dockerfile\n');
    expect(JSON.parse(stdout).map((image: { raw: string }) => image.raw)).toEqual(['busybox']);
    expect(code).toBe(2);
  });

  it('reads stdin for -', async () => {
    const { stdout } = await run(['images', '-f', 'json', '-'], { stdin: 'FROM localhost:5000/a/b:1\n' });
    expect(JSON.parse(stdout)).toEqual([
      row({ file: '-', line: 1, column: 6, source: 'from', stage: 0, raw: 'localhost:5000/a/b:1', expanded: 'localhost:5000/a/b:1', registry: 'localhost:5000', repository: 'a/b', tag: '1', kind: 'image' }),
    ]);
  });
});
