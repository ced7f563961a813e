import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { validateGraphQL } from './graphql-schema.js';

/**
 * Checks requests the app sends against GitHub's own OpenAPI description (@octokit/openapi), so a
 * nock mock cannot drift from the real API: the method and path template must exist, query
 * parameters must be documented, and the body must fit the documented schema (the JSON-schema
 * subset GitHub's description uses). GraphQL bodies are checked against GitHub's GraphQL schema.
 */
type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
  nullable?: boolean;
  maxItems?: number;
  minItems?: number;
  maxLength?: number;
};

interface Operation {
  parameters?: Array<{ name: string; in: string; $ref?: string }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
};

const templates = Object.keys(spec.paths).map((template) => ({
  template,
  pattern: new RegExp(
    '^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => (name === 'path' ? '(.+)' : '([^/]+)')) + '$',
  ),
}));

function resolve<T>(node: T & { $ref?: string }): T {
  let current: T & { $ref?: string } = node;
  while (current.$ref) {
    const parts = current.$ref.replace(/^#\//, '').split('/');
    let target: unknown = spec;
    for (const part of parts) target = (target as Record<string, unknown>)[part];
    current = target as T & { $ref?: string };
  }
  return current;
}

/** Problems with one request; empty when it fits GitHub's description. */
export function validateRequest(method: string, url: string, body: unknown): string[] {
  const parsed = new URL(url, 'https://api.github.com');
  const path = decodeURI(parsed.pathname);
  if (method === 'POST' && path === '/graphql') {
    const { query, variables } = (body ?? {}) as { query?: string; variables?: Record<string, unknown> };
    return validateGraphQL(query ?? '', variables ?? {}).map((problem) => `POST /graphql: ${problem}`);
  }
  const verb = method.toLowerCase();
  const candidates = templates.filter((t) => t.pattern.test(path) && spec.paths[t.template]![verb]);
  if (candidates.length === 0) return [`${method} ${path}: no such operation in GitHub's REST API`];
  // The most specific template: fewest parameters.
  candidates.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  const operation = spec.paths[candidates[0]!.template]![verb]!;
  const where = `${method} ${candidates[0]!.template}`;
  const problems: string[] = [];

  const params = (operation.parameters ?? []).map((p) => resolve(p));
  for (const name of parsed.searchParams.keys()) {
    if (!params.some((p) => p.in === 'query' && p.name === name)) problems.push(`${where}: query parameter ${name} is not documented`);
  }
  const schema = operation.requestBody?.content['application/json']?.schema;
  if (body !== undefined && body !== null && body !== '') {
    if (!schema) problems.push(`${where}: sends a body, but the operation takes none`);
    else problems.push(...validate(schema, body, `${where} body`));
  } else if (schema && resolve(schema).required?.length) {
    problems.push(`${where}: body required (${resolve(schema).required!.join(', ')})`);
  }
  return problems;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function validate(node: Schema, value: unknown, at: string): string[] {
  const schema = resolve(node);
  if (value === null && schema.nullable) return [];
  if (schema.allOf) return schema.allOf.flatMap((s) => validate(s, value, at));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key];
    if (options && !options.some((s) => validate(s, value, at).length === 0)) {
      return [`${at}: matches none of the ${key} alternatives (${options.map((s) => validate(s, value, at)[0]).join(' / ')})`];
    }
  }
  const problems: string[] = [];
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = typeOf(value);
    const fits = types.includes(actual) || (actual === 'integer' && types.includes('number'));
    if (!fits) return [`${at}: expected ${types.join('|')}, got ${actual}`];
  }
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'string' && schema.maxLength !== undefined && value.length > schema.maxLength) {
    problems.push(`${at}: ${value.length} characters, more than ${schema.maxLength}`);
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${at}: ${value.length} items, more than ${schema.maxItems}`);
    if (schema.items) value.forEach((item, i) => problems.push(...validate(schema.items!, item, `${at}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in record)) problems.push(`${at}: ${name} is required`);
    for (const [name, item] of Object.entries(record)) {
      const property = schema.properties?.[name];
      if (property) problems.push(...validate(property, item, `${at}.${name}`));
      else if (schema.additionalProperties === false || (schema.properties && schema.additionalProperties === undefined)) {
        problems.push(`${at}: ${name} is not a documented property`);
      } else if (typeof schema.additionalProperties === 'object') {
        problems.push(...validate(schema.additionalProperties, item, `${at}.${name}`));
      }
    }
  }
  return problems;
}
