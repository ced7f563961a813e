import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeGitHub } from '../../src/github/merge.js';
import { checkedScope, takeViolations } from './checked-scope.js';

const where = { owner: 'acme', repo: 'api' };
const throttle = { acquire: async () => {}, pauseUntil: () => {} };
const github = () => mergeGitHub(new ProbotOctokit({ auth: { token: 't' }, throttle: { enabled: false }, retry: { enabled: false } }), throttle, 'plimsoll[bot]', { attempts: 2, sleep: async () => {} });
const branch = { name: 'main', protected: true, protection: { enabled: true, required_status_checks: { enforcement_level: 'non_admins', contexts: ['ci'], checks: [{ context: 'ci', app_id: 15368 }] } } };
const checksRule = (context: string, id: number) => ({ type: 'required_status_checks', parameters: { required_status_checks: [{ context }], strict_required_status_checks_policy: false }, ruleset_source_type: 'Repository', ruleset_source: 'acme/api', ruleset_id: id });

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  expect(takeViolations()).toEqual([]);
});

describe('mergeGitHub.requiredChecks: protection and rulesets', () => {
  it('reads every page of rules/branches and joins them with the protection', async () => {
    const many = Array.from({ length: 100 }, (_, i) => checksRule(`check-${i}`, i + 1));
    const scope = checkedScope()
      .get('/repos/acme/api/branches/main')
      .reply(200, branch)
      .get('/repos/acme/api/rules/branches/main')
      .query({ per_page: '100', page: '1' })
      .reply(200, many)
      .get('/repos/acme/api/rules/branches/main')
      .query({ per_page: '100', page: '2' })
      .reply(200, [checksRule('e2e', 200)]);
    const required = await github().requiredChecks(where, 'main');
    expect(required!.checks).toHaveLength(102);
    expect(required!.checks.slice(0, 2)).toEqual([
      { context: 'ci', appId: 15368 },
      { context: 'check-0', appId: null },
    ]);
    expect(required!.checks.at(-1)).toEqual({ context: 'e2e', appId: null });
    expect(required!.rulesetsRead).toBe(true);
    expect(scope.isDone()).toBe(true);
  });

  it.each([404, 403])('rules/branches %i: the protection alone, said so', async (status) => {
    checkedScope().get('/repos/acme/api/branches/main').reply(200, branch).get('/repos/acme/api/rules/branches/main').query(true).reply(status, { message: 'Not Found' });
    expect(await github().requiredChecks(where, 'main')).toEqual({ protected: true, checks: [{ context: 'ci', appId: 15368 }], rulesetsRead: false });
  });

  it('rules/branches failing with 5xx past its retries fails the look: nothing is decided on half the rules', async () => {
    checkedScope().get('/repos/acme/api/branches/main').reply(200, branch).get('/repos/acme/api/rules/branches/main').query(true).times(2).reply(502, { message: 'Bad Gateway' });
    await expect(github().requiredChecks(where, 'main')).rejects.toMatchObject({ status: 502 });
  });
});
