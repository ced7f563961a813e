import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, getVariableValues, Kind, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/**
 * Checks GraphQL documents the app sends against GitHub's own public schema
 * (@octokit/graphql-schema): every field, argument, input field and enum value must exist, and the
 * variables must fit their declared types. A nock reply cannot hide a mutation GitHub would refuse.
 */
// The package exports only its JS entry; the SDL file sits beside it.
const SDL = join(dirname(fileURLToPath(import.meta.resolve('@octokit/graphql-schema'))), 'schema.graphql');
let schema: GraphQLSchema | null = null;

function githubSchema(): GraphQLSchema {
  schema ??= buildSchema(readFileSync(SDL, 'utf8'), { assumeValidSDL: true });
  return schema;
}

/** Problems with one request body (`{ query, variables }`), as sentences; empty when GitHub would accept it. */
export function validateGraphQL(query: string, variables: Record<string, unknown> = {}): string[] {
  let document;
  try {
    document = parse(query);
  } catch (error) {
    return [`GraphQL syntax: ${(error as Error).message}`];
  }
  const problems = validate(githubSchema(), document).map((error) => error.message);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operation && problems.length === 0) {
    const coerced = getVariableValues(githubSchema(), operation.variableDefinitions ?? [], variables);
    problems.push(...(coerced.errors ?? []).map((error) => error.message));
  }
  return problems;
}
