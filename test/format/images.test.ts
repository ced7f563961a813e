import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import { formatImagesTty, imageRows } from '../../src/format/images.js';

describe('imageRows and formatImagesTty', () => {
  const dockerfile = parseDockerfile(
    'Dockerfile',
    [
      'ARG PY=3.12.2',
      'FROM --platform=linux/amd64 python:${PY}-slim AS base',
      'FROM base AS app',
      'COPY --from=base /a /a',
      'COPY --from=docker.io/library/busybox:1.36 /bin/busybox /busybox',
      'FROM scratch',
    ].join('\n'),
  );

  it('keeps every FROM and external images, not COPY --from=<stage>', () => {
    expect(imageRows(dockerfile).map((row) => [row.line, row.source, row.kind])).toEqual([
      [2, 'from', 'image'],
      [3, 'from', 'stage'],
      [5, 'copy-from', 'image'],
      [6, 'from', 'scratch'],
    ]);
  });

  it('prints one line per reference', () => {
    expect(formatImagesTty(imageRows(dockerfile))).toBe(
      'Dockerfile:2 from python:${PY}-slim -> docker.io/library/python:3.12.2-slim (ARG PY) (--platform=linux/amd64) [stage base]\n' +
        'Dockerfile:3 from base -> stage base [stage app]\n' +
        'Dockerfile:5 copy-from docker.io/library/busybox:1.36 -> docker.io/library/busybox:1.36 [stage app]\n' +
        'Dockerfile:6 from scratch -> scratch [stage 2]\n',
    );
  });
});
