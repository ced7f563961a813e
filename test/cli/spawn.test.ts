import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** The real process: tsx runs src/cli.ts, with real stdin, stdout, stderr and exit status. */
function plimsoll(args: string[], input = '') {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', HOME: resolve(ROOT, 'fixtures/cli') },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('plimsoll as a process', () => {
  it('lints stdin and exits 1 on an error-level finding', () => {
    const { code, stdout, stderr } = plimsoll(['lint', '--format', 'json', '-'], 'FROM alpine:3.19\nFORM x\n');
    // Without the shellcheck binary the SC rules are skipped, and the run says so.
    expect(stderr.replace(/^plimsoll: warning: ShellCheck \(SC\) rules skipped: .*\n/, '')).toBe('');
    expect(JSON.parse(stdout)).toContainEqual({ code: 'DL1000', column: 1, file: '-', level: 'error', line: 2, message: 'unknown instruction: FORM' });
    expect(code).toBe(1);
  });

  it('exits 2 with one line on stderr for a missing file', () => {
    const { code, stderr } = plimsoll(['lint', 'no/such/Dockerfile']);
    expect(stderr).toBe('plimsoll: no/such/Dockerfile: no such file or directory\n');
    expect(code).toBe(2);
  });
});
