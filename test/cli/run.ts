import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli.js';
import { DL3006 } from '../../src/rules/DL3006.js';
import type { Rule } from '../../src/rules/rule.js';
import type { ShellCheckRunner } from '../../src/shellcheck/run.js';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures/cli');

/** A home directory with no hadolint config, so the machine's own config never leaks in. */
const emptyHome = mkdtempSync(join(tmpdir(), 'plimsoll-home-'));

export interface RunOptions {
  cwd?: string;
  stdin?: string | Buffer;
  env?: Record<string, string>;
  isTTY?: boolean;
  /** Rules to run; DL3006 (untagged FROM, warning) by default, so outputs stay exact as rules land. */
  rules?: readonly Rule[];
  /** ShellCheck for SC rules; none by default, so outputs stay exact whether or not it is installed. */
  shellcheck?: ShellCheckRunner | null;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process, as a user would from `cwd`. */
export async function run(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    {
      stdin: Readable.from([typeof options.stdin === 'string' ? Buffer.from(options.stdin) : (options.stdin ?? Buffer.alloc(0))]),
      stdout: { write: (chunk: string) => (stdout += chunk), isTTY: options.isTTY ?? false },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      env: options.env ?? {},
      cwd: options.cwd ?? FIXTURES,
      home: emptyHome,
    },
    { rules: options.rules ?? [DL3006], shellcheck: options.shellcheck ?? null },
  );
  return { code, stdout, stderr };
}
