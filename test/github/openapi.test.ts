import { describe, expect, it } from 'vitest';
import { validateRequest } from './openapi.js';

describe('validateRequest (GitHub OpenAPI)', () => {
  it('accepts a documented request', () => {
    expect(validateRequest('POST', '/repos/acme/web/check-runs', { name: 'plimsoll', head_sha: 'abc', status: 'in_progress' })).toStrictEqual([]);
    expect(validateRequest('GET', '/repos/acme/web/contents/services/api/Dockerfile?ref=abc', undefined)).toStrictEqual([]);
  });

  it('rejects an unknown path, a wrong method and an undocumented query parameter', () => {
    expect(validateRequest('GET', '/repos/acme/web/check-run', undefined)).toStrictEqual([
      'GET /repos/acme/web/check-run: no such operation in GitHub\'s REST API',
    ]);
    expect(validateRequest('DELETE', '/repos/acme/web/check-runs', undefined)[0]).toMatch(/no such operation/);
    expect(validateRequest('GET', '/repos/acme/web/pulls/7/files?colour=red', undefined)).toStrictEqual([
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files: query parameter colour is not documented',
    ]);
  });

  it('rejects bodies that do not fit the schema', () => {
    expect(validateRequest('POST', '/repos/acme/web/check-runs', { name: 'plimsoll' })).toStrictEqual([
      'POST /repos/{owner}/{repo}/check-runs body: head_sha is required',
    ]);
    expect(
      validateRequest('PATCH', '/repos/acme/web/check-runs/9', {
        conclusion: 'failed',
        output: { title: 't', summary: 's', annotations: Array.from({ length: 51 }, () => ({ path: 'Dockerfile', start_line: 1, end_line: 1, annotation_level: 'failure', message: 'm' })) },
      }),
    ).toStrictEqual([
      expect.stringContaining('"failed" is not one of'),
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id} body.output.annotations: 51 items, more than 50',
    ]);
    expect(validateRequest('POST', '/repos/acme/web/issues/7/comments', { body: 5 })).toStrictEqual([
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments body.body: expected string, got integer',
    ]);
  });
});
