import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSandbox } from './sandbox.js';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());

describe('npm run sandbox', () => {
  it('tells the story: a failing check, the approval, the green check and the bump pull requests', async () => {
    const lines = await runSandbox({ print: () => undefined });
    const story = lines.join('\n');

    expect(story).toContain('Check "plimsoll": failure (1 error on changed lines)');
    expect(story).toContain('PL1001 (error)  ubuntu is not on the image whitelist; allowed images: node');
    expect(story).toContain('Review requested from: @acme/platform-ops');
    expect(story).toContain('Comment "/plimsoll approve PL1001 …" got reaction: +1');
    expect(story).toContain('Check "plimsoll" re-run: success');
    expect(lines.filter((line) => line.includes('"Bump node base image to 20.12.0" from plimsoll/node'))).toHaveLength(2);
    expect(story).toMatch(/Bump pull request acme\/api#1: .*curl http:\/\/127\.0\.0\.1:\d+\/api\/v3\/repos\/acme\/api\/pulls\/1/);
    expect(story).toMatch(/Bump pull request acme\/worker#1: /);
    expect(story).not.toMatch(/acme\/(web|docs)#\d+: "Bump/);
  }, 30_000);
});
