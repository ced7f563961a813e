import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/config/load.js';
import { loadRepoConfig } from '../../src/config/repo-config.js';

const doc = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('README.md', () => {
  it('its full policy example is a valid policy', () => {
    const example = yamlBlocks.find((b) => b.includes('version: 1') && b.includes('images:'))!;
    expect(loadPolicy(example)).toMatchObject({ ok: true });
  });

  it('its repository config example is valid, and nothing in it is refused', () => {
    const example = yamlBlocks.find((b) => b.includes('plimsoll-config.schema.json'))!;
    expect(loadRepoConfig(example)).toMatchObject({ ok: true, rejected: [] });
  });
});
