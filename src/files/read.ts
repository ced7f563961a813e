import { readFile, stat } from 'node:fs/promises';

/** Larger than any real Dockerfile by far; beyond it a file is refused, not parsed. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type ReadProblem = 'missing' | 'unreadable' | 'directory' | 'too-large' | 'binary' | 'encoding';

export type TextResult = { ok: true; text: string } | { ok: false; problem: ReadProblem; message: string };

/** What a file is read as: its size limit, and the words messages use for it. */
export interface ReadAs {
  maxBytes: number;
  /** `a Dockerfile`, `a compose file`, … */
  what: string;
}

const DOCKERFILE: ReadAs = { maxBytes: MAX_FILE_BYTES, what: 'a Dockerfile' };

/** Read a file as UTF-8 text, refusing what cannot be a Dockerfile (or `as` names) with a message for people. */
export async function readTextFile(path: string, as: ReadAs = DOCKERFILE): Promise<TextResult> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, problem: 'directory', message: 'is a directory' };
    if (info.size > as.maxBytes) return tooLarge(info.size, false, as);
    return named(decodeText(await readFile(path)), as);
  } catch (error) {
    return fileError(error);
  }
}

/** Read a whole stream (stdin) with the same checks. */
export async function readTextStream(stream: AsyncIterable<Buffer | string>, as: ReadAs = DOCKERFILE): Promise<TextResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > as.maxBytes) return tooLarge(size, true, as);
      chunks.push(buffer);
    }
  } catch (error) {
    return { ok: false, problem: 'unreadable', message: `cannot be read (${(error as Error).message})` };
  }
  return named(decodeText(Buffer.concat(chunks)), as);
}

/** Bytes read elsewhere (a Git blob) -> text, refused as `as` names what it should have been. */
export function decodeAs(bytes: Uint8Array, as: ReadAs = DOCKERFILE): TextResult {
  if (bytes.length > as.maxBytes) return tooLarge(bytes.length, false, as);
  return named(decodeText(bytes), as);
}

/** A binary file is named as what it was read as (`not a compose file`). */
function named(result: TextResult, as: ReadAs): TextResult {
  if (result.ok || result.problem !== 'binary' || as === DOCKERFILE) return result;
  return { ...result, message: `is a binary file (it contains NUL bytes), not ${as.what}` };
}

export function tooLarge(size: number, atLeast: boolean, as: ReadAs): TextResult {
  const megabytes = (size / (1024 * 1024)).toFixed(1);
  return {
    ok: false,
    problem: 'too-large',
    message: `is too large to be ${as.what} (${atLeast ? 'over ' : ''}${megabytes} MB; the limit is ${as.maxBytes / (1024 * 1024)} MB)`,
  };
}

function fileError(error: unknown): TextResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, problem: 'missing', message: 'no such file or directory' };
  if (code === 'EACCES' || code === 'EPERM') return { ok: false, problem: 'unreadable', message: 'permission denied' };
  if (code === 'EISDIR') return { ok: false, problem: 'directory', message: 'is a directory' };
  return { ok: false, problem: 'unreadable', message: `cannot be read (${(error as Error).message})` };
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Bytes -> text. UTF-16 with a BOM is decoded; NUL bytes otherwise mean binary (git's test); invalid
 * UTF-8 is reported with the line and column of the first bad byte. A UTF-8 BOM is kept (the
 * Dockerfile model records it so edits can keep it).
 */
export function decodeText(bytes: Uint8Array): TextResult {
  // UTF-16 with its byte-order mark, as Windows editors save it: read it (the BOM is dropped).
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (utf16 !== null) {
    try {
      return { ok: true, text: new TextDecoder(utf16, { fatal: true }).decode(bytes) };
    } catch {
      return { ok: false, problem: 'encoding', message: `starts like ${utf16.toUpperCase()} but is not valid ${utf16.toUpperCase()}; save it as UTF-8` };
    }
  }
  if (bytes.includes(0)) return { ok: false, problem: 'binary', message: 'is a binary file (it contains NUL bytes), not a Dockerfile' };
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const { line, column } = lineAndColumn(bytes, offset);
    return { ok: false, problem: 'encoding', message: `is not valid UTF-8 (line ${line}, column ${column}); save it as UTF-8` };
  }
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let length: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + length > bytes.length) return i;
    let codePoint = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += length;
  }
  return -1;
}

function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
