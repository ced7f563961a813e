import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint/lint.js';
import { allRules } from '../src/rules/index.js';
import { defaultSettings } from '../src/lint/settings.js';
import { corpusDir, corpusFiles } from './corpus.js';

const files = corpusFiles();

describe.skipIf(files.length === 0)(`every Dockerfile of the corpus (${corpusDir})`, () => {
  it(`lints all ${files.length} files with every rule on, without a crash`, () => {
    // Every rule on, off-by-default ones included, as hadolint's specs run them.
    const settings = { ...defaultSettings(), levels: Object.fromEntries(allRules.filter((r) => r.level === 'off').map((r) => [r.code, 'info' as const])) };
    const crashes: string[] = [];
    let findings = 0;
    for (const file of files) {
      try {
        const result = lintText(file, readFileSync(file, 'utf8'), { settings });
        findings += result.findings.length;
        for (const f of result.findings) {
          if (!(f.line >= 1 && f.column >= 1)) crashes.push(`${file}: ${f.code} at ${f.line}:${f.column}`);
        }
      } catch (error) {
        crashes.push(`${file}: ${(error as Error).stack}`);
      }
    }
    expect(crashes).toEqual([]);
    expect(findings).toBeGreaterThan(files.length);
  }, 120_000);

  it('resolves the FROM lines of the official images to concrete references', () => {
    const file = files.find((f) => f.includes('docker-library__python'))!;
    const { dockerfile } = lintText(file, readFileSync(file, 'utf8'));
    expect(dockerfile.stages.some((s) => s.image.kind === 'image' && s.image.ref !== null)).toBe(true);
  });
});
