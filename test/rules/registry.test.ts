import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILDKIT_RULE_NAMES } from '../../src/rules/buildkit/names.js';
import { allRules } from '../../src/rules/index.js';

const ruleFiles = readdirSync(new URL('../../src/rules/', import.meta.url))
  .filter((f) => /^(DL|PL)\d{4}\.ts$/.test(f))
  .map((f) => f.slice(0, -3))
  .sort();
const buildkitFiles = readdirSync(new URL('../../src/rules/buildkit/', import.meta.url))
  .filter((f) => /^[A-Z][A-Za-z]+\.ts$/.test(f))
  .map((f) => f.slice(0, -3))
  .sort();

describe('rule registry', () => {
  it('registers every rule file exactly once (run `node scripts/rules-index.js` when this fails)', () => {
    expect(allRules.map((r) => r.code).sort()).toEqual([...ruleFiles, ...buildkitFiles].sort());
    expect(BUILDKIT_RULE_NAMES).toEqual(buildkitFiles);
  });

  it.each(buildkitFiles)('BuildKit check %s exports the rule of its own file name, with docs and a test', (code) => {
    const rule = allRules.find((r) => r.code === code);
    expect(rule?.buildkit).toBeDefined();
    expect(rule?.level).toBe('warning');
    expect(existsSync(new URL(`../../docs/rules/${code}.md`, import.meta.url))).toBe(true);
    expect(existsSync(new URL(`./buildkit/${code}.test.ts`, import.meta.url))).toBe(true);
  });

  it.each(ruleFiles)('%s exports the rule of its own file name, with docs and a test', (code) => {
    expect(allRules.find((r) => r.code === code)?.code).toBe(code);
    expect(existsSync(new URL(`../../docs/rules/${code}.md`, import.meta.url))).toBe(true);
    expect(existsSync(new URL(`./${code}.test.ts`, import.meta.url))).toBe(true);
  });

  it('README lists every rule with its default level and message', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const codes = new Set(allRules.map((r) => r.code));
    const rows = readme.split('\n').filter((line) => /^\| \[(\w+)\]\(docs\/rules\//.test(line) && codes.has(/^\| \[(\w+)\]/.exec(line)![1]!));
    const expected = allRules.map(
      (r) => `| [${r.code}](docs/rules/${r.code}.md) | ${r.level === 'off' ? 'off (ignore)' : r.level} | ${r.message.replace(/\|/g, '\\|')} |`,
    );
    expect(rows).toEqual(expected);
  });
});
