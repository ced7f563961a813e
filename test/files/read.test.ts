import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText, firstInvalidUtf8, MAX_FILE_BYTES, readTextFile, readTextStream } from '../../src/files/read.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('decodeText', () => {
  it('decodes UTF-8 and keeps a BOM for the model to record', () => {
    expect(decodeText(Buffer.from('\uFEFFFROM ubuntu\n# café\n'))).toEqual({ ok: true, text: '\uFEFFFROM ubuntu\n# café\n' });
  });

  it('refuses a binary file', () => {
    expect(decodeText(Buffer.from('FROM a\n\u0000\u0001'))).toEqual({
      ok: false,
      problem: 'binary',
      message: 'is a binary file (it contains NUL bytes), not a Dockerfile',
    });
  });

  it('names the line and column of the first byte that is not UTF-8', () => {
    expect(decodeText(Buffer.concat([Buffer.from('FROM a\n# caf'), bytes(0xe9), Buffer.from('\n')]))).toEqual({
      ok: false,
      problem: 'encoding',
      message: 'is not valid UTF-8 (line 2, column 6); save it as UTF-8',
    });
  });

  it('reads UTF-16 with its byte-order mark, little or big endian', () => {
    expect(decodeText(Buffer.from('\uFEFFFROM a\n', 'utf16le'))).toEqual({ ok: true, text: 'FROM a\n' });
    const big = Buffer.from('\uFEFFFROM b\n', 'utf16le').swap16();
    expect(decodeText(big)).toEqual({ ok: true, text: 'FROM b\n' });
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x00, 0xd8]))).toMatchObject({ ok: false, problem: 'encoding' });
  });

  it.each([
    [bytes(0x41, 0x42), -1],
    [bytes(0xc3, 0xa9), -1], // é
    [bytes(0xf0, 0x9f, 0x98, 0x80), -1], // emoji
    [bytes(0x41, 0x80), 1], // stray continuation byte
    [bytes(0xc0, 0xaf), 0], // overlong
    [bytes(0xe0, 0x80, 0xaf), 0], // overlong
    [bytes(0xed, 0xa0, 0x80), 0], // surrogate
    [bytes(0xf4, 0x90, 0x80, 0x80), 0], // above U+10FFFF
    [bytes(0x41, 0xe2, 0x82), 1], // truncated
  ])('firstInvalidUtf8(%j) = %i', (input, expected) => {
    expect(firstInvalidUtf8(input)).toBe(expected);
  });
});

describe('readTextFile and readTextStream', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plimsoll-read-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file', async () => {
    await writeFile(join(dir, 'Dockerfile'), 'FROM ubuntu:22.04\n');
    expect(await readTextFile(join(dir, 'Dockerfile'))).toEqual({ ok: true, text: 'FROM ubuntu:22.04\n' });
  });

  it('reports a missing file and a directory', async () => {
    expect(await readTextFile(join(dir, 'nope'))).toEqual({ ok: false, problem: 'missing', message: 'no such file or directory' });
    expect(await readTextFile(dir)).toEqual({ ok: false, problem: 'directory', message: 'is a directory' });
  });

  it('refuses a 5 MB file without reading it into the linter', async () => {
    await writeFile(join(dir, 'huge.Dockerfile'), `FROM ubuntu:22.04\n${'RUN echo x\n'.repeat(500_000)}`);
    expect(await readTextFile(join(dir, 'huge.Dockerfile'))).toEqual({
      ok: false,
      problem: 'too-large',
      message: 'is too large to be a Dockerfile (5.2 MB; the limit is 1 MB)',
    });
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it may not read', async () => {
    await writeFile(join(dir, 'secret.Dockerfile'), 'FROM a\n');
    await chmod(join(dir, 'secret.Dockerfile'), 0o000);
    expect(await readTextFile(join(dir, 'secret.Dockerfile'))).toEqual({ ok: false, problem: 'unreadable', message: 'permission denied' });
  });

  it('reads stdin with the same checks', async () => {
    expect(await readTextStream(Readable.from([Buffer.from('FROM a\n'), Buffer.from('RUN b\n')]))).toEqual({ ok: true, text: 'FROM a\nRUN b\n' });
    expect(await readTextStream(Readable.from([Buffer.alloc(MAX_FILE_BYTES + 1, 0x41)]))).toMatchObject({ ok: false, problem: 'too-large' });
    expect(await readTextStream(Readable.from([bytes(0x46, 0x00)]))).toMatchObject({ ok: false, problem: 'binary' });
  });
});
