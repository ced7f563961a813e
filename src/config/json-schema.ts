import { z } from 'zod';
import { repoConfigSchema } from './repo-config.js';
import { policySchema } from './schema.js';

/**
 * JSON Schemas of the two files, generated from the zod schemas so they never drift. Editors use
 * them through `# yaml-language-server: $schema=<url>` for completion and checking. Pure: the test
 * in test/config/json-schema.test.ts compares (and, asked to, rewrites) the committed files.
 */

const BASE_URL = 'https://raw.githubusercontent.com/plimsoll-app/plimsoll/main/schema';

export const SCHEMA_FILES = {
  'schema/plimsoll-policy.schema.json': () => render(policySchema, 'plimsoll-policy.schema.json', 'Plimsoll policy'),
  'schema/plimsoll-config.schema.json': () => render(repoConfigSchema, 'plimsoll-config.schema.json', 'Plimsoll repository config'),
} as const;

export function schemaUrl(file: 'plimsoll-policy.schema.json' | 'plimsoll-config.schema.json'): string {
  return `${BASE_URL}/${file}`;
}

function render(schema: z.ZodType, file: 'plimsoll-policy.schema.json' | 'plimsoll-config.schema.json', title: string): string {
  const generated = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return `${JSON.stringify({ $schema, $id: schemaUrl(file), title, ...rest }, null, 2)}\n`;
}
