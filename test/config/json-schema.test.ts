import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILES } from '../../src/config/json-schema.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const REGENERATE = 'UPDATE_SCHEMAS=1 npx vitest run test/config/json-schema.test.ts';

describe('published JSON Schemas', () => {
  it.each(Object.entries(SCHEMA_FILES))('%s matches the zod schema', (file, generate) => {
    const path = `${root}${file}`;
    const expected = generate();
    if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(path, expected);
    const committed = existsSync(path) ? readFileSync(path, 'utf8') : '';
    expect(committed, `${file} is out of date with src/policy; regenerate it with: ${REGENERATE}`).toBe(expected);
  });

  it('rejects unknown keys and keeps the documented keys', () => {
    const policy = JSON.parse(SCHEMA_FILES['schema/plimsoll-policy.schema.json']()) as {
      additionalProperties: boolean;
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(policy.additionalProperties).toBe(false);
    expect(policy.required).toEqual(['version']);
    expect(Object.keys(policy.properties)).toEqual([
      'version', 'ops', 'trusted-registries', 'images', 'banned', 'exceptions', 'bumps', 'rules',
      'inline-ignore', 'require-digest', 'own-images', 'upstream', 'deploy',
    ]);
  });
});
