import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/findings.js';
import { lintText } from '../src/lint/lint.js';
import { allRules } from '../src/rules/index.js';
import { defaultSettings } from '../src/rules/settings.js';
import { corpusDir, corpusFiles } from './corpus.js';

const files = corpusFiles();
const REFERENCE = new URL('../fixtures/corpus/findings.json', import.meta.url);

function digest(findings: readonly Finding[]): string {
  const text = findings.map((f) => `${f.line}:${f.column} ${f.code} ${f.level} ${f.message}`).join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

describe.skipIf(files.length === 0)(`every Dockerfile of the corpus (${corpusDir})`, () => {
  it(`lints all ${files.length} files with every rule on, without a crash, finding what the reference found`, () => {
    // Every rule on, off-by-default ones included, as hadolint's specs run them.
    const settings = { ...defaultSettings(), levels: Object.fromEntries(allRules.filter((r) => r.level === 'off').map((r) => [r.code, 'info' as const])) };
    const crashes: string[] = [];
    const digests: Record<string, string> = {};
    let findings = 0;
    for (const file of files) {
      try {
        const result = lintText(file, readFileSync(file, 'utf8'), { settings });
        findings += result.findings.length;
        digests[relative(corpusDir, file)] = digest(result.findings);
        for (const f of result.findings) {
          if (!(f.line >= 1 && f.column >= 1)) crashes.push(`${file}: ${f.code} at ${f.line}:${f.column}`);
        }
      } catch (error) {
        crashes.push(`${file}: ${(error as Error).stack}`);
      }
    }
    expect(crashes).toEqual([]);
    expect(findings).toBeGreaterThan(files.length);
    // Speed work must not change a finding: every file's findings (code, place, level, message)
    // hash to what the reference run stored. A deliberate rule change regenerates the reference:
    // UPDATE_CORPUS_FINDINGS=1 npx vitest run test/corpus.test.ts
    if (process.env.UPDATE_CORPUS_FINDINGS) writeFileSync(REFERENCE, `${JSON.stringify(digests, null, 1)}\n`);
    const reference = existsSync(REFERENCE) ? (JSON.parse(readFileSync(REFERENCE, 'utf8')) as Record<string, string>) : {};
    const changed = Object.keys({ ...reference, ...digests }).filter((file) => reference[file] !== digests[file]);
    expect(changed).toEqual([]);
  }, 120_000);

  it('resolves the FROM lines of the official images to concrete references', () => {
    const file = files.find((f) => f.includes('docker-library__python'))!;
    const { dockerfile } = lintText(file, readFileSync(file, 'utf8'));
    expect(dockerfile.stages.some((s) => s.image.kind === 'image' && s.image.ref !== null)).toBe(true);
  });
});
