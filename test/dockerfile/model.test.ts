import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/model.js';

const digest = `sha256:${'b'.repeat(64)}`;

describe('parseDockerfile', () => {
  it('reads stages, aliases, platforms, stage references and scratch', () => {
    const df = parseDockerfile('Dockerfile', [
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
      'RUN go build',
      'from build as test',
      'FROM scratch',
      'COPY --from=build /app /app',
      'COPY --from=0 /x /x',
    ].join('\n'));
    expect(df.stages.map((s) => [s.name, s.image.kind, s.image.stageRef, s.image.platform])).toEqual([
      ['build', 'image', null, '$BUILDPLATFORM'],
      ['test', 'stage', 0, null],
      [null, 'scratch', null, null],
    ]);
    expect(df.images.filter((i) => i.source === 'copy-from').map((i) => [i.kind, i.stageRef])).toEqual([['stage', 0], ['stage', 0]]);
  });

  it('resolves FROM through global ARG defaults and knows the ARG line and value span', () => {
    const text = 'ARG NODE=20.11.1\nARG BASE="node"\nFROM ${BASE}:${NODE}-alpine\nARG NODE=99\nFROM node:${NODE}';
    const df = parseDockerfile('Dockerfile', text);
    const [first, second] = df.stages.map((s) => s.image);
    expect(first!.expanded).toBe('node:20.11.1-alpine');
    expect(first!.ref!.tag).toBe('20.11.1-alpine');
    expect(first!.argNames).toEqual(['BASE', 'NODE']);
    expect(first!.fromArg!.name).toBe('BASE');
    // An ARG inside a stage does not feed later FROM lines.
    expect(second!.expanded).toBe('node:20.11.1');
    const nodeArg = df.globalArgs[0]!.pairs[0]!;
    expect(text.slice(nodeArg.valueSpan!.start, nodeArg.valueSpan!.end)).toBe('20.11.1');
  });

  it('marks a FROM whose ARG has no default as unresolved, and names stages through platform ARGs', () => {
    const df = parseDockerfile('Dockerfile', 'ARG IMAGE\nFROM ${IMAGE}\nFROM alpine:3 AS base-amd64\nFROM alpine:3 AS base-arm64\nFROM base-${TARGETARCH}');
    expect(df.stages.map((s) => s.image.kind)).toEqual(['unresolved', 'image', 'image', 'stage']);
  });

  it('keeps a bare ARG without default unresolved even when stages exist', () => {
    const df = parseDockerfile('Dockerfile', 'ARG BASE\nFROM alpine:3 AS build\nFROM ${BASE}');
    expect(df.stages[1]!.image.kind).toBe('unresolved');
  });

  it('parses digests, registries with ports, and image references of COPY --from and RUN --mount', () => {
    const df = parseDockerfile('Dockerfile', `FROM localhost:5000/a/b:1@${digest}\nCOPY --from=nginx:1.25 /a /b\nRUN --mount=type=bind,from=golang:1.22,target=/go true`);
    expect(df.images.map((i) => [i.source, i.ref?.registry, i.ref?.repository, i.ref?.tag, i.ref?.digest ?? null])).toEqual([
      ['from', 'localhost:5000', 'a/b', '1', digest],
      ['copy-from', 'docker.io', 'library/nginx', '1.25', null],
      ['mount-from', 'docker.io', 'library/golang', '1.22', null],
    ]);
  });

  it('handles a BOM, CRLF, directives, continuations with inner comments, and exact positions', () => {
    const text = '\uFEFF# syntax=docker/dockerfile:1\r\n# escape=\\\r\nFROM debian:12\r\nRUN apt-get update \\\r\n  # a comment\r\n  && apt-get install -y curl\r\n';
    const df = parseDockerfile('Dockerfile', text);
    expect(df.hadBom).toBe(true);
    expect(df.lineEnding).toBe('\r\n');
    expect(df.directives).toEqual({ syntax: 'docker/dockerfile:1', escape: '\\' });
    const run = df.instructions[1]!;
    expect([run.line, run.span.endLine]).toEqual([4, 6]);
    expect(run.argsText).toBe('apt-get update   && apt-get install -y curl');
    expect(run.shell()!.commands.map((c) => c.name)).toEqual(['apt-get', 'apt-get']);
    expect(df.comments.map((c) => c.line)).toEqual([1, 2]);
    const from = df.stages[0]!.image;
    expect([from.line, from.column]).toEqual([3, 6]);
    expect(df.text.slice(from.span.start, from.span.end)).toBe('debian:12');
  });

  it('honours the backtick escape directive of Windows Dockerfiles', () => {
    const df = parseDockerfile('Dockerfile', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Write-Host hi\n');
    expect(df.escape).toBe('`');
    expect(df.instructions[1]!.argsText).toBe('powershell -Command     Write-Host hi');
  });

  it('treats a heredoc body as the script, not as instructions', () => {
    const df = parseDockerfile('Dockerfile', 'FROM alpine:3\nRUN <<EOF\nset -e\nFROM nope\napk add curl\nEOF\nRUN python3 <<PY\nimport os\nPY\n');
    expect(df.stages).toHaveLength(1);
    expect(df.instructions[1]!.shell()!.commands.map((c) => c.name)).toEqual(['set', 'FROM', 'apk']);
    expect(df.instructions[2]!.shell()!.commands.map((c) => c.name)).toEqual(['python3']);
    expect(df.problems).toEqual([]);
  });

  it('reports an unterminated heredoc and an unknown instruction as problems with their line', () => {
    expect(parseDockerfile('Dockerfile', 'FROM alpine:3\nRUN <<EOF\necho hi\n').problems).toEqual([
      { line: 2, column: 5, message: 'unterminated heredoc: no line "EOF" closes it' },
    ]);
    expect(parseDockerfile('Dockerfile', 'FROM alpine:3\nFROOM x\n').problems).toEqual([
      { line: 2, column: 1, message: 'unknown instruction: FROOM' },
    ]);
  });

  it('reads exec form, ENV/LABEL/ARG pairs and ONBUILD triggers', () => {
    const df = parseDockerfile('Dockerfile', 'FROM a:1\nCMD ["node", "a.js"]\nENV A=1 B="two words"\nENV LEGACY value here\nARG X=1 Y\nONBUILD RUN echo hi');
    expect(df.instructions[1]!.json).toEqual(['node', 'a.js']);
    expect(df.instructions[1]!.shell()).toBeNull();
    expect(df.instructions[2]!.pairs.map((p) => [p.key, p.value, p.rawValue])).toEqual([['A', '1', '1'], ['B', 'two words', '"two words"']]);
    expect(df.instructions[3]!.pairs.map((p) => [p.key, p.value])).toEqual([['LEGACY', 'value here']]);
    expect(df.instructions[4]!.pairs.map((p) => [p.key, p.value])).toEqual([['X', '1'], ['Y', null]]);
    expect(df.instructions[5]!.trigger!.keyword).toBe('RUN');
    expect(df.instructions[5]!.shell()!.commands[0]!.name).toBe('echo');
  });

  it('lints a fragment without FROM', () => {
    const df = parseDockerfile('Dockerfile', 'RUN apt-get install curl');
    expect(df.stages).toEqual([]);
    expect(df.instructions[0]!.stageIndex).toBe(-1);
    expect(df.problems).toEqual([]);
  });
});
