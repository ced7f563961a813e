import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, run } from './run.js';

const DIFF =
  '--- a/Dockerfile\n' +
  '+++ b/Dockerfile\n' +
  '@@ -1,6 +1,6 @@\n' +
  '-ARG NODE=18.19.0\n' +
  '+ARG NODE=18.19.1\n' +
  ' FROM node:${NODE}-alpine3.19 AS build\n' +
  ' RUN npm ci\n' +
  ' \n' +
  '-FROM node:20.9.0\n' +
  '+FROM node:20.11.1\n' +
  ' COPY --from=build /app /app\n';

describe('plimsoll bump', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plimsoll-bump-'));
    await cp(join(FIXTURES, 'bump'), dir, { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the edits as a unified diff, writes nothing, and exits 1 while bumps are due', async () => {
    const before = await readFile(join(dir, 'Dockerfile'), 'utf8');
    const { code, stdout, stderr } = await run(['bump', '--policy', 'plimsoll-policy.yml', 'Dockerfile', 'current.Dockerfile'], { cwd: dir });
    expect(stdout).toBe(DIFF);
    expect(stderr).toBe('');
    expect(await readFile(join(dir, 'Dockerfile'), 'utf8')).toBe(before);
    expect(code).toBe(1);
  });

  it('--write applies the edits, keeping everything else', async () => {
    const { code, stdout, stderr } = await run(['bump', '--policy', 'plimsoll-policy.yml', '--write', '.'], { cwd: dir });
    expect(stdout).toBe(DIFF);
    expect(stderr).toBe(
      'plimsoll: note: stuck.Dockerfile:1: python:2.7.18: 2.7.18 is not on the whitelist; no listed version of the same form within minor updates to move to\n' +
        'plimsoll: wrote Dockerfile (2 edits)\n',
    );
    expect(await readFile(join(dir, 'Dockerfile'), 'utf8')).toBe(
      'ARG NODE=18.19.1\nFROM node:${NODE}-alpine3.19 AS build\nRUN npm ci\n\nFROM node:20.11.1\nCOPY --from=build /app /app\n',
    );
    expect(await readFile(join(dir, 'stuck.Dockerfile'), 'utf8')).toBe('FROM python:2.7.18\n');
    expect(code).toBe(0);
    // Running again finds nothing to do.
    const again = await run(['bump', '--policy', 'plimsoll-policy.yml', 'Dockerfile'], { cwd: dir });
    expect(again).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('reads stdin without --write', async () => {
    const { code, stdout } = await run(['bump', '--policy', join(dir, 'plimsoll-policy.yml'), '-'], { stdin: 'FROM node:18.18.0\n' });
    expect(stdout).toBe('--- a/-\n+++ b/-\n@@ -1 +1 @@\n-FROM node:18.18.0\n+FROM node:18.19.1\n');
    expect(code).toBe(1);
  });

  it.each([
    [['bump', '.'], /^plimsoll: --policy FILE is required/],
    [['bump', '--policy', 'plimsoll-policy.yml'], /^plimsoll: no PATH given/],
    [['bump', '--policy', 'plimsoll-policy.yml', '--write', '-'], /^plimsoll: --write cannot write to stdin \(-\); drop --write to see the diff\n$/],
    [['bump', '--policy', 'missing.yml', '.'], /^plimsoll: missing.yml: policy file not found\n$/],
  ])('%j exits 2', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv, { cwd: dir });
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('says on stderr why it leaves what lint flags, and every digest it removes', async () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    const stdin = `FROM node:latest\nFROM node:20.9.0@${digest}\n`;
    const { code, stdout, stderr } = await run(['bump', '--policy', join(dir, 'plimsoll-policy.yml'), '-'], { stdin });
    expect(stdout).toBe(`--- a/-\n+++ b/-\n@@ -1,2 +1,2 @@\n FROM node:latest\n-FROM node:20.9.0@${digest}\n+FROM node:20.11.1\n`);
    expect(stderr).toBe(
      'plimsoll: note: -:1: node:latest: latest is a floating tag; a bump moves pinned versions only, so pin it by hand (use node:20.11.1)\n' +
        `plimsoll: note: -:2: node:20.9.0@${digest}: digest removed, the policy pins none for node:20.11.1; pin one if you rely on digests\n`,
    );
    expect(code).toBe(1);
  });

  it('names unreadable input and still bumps the other files', async () => {
    const { code, stdout, stderr } = await run(['bump', '--policy', 'plimsoll-policy.yml', 'nope/Dockerfile', 'Dockerfile'], { cwd: dir });
    expect(stderr).toBe('plimsoll: nope/Dockerfile: no such file or directory\n');
    expect(stdout).toBe(DIFF);
    expect(code).toBe(2);
  });
});
