import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findShellCheck, parseJson1, processRunner } from '../../src/shellcheck/run.js';

const dir = mkdtempSync(join(tmpdir(), 'plimsoll-fake-shellcheck-'));

/** A stand-in for the binary: answers each file with one comment whose message is its name, and counts its runs. */
function fakeShellCheck(body?: string): { binary: string; runs: () => number } {
  const counter = join(dir, `runs-${Math.random().toString(36).slice(2)}`);
  writeFileSync(counter, '');
  const binary = join(dir, `shellcheck-${Math.random().toString(36).slice(2)}`);
  writeFileSync(binary, body ?? `#!/bin/sh
echo run >> '${counter}'
printf '{"comments":['
sep=''
for a in "$@"; do
  case "$a" in --*) continue;; esac
  printf '%s{"file":"%s","line":1,"endLine":1,"column":1,"endColumn":2,"level":"info","code":2086,"message":"%s"}' "$sep" "$a" "$a"
  sep=','
done
printf ']}'
`);
  chmodSync(binary, 0o755);
  return { binary, runs: () => readFileSync(counter, 'utf8').split('\n').filter(Boolean).length };
}

describe('processRunner', () => {
  it('checks each distinct script once, and hands every script its own comments in order', async () => {
    const fake = fakeShellCheck();
    const result = await processRunner(fake.binary).check(['echo a', 'echo b', 'echo a', 'echo c']);
    expect(result).toEqual({ ok: true, comments: [0, 1, 0, 2].map((i) => [expect.objectContaining({ message: `${i}.sh`, code: 2086 })]) });
    expect(fake.runs()).toBe(1);
  });

  it('splits a large batch into processes of at most 1,000 scripts, results still in order', async () => {
    const fake = fakeShellCheck();
    const scripts = Array.from({ length: 2_500 }, (_, i) => `echo ${i}`);
    const result = await processRunner(fake.binary, { parallel: 2 }).check(scripts);
    if (!result.ok) throw new Error(result.reason);
    expect(result.comments.map((comments) => comments[0]!.message)).toEqual(scripts.map((_, i) => `${i}.sh`));
    expect(fake.runs()).toBe(3);
  }, 30_000);

  it('spreads a batch over the cores, keeping a small one in one process', async () => {
    const spread = fakeShellCheck();
    await processRunner(spread.binary, { parallel: 4 }).check(Array.from({ length: 400 }, (_, i) => `echo ${i}`));
    expect(spread.runs()).toBe(4);
    const small = fakeShellCheck();
    await processRunner(small.binary, { parallel: 4 }).check(Array.from({ length: 40 }, (_, i) => `echo ${i}`));
    expect(small.runs()).toBe(1);
  });

  it('checks nothing when there is nothing to check', async () => {
    const fake = fakeShellCheck();
    expect(await processRunner(fake.binary).check([])).toEqual({ ok: true, comments: [] });
    expect(fake.runs()).toBe(0);
  });

  it('reports a binary that fails, with its first line of stderr', async () => {
    const fake = fakeShellCheck('#!/bin/sh\necho "unrecognized option --format=json1" >&2\nexit 3\n');
    expect(await processRunner(fake.binary).check(['echo a'])).toEqual({ ok: false, reason: 'shellcheck failed (unrecognized option --format=json1)' });
  });

  it('stops a binary that hangs', async () => {
    const fake = fakeShellCheck('#!/bin/sh\nsleep 10\n');
    expect(await processRunner(fake.binary, { timeoutMs: 200 }).check(['echo a'])).toEqual({ ok: false, reason: 'shellcheck took longer than 0.2 s and was stopped' });
  });
});

describe('parseJson1', () => {
  it('keeps well-formed comments and refuses what is not json1', () => {
    expect(parseJson1('{"comments":[{"file":"0.sh","line":2,"endLine":2,"column":1,"endColumn":3,"level":"info","code":2086,"message":"m"},{"bogus":1}]}')).toHaveLength(1);
    expect(parseJson1('In 0.sh line 2:')).toBeNull();
    expect(parseJson1('[]')).toBeNull();
  });
});

describe('findShellCheck', () => {
  it('finds the binary on PATH, takes PLIMSOLL_SHELLCHECK, and says why there is none', () => {
    const fake = fakeShellCheck();
    const onPath = join(dir, 'bin');
    writeFileSync(join(dir, 'placeholder'), '');
    expect(findShellCheck({ PLIMSOLL_SHELLCHECK: fake.binary })).toEqual({ binary: fake.binary });
    expect(findShellCheck({ PLIMSOLL_SHELLCHECK: 'off', PATH: onPath })).toEqual({ off: true });
    expect(findShellCheck({ PATH: `relative/bin:${join(dir, 'none')}` })).toEqual({ missing: 'shellcheck is not installed (not found on PATH)' });
    expect(findShellCheck({ PLIMSOLL_SHELLCHECK: join(dir, 'placeholder') })).toEqual({ missing: `PLIMSOLL_SHELLCHECK=${join(dir, 'placeholder')} is not an executable file` });
  });
});
