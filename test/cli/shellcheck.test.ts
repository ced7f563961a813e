import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { ShellCheckRunner } from '../../src/shellcheck/run.js';
import { FIXTURES, run } from './run.js';

const home = mkdtempSync(join(tmpdir(), 'plimsoll-home-'));

/** The CLI as a user runs it: every rule, ShellCheck found through the environment. */
async function plimsoll(argv: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdin: Readable.from([]),
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: false },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env,
    cwd: FIXTURES,
    home,
  });
  return { code, stdout, stderr };
}

const fakeShellCheck: ShellCheckRunner = {
  async check(files) {
    return {
      ok: true,
      comments: files.map((file) => [{
        line: file.split('\n').length, endLine: file.split('\n').length, column: 1, endColumn: 5,
        level: 'info', code: 2086, message: 'Double quote to prevent globbing and word splitting.',
      }]),
    };
  },
};

describe('plimsoll lint and ShellCheck', () => {
  it('reports SC findings with hadolint\'s code, level and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plimsoll-sc-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM debian:12\nRUN echo $a\n');
    const { stdout, stderr } = await run(['lint', '--format', 'json', join(dir, 'Dockerfile')], { rules: [], shellcheck: fakeShellCheck });
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual([
      { code: 'SC2086', column: 1, file: join(dir, 'Dockerfile'), level: 'info', line: 2, message: 'Double quote to prevent globbing and word splitting.' },
    ]);
  });

  it('without the binary, lints anyway and says once on stderr that SC rules were skipped', async () => {
    const { code, stdout, stderr } = await plimsoll(['lint', '--format', 'json', 'repo'], { PATH: '/nonexistent' });
    expect(stderr).toBe('plimsoll: warning: ShellCheck (SC) rules skipped: shellcheck is not installed (not found on PATH)\n');
    expect(JSON.parse(stdout).length).toBeGreaterThan(0);
    expect(code).toBe(0);
  });

  it('PLIMSOLL_SHELLCHECK=off runs no SC rules and says nothing', async () => {
    const { stderr } = await plimsoll(['lint', '--format', 'json', 'repo'], { PLIMSOLL_SHELLCHECK: 'off' });
    expect(stderr).toBe('');
  });

  it('PLIMSOLL_SHELLCHECK naming no executable is said, and lint goes on', async () => {
    const { stderr } = await plimsoll(['lint', 'repo/Dockerfile'], { PLIMSOLL_SHELLCHECK: '/nonexistent/shellcheck' });
    expect(stderr).toBe('plimsoll: warning: ShellCheck (SC) rules skipped: PLIMSOLL_SHELLCHECK=/nonexistent/shellcheck is not an executable file\n');
  });
});

describe('plimsoll lint --jobs', () => {
  it('prints exactly the same with 1 and 2 worker threads', async () => {
    const env = { PLIMSOLL_SHELLCHECK: 'off' };
    const one = await plimsoll(['lint', '--format', 'json', '--jobs', '1', 'repo', 'bad/typo.Dockerfile', 'policy'], env);
    const two = await plimsoll(['lint', '--format', 'json', '--jobs', '2', 'repo', 'bad/typo.Dockerfile', 'policy'], env);
    expect(JSON.parse(one.stdout).length).toBeGreaterThan(5);
    expect(two).toEqual(one);
    const tty = await plimsoll(['lint', '--jobs', '3', 'repo', 'bad/typo.Dockerfile', 'policy'], env);
    expect(tty.stdout).toBe((await plimsoll(['lint', 'repo', 'bad/typo.Dockerfile', 'policy'], env)).stdout);
  }, 60_000);

  it('refuses a --jobs that is not a positive number', async () => {
    const { code, stderr } = await plimsoll(['lint', '--jobs', '0', 'repo'], {});
    expect(stderr).toBe('plimsoll: --jobs "0": use a number from 1 to 256\n');
    expect(code).toBe(2);
  });
});
