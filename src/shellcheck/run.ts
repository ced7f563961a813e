import { createRequire } from 'node:module';
import { accessSync, constants, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ShellCheckComment } from './findings.js';
import { EXCLUDED_CODES } from './codes.js';

/**
 * The ShellCheck process: every script of a run is written to a temporary directory and checked
 * by one `shellcheck --format=json1` process (not one per RUN: ShellCheck's start-up costs more
 * than a small script). Identical scripts are checked once. A large batch is spread over the
 * cores, at most 1,000 scripts per process: one ShellCheck process slows down with the number of
 * files it is given (per script, 1.6 ms at 1,000 files, 3.4 ms at 12,000).
 */

/** What became of ShellCheck in a run, for the user (stderr) and the app (the check's text). */
export type ShellCheckStatus =
  | { state: 'ran' }
  /** Switched off on purpose (PLIMSOLL_SHELLCHECK=off, or an embedder that runs no SC rules). */
  | { state: 'off' }
  /** Wanted but could not run: SC rules were skipped. */
  | { state: 'skipped'; reason: string };

export type ShellCheckOutcome = { ok: true; comments: ShellCheckComment[][] } | { ok: false; reason: string };

/** Checks script files (their full text, `#!` line included); results come back in the same order. */
export interface ShellCheckRunner {
  check(files: readonly string[]): Promise<ShellCheckOutcome>;
}

/** Scripts per process, where ShellCheck's time per script is still flat. */
const FILES_PER_PROCESS = 1_000;
/** Below this, another process costs more than it saves (its start is worth about two scripts). */
const MIN_FILES_PER_PROCESS = 50;

/**
 * The binary to run: `PLIMSOLL_SHELLCHECK` names one (`off` switches ShellCheck off), otherwise
 * `shellcheck` is looked up on PATH. Returns the reason when there is none.
 */
export function findShellCheck(env: Record<string, string | undefined>): { binary: string } | { off: true } | { missing: string } {
  const configured = env.PLIMSOLL_SHELLCHECK;
  if (configured !== undefined && ['off', 'false', '0', 'no'].includes(configured.trim().toLowerCase())) return { off: true };
  if (configured !== undefined && configured.trim() !== '') {
    return isExecutable(configured) ? { binary: configured } : { missing: `PLIMSOLL_SHELLCHECK=${configured} is not an executable file` };
  }
  for (const directory of (env.PATH ?? '').split(delimiter)) {
    if (directory === '' || !isAbsolute(directory)) continue;
    const candidate = join(directory, 'shellcheck');
    if (isExecutable(candidate)) return { binary: candidate };
  }
  return { missing: 'shellcheck is not installed (not found on PATH)' };
}

/**
 * Which ShellCheck a run uses, for the command line and the app alike: an embedder's runner (null
 * runs none), else `PLIMSOLL_SHELLCHECK` or the binary on PATH. `binary` is set when a worker
 * thread can run the same; `status` is what to say when no runner runs (a missing binary is a
 * status, never an error).
 */
export interface ShellCheckChoice {
  runner: ShellCheckRunner | null;
  binary: string | null;
  status: ShellCheckStatus;
}

export function chooseShellCheck(override: ShellCheckRunner | null | undefined, env: Record<string, string | undefined>): ShellCheckChoice {
  if (override === null) return { runner: null, binary: null, status: { state: 'off' } };
  if (override !== undefined) return { runner: override, binary: null, status: { state: 'ran' } };
  const found = findShellCheck(env);
  if ('off' in found) return { runner: null, binary: null, status: { state: 'off' } };
  if ('missing' in found) return { runner: null, binary: null, status: { state: 'skipped', reason: found.missing } };
  return { runner: processRunner(found.binary), binary: found.binary, status: { state: 'ran' } };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function processRunner(binary: string, options: { timeoutMs?: number; parallel?: number } = {}): ShellCheckRunner {
  return {
    async check(files) {
      if (files.length === 0) return { ok: true, comments: [] };
      const unique = [...new Set(files)];
      const directory = mkdtempSync(join(tmpdir(), 'plimsoll-shellcheck-'));
      try {
        const names = unique.map((text, index) => {
          const name = `${index}.sh`;
          writeFileSync(join(directory, name), text);
          return name;
        });
        const byName = new Map<string, ShellCheckComment[]>(names.map((name) => [name, []]));
        // One process for a small batch; a large one spread over the cores, 1,000 scripts at most each.
        const parallel = options.parallel ?? availableParallelism();
        const size = Math.min(FILES_PER_PROCESS, Math.max(MIN_FILES_PER_PROCESS, Math.ceil(names.length / parallel)));
        const chunks: string[][] = [];
        for (let start = 0; start < names.length; start += size) chunks.push(names.slice(start, start + size));
        const outcomes = await mapWithLimit(chunks, parallel, (chunk) =>
          runOnce(binary, directory, chunk, options.timeoutMs ?? 30_000 + 100 * chunk.length),
        );
        for (const outcome of outcomes) {
          if (!outcome.ok) return outcome;
          for (const comment of outcome.comments) byName.get(comment.file)?.push(comment);
        }
        const commentsOf = new Map(unique.map((text, index) => [text, byName.get(names[index]!)!]));
        return { ok: true, comments: files.map((text) => commentsOf.get(text)!) };
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}

/** `work` over `items`, at most `limit` at a time; results in the order of `items`. */
async function mapWithLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

type Json1Comment = ShellCheckComment & { file: string };

function runOnce(binary: string, directory: string, names: string[], timeoutMs: number): Promise<{ ok: true; comments: Json1Comment[] } | { ok: false; reason: string }> {
  const args = ['--format=json1', '--norc', '--severity=style', `--exclude=${EXCLUDED_CODES.join(',')}`, '--', ...names];
  // child_process is loaded here, not at start-up (a run without ShellCheck never needs it), and
  // synchronously, so ShellCheck starts now and works while the rules run, not after them.
  const { spawn } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(binary, args, { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ ok: false, reason: `shellcheck could not be started (${(error as Error).message})` });
      return;
    }
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: error.code === 'ENOENT' ? 'shellcheck is not installed' : `shellcheck could not be started (${error.message})` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') {
        resolve({ ok: false, reason: `shellcheck took longer than ${(timeoutMs / 1000).toFixed(timeoutMs < 10_000 ? 1 : 0)} s and was stopped` });
        return;
      }
      const parsed = parseJson1(Buffer.concat(stdout).toString('utf8'));
      // 0: clean, 1: comments found; anything else with no usable output is a failure.
      if (parsed === null) {
        const message = Buffer.concat(stderr).toString('utf8').trim().split('\n')[0] || `exit status ${code}`;
        resolve({ ok: false, reason: `shellcheck failed (${message})` });
        return;
      }
      resolve({ ok: true, comments: parsed });
    });
  });
}

/** ShellCheck's json1 output, or null when it is not that. */
export function parseJson1(text: string): Json1Comment[] | null {
  try {
    const value = JSON.parse(text) as { comments?: unknown };
    if (!value || !Array.isArray(value.comments)) return null;
    return value.comments.filter(
      (c): c is Json1Comment =>
        typeof c === 'object' && c !== null &&
        typeof (c as Json1Comment).file === 'string' &&
        typeof (c as Json1Comment).code === 'number' &&
        typeof (c as Json1Comment).line === 'number' &&
        typeof (c as Json1Comment).message === 'string',
    );
  } catch {
    return null;
  }
}
