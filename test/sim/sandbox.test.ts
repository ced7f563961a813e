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
    expect(story).toMatch(/Bump pull request acme\/api#1: /);
    expect(story).toMatch(/Bump pull request acme\/worker#1: /);
    expect(story).not.toMatch(/acme\/(web|docs)#\d+: "Bump/);
    // Nothing answers once the story ends: no URL to try, and a pointer to --serve.
    expect(story).not.toMatch(/127\.0\.0\.1|curl http/);
    expect(lines.at(-1)).toBe('Run `npm run sandbox -- --serve` to keep this GitHub running and get a curl command for each step.');
  }, 30_000);

  it('with --serve, every curl command it prints answers while it serves', async () => {
    let stop!: () => void;
    let serving!: () => void;
    const started = new Promise<void>((resolve) => (serving = resolve));
    const printed: string[] = [];
    const done = runSandbox({
      serve: true,
      stop: new Promise<void>((resolve) => (stop = resolve)),
      print: (line) => {
        printed.push(line);
        if (line === 'Serving until Ctrl-C.') serving();
      },
    });
    await started;
    const urls = printed.flatMap((line) => [...line.matchAll(/curl (\S+)/g)].map((match) => match[1]!));
    expect(urls).toHaveLength(6);
    expect(printed.join('\n')).toMatch(/Bump pull request acme\/api#1: .*curl http:\/\/127\.0\.0\.1:\d+\/api\/v3\/repos\/acme\/api\/pulls\/1/);
    for (const url of urls) {
      const response = await fetch(url);
      expect([url, response.status]).toEqual([url, 200]);
      expect(await response.json()).toBeTruthy();
    }
    stop();
    await done;
  }, 30_000);
});
