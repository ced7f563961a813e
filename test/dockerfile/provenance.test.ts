import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import { linesFeeding, resolvedImages } from '../../src/dockerfile/provenance.js';

const at = (text: string, line: number) => {
  const dockerfile = parseDockerfile('Dockerfile', text);
  const instruction = dockerfile.instructions.find((i) => i.span.line <= line && line <= i.span.endLine)!;
  return { lines: linesFeeding(dockerfile, instruction), images: resolvedImages(dockerfile, instruction) };
};

describe('linesFeeding and resolvedImages', () => {
  const rows: Array<[string, string, number, number[], string[]]> = [
    ['a plain FROM', 'FROM node:20\n', 1, [1], ['node:20']],
    ['a continued FROM', 'FROM \\\n  node:20 AS x\n', 1, [1, 2], ['node:20']],
    ['an ARG default', 'ARG V=20\nARG UNUSED=1\nFROM node:${V}\n', 3, [1, 3], ['node:20']],
    ['an ARG redeclared', 'ARG V=18\nARG V=20\nFROM node:$V\n', 3, [1, 2, 3], ['node:20']],
    ['an ARG using another ARG', 'ARG V=20\nARG IMG=node:${V}-alpine\nFROM ${IMG}\n', 3, [1, 2, 3], ['node:20-alpine']],
    ['a stage ARG does not feed FROM', 'FROM node:20\nARG V=1\nFROM node:$V\n', 3, [3], ['node:']],
    ['COPY --from an image', 'FROM node:20\nCOPY --from=busybox:1.36 /bin/sh /sh\n', 2, [2], ['busybox:1.36']],
    ['a RUN names no image', 'ARG V=1\nFROM node:20\nRUN echo $V\n', 3, [3], []],
  ];
  it.each(rows)('%s', (_name, text, line, lines, images) => {
    expect(at(text, line)).toStrictEqual({ lines, images });
  });
});
