import { describe, expect, it } from 'vitest';
import { validateGraphQL } from './graphql-schema.js';

describe('validateGraphQL (GitHub public schema)', () => {
  it('accepts a valid query with its variables', () => {
    expect(validateGraphQL('query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { id } }', { owner: 'a', name: 'b' })).toEqual([]);
  });
  it('names a field GitHub does not have, and a variable of the wrong type', () => {
    expect(validateGraphQL('query { repository(owner: "a", name: "b") { dockerfiles } }')).toEqual(['Cannot query field "dockerfiles" on type "Repository".']);
    expect(validateGraphQL('query($n: Int!) { repository(owner: "a", name: "b") { pullRequest(number: $n) { id } } }', { n: 'x' })[0]).toMatch(/\$n.*Int/);
  });
  it('refuses an input field a mutation does not take', () => {
    const problems = validateGraphQL('mutation { createPullRequest(input: { repositoryId: "R", baseRefName: "main", headRefName: "b", title: "t", labels: ["x"] }) { clientMutationId } }');
    expect(problems.join('\n')).toMatch(/labels/);
  });
});
