import { describe, expect, it } from 'vitest';
import { formatPolicyError } from '../../src/config/errors.js';
import { loadPolicy } from '../../src/config/load.js';
import { loadRepoConfig } from '../../src/config/repo-config.js';
import { MAX_DEPTH, parseYaml } from '../../src/config/yaml-file.js';

/** Hostile configuration files get one clear error at their line, never a crash or a hang. */

const NESTING = `it nests more than ${MAX_DEPTH} levels deep, deeper than any real file; not read`;

function blockNesting(levels: number): string {
  let text = 'version: 1\nrules:\n';
  for (let i = 0; i < levels; i++) text += `${' '.repeat(i + 2)}k${i}:\n`;
  return text;
}

describe('parseYaml: the config loader on hostile input', () => {
  it('reads 10,000 keys of one mapping, and finds the one written twice among them at its line', () => {
    let text = 'version: 1\nrules:\n';
    for (let i = 0; i < 10_000; i++) text += `  DL${String(i).padStart(4, '0')}: off\n`;
    const loaded = loadRepoConfig(text);
    expect(loaded.ok && Object.keys(loaded.config.rules)).toHaveLength(10_000);

    const twice = loadRepoConfig(`${text}  DL0042: error\n`);
    expect(twice.ok ? [] : twice.errors.map(formatPolicyError)).toEqual([
      '.github/plimsoll.yml:10003: not valid YAML: the key "DL0042" is written twice in one mapping',
    ]);
  });

  it.each([
    ['flow lists', `version: 1\nimages: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    ['flow mappings', `version: 1\nimages: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`],
    ['block mappings', blockNesting(10_000)],
    ['block lists', `version: 1\nimages:\n${Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i * 2)}- `).join('\n')}x\n`],
  ])('refuses 10,000 levels of %s with a clear message, in the policy and the repository config', (_name, text) => {
    for (const result of [loadPolicy(text), loadRepoConfig(text)]) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]!.message).toBe(NESTING);
      expect(result.errors[0]!.line).toBeGreaterThanOrEqual(2);
    }
  });

  it('reads a config nested as deep as real ones go', () => {
    expect(parseYaml(blockNesting(MAX_DEPTH - 8), 'c.yml').ok).toBe(true);
  });

  it('refuses aliases that expand a small file to a billion values (billion laughs)', () => {
    let text = 'version: 1\na: &a ["x","x","x","x","x","x","x","x","x","x"]\n';
    let previous = 'a';
    for (let i = 0; i < 8; i++) {
      text += `b${i}: &b${i} [${Array<string>(10).fill(`*${previous}`).join(',')}]\n`;
      previous = `b${i}`;
    }
    const loaded = loadPolicy(text);
    expect(loaded.ok ? [] : loaded.errors.map((e) => e.message)).toEqual(['its aliases expand to more than 1000000 values, more than any real config; not read']);
  });

  it('follows aliases a real config uses, and places values behind them', () => {
    const loaded = parseYaml('base: &base\n  team: platform\nops: *base\n', 'p.yml');
    expect(loaded.ok && loaded.file.value).toEqual({ base: { team: 'platform' }, ops: { team: 'platform' } });
  });

  it('refuses a file of two documents at the second', () => {
    expect(parseYaml('version: 1\n---\nversion: 1\n', 'p.yml')).toEqual({
      ok: false,
      errors: [{ file: 'p.yml', line: 2, column: 1, message: 'not valid YAML: the file holds more than one YAML document' }],
    });
  });

  it('reads an empty file, or one of comments only, as nothing', () => {
    for (const text of ['', '# nothing here\n']) expect(parseYaml(text, 'c.yml')).toMatchObject({ ok: true, file: { value: null } });
  });
});
