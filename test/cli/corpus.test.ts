import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/rules/index.js';
import { run } from './run.js';

/** 2,369 real Dockerfiles, kept beside the repository (not in it); see ../shared/corpus/README.md. */
const CORPUS = resolve(import.meta.dirname, '../../../shared/corpus/dockerfiles');

describe.skipIf(!existsSync(CORPUS))('plimsoll lint on the real-world corpus', () => {
  it('lints every file with every rule, in one run, without an internal error', async () => {
    const files = readdirSync(CORPUS, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    expect(files.length).toBeGreaterThan(2000);
    const { code, stdout, stderr } = await run(['lint', '--format', 'json', ...files], { rules: allRules });
    const unexpected = stderr.split('\n').filter((line) => line !== '' && !/^plimsoll: warning: .*: the file is empty$/.test(line));
    expect(unexpected).toEqual([]);
    expect([0, 1]).toContain(code);
    const findings = JSON.parse(stdout) as Array<{ file: string }>;
    expect(findings.every((finding) => files.includes(finding.file))).toBe(true);
  }, 120_000);
});
