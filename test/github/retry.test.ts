import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileText } from '../../src/github/client.js';
import { describeGitHubError, rateLimitWait, withRetry, type HttpError } from '../../src/github/retry.js';
import { checkedScope, takeViolations } from './checked-scope.js';

const http = (status: number, message = 'x', headers: Record<string, string> = {}, data?: unknown): HttpError => ({ status, message, response: { headers, data } });

describe('rateLimitWait: how long GitHub asks us to wait', () => {
  const now = Math.floor(Date.now() / 1000);
  it.each<[string, HttpError, number | null]>([
    ['retry-after on a 429', http(429, 'Too Many Requests', { 'retry-after': '30' }), 30],
    ['retry-after on a 403 (secondary rate limit)', http(403, 'x', { 'retry-after': '5' }), 5],
    ['the primary limit used up: until the reset', http(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now + 100) }), 100],
    ['a reset in the past: no wait', http(403, 'x', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now - 10) }), 0],
    ['a secondary rate limit said only in words: a minute', http(403, 'You have exceeded a secondary rate limit'), 60],
    ['a garbage retry-after: no wait rather than NaN', http(429, 'x', { 'retry-after': 'soon' }), 0],
    ['a plain 403 is a refusal, not a limit', http(403, 'Resource not accessible by integration'), null],
    ['a 500 is not a limit', http(500, 'x', { 'retry-after': '5' }), null],
  ])('%s', (_name, error, wait) => {
    const got = rateLimitWait(error);
    if (wait === null || wait === 0) expect(got).toBe(wait);
    else {
      // A reset time is counted from now: a second may pass between the two clocks.
      expect(got).toBeGreaterThanOrEqual(wait - 1);
      expect(got).toBeLessThanOrEqual(wait);
    }
  });
});

describe('describeGitHubError: what people read', () => {
  it.each<[string, unknown, string]>([
    ['401', http(401, 'Bad credentials'), "Reading x failed: the app's credentials were refused (401)"],
    ['403 with what GitHub said', http(403, 'x', {}, { message: 'Resource not accessible by integration' }), 'Reading x was forbidden (403): the app lacks a permission or access to this repository: Resource not accessible by integration'],
    ['404', http(404, 'Not Found', {}, { message: 'Not Found' }), 'Reading x failed: not found (404), or the app cannot see it: Not Found'],
    ['422 with every error GitHub listed', http(422, 'x', {}, { message: 'Validation Failed', errors: ['a', { message: 'b' }, { code: 'c' }] }), 'Reading x was rejected by GitHub (422): Validation Failed; a; b'],
    ['409', http(409, 'x', {}, { message: 'Git Repository is empty.' }), 'Reading x failed with status 409: Git Repository is empty.'],
    ['5xx', http(503, 'x'), 'Reading x failed: GitHub answered 503 and kept failing after retries'],
    ['a rate limit', http(429, 'x', { 'retry-after': '42' }), "Reading x hit GitHub's rate limit (retry after 42 s)"],
    ['not an HTTP error', new Error('socket hang up'), 'Reading x failed: socket hang up'],
  ])('%s', (_name, error, text) => {
    expect(describeGitHubError(error, 'Reading x')).toBe(text);
  });
});

describe('withRetry', () => {
  const run = async (answers: Array<HttpError | Error | 'ok'>, options: { attempts?: number; maxWaitMs?: number } = {}) => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        const answer = answers[calls++]!;
        if (answer === 'ok') return 'ok';
        throw answer;
      },
      { ...options, sleep: async (ms) => void waits.push(ms) },
    ).catch((error: unknown) => error);
    return { result, calls, waits };
  };

  it('retries 5xx with growing pauses, and succeeds', async () => {
    expect(await run([http(502), http(500), 'ok'])).toEqual({ result: 'ok', calls: 3, waits: [1000, 2000] });
  });

  it('gives up after the attempts, with the last error', async () => {
    const last = http(503, 'third');
    expect(await run([http(500), http(502), last, 'ok'])).toEqual({ result: last, calls: 3, waits: [1000, 2000] });
  });

  it.each([401, 403, 404, 409, 422])('%i is not retried', async (status) => {
    const refusal = http(status);
    expect(await run([refusal, 'ok'])).toEqual({ result: refusal, calls: 1, waits: [] });
  });

  it('a rate limit waits what GitHub asks; one longer than allowed fails at once', async () => {
    expect(await run([http(429, 'x', { 'retry-after': '3' }), 'ok'])).toEqual({ result: 'ok', calls: 2, waits: [3000] });
    const long = http(403, 'x', { 'retry-after': '300' });
    expect(await run([long, 'ok'], { maxWaitMs: 60_000 })).toEqual({ result: long, calls: 1, waits: [] });
  });

  it('an error that is not from GitHub (a bug, a parse error) is not retried', async () => {
    const bug = new TypeError('x is undefined');
    expect(await run([bug, 'ok'])).toEqual({ result: bug, calls: 1, waits: [] });
  });
});

describe('retries against GitHub itself', () => {
  const octokit = () => new ProbotOctokit({ auth: { token: 't' }, throttle: { enabled: false }, retry: { enabled: false } });
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    expect(takeViolations()).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });

  it('a hung connection times out and is asked again', async () => {
    checkedScope().get('/repos/acme/api/contents/Dockerfile').delayConnection(2_000).reply(200, 'never');
    checkedScope().get('/repos/acme/api/contents/Dockerfile').reply(200, 'FROM node:20\n');
    const waits: number[] = [];
    const text = await readFileText(octokit(), { owner: 'acme', repo: 'api', path: 'Dockerfile', timeoutMs: 100 }, { sleep: async (ms) => void waits.push(ms) });
    expect(text).toBe('FROM node:20\n');
    expect(waits).toEqual([1000]);
  });

  it('a 429 then the answer', async () => {
    checkedScope().get('/repos/acme/api/contents/Dockerfile').reply(429, { message: 'slow down' }, { 'retry-after': '2' });
    checkedScope().get('/repos/acme/api/contents/Dockerfile').reply(200, 'FROM node:20\n');
    const waits: number[] = [];
    expect(await readFileText(octokit(), { owner: 'acme', repo: 'api', path: 'Dockerfile' }, { sleep: async (ms) => void waits.push(ms) })).toBe('FROM node:20\n');
    expect(waits).toEqual([2000]);
  });
});
