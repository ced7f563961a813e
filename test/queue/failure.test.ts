import { GraphqlResponseError } from '@octokit/graphql';
import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../src/queue/failure.js';

const graphqlError = (errors: { type?: string; message: string }[]) =>
  new GraphqlResponseError({ method: 'POST', url: '/graphql' }, {}, { data: {}, errors: errors as never });

describe('classifyFailure', () => {
  it.each([
    ['a secondary rate limit with retry-after', { status: 403, message: 'You have exceeded a secondary rate limit', response: { headers: { 'retry-after': '30' } } }, { kind: 'rate-limited', waitMs: 30_000 }],
    ['a primary limit at zero with its reset', { status: 403, message: 'API rate limit exceeded', response: { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1060' } } }, { kind: 'rate-limited', waitMs: 60_000 }],
    ['a 429 without headers', { status: 429, message: 'Too many requests' }, { kind: 'rate-limited', waitMs: 60_000 }],
    ['a 502', { status: 502, message: 'Bad Gateway' }, { kind: 'transient' }],
    ['a 422', { status: 422, message: 'Validation Failed' }, { kind: 'permanent' }],
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), { kind: 'transient' }],
    ['a GraphQL rate limit', graphqlError([{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }]), { kind: 'rate-limited', waitMs: 60_000 }],
    ['a GraphQL refusal', graphqlError([{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }]), { kind: 'permanent' }],
    ['a branch that moved under expectedHeadOid', graphqlError([{ message: 'Expected branch to point to "abc" but it did not. Pull and try again.' }]), { kind: 'transient' }],
    ['a programming error', new TypeError('x is undefined'), { kind: 'permanent' }],
  ])('%s', (_name, error, expected) => {
    expect(classifyFailure(error, 1_000_000)).toEqual(expected);
  });
});
