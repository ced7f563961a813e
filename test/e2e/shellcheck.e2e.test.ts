import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime } from '../../src/runtime.js';
import { findShellCheck, type ShellCheckRunner } from '../../src/shellcheck/run.js';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { capturedLog, startApp, type RunningApp, type StartAppOptions } from './app.js';

/** hadolint's SC findings in a pull request review (issue 12 §5): the real ShellCheck, as the app's image ships it. */

const POLICY = 'version: 1\nimages:\n  - name: node\n    versions: [20.11.1]\n';
const DOCKERFILE = [
  'FROM node:20.11.1',
  'USER node',
  'RUN for f in $(ls /tmp); do echo $f; done',
  '# hadolint ignore=SC2086',
  'RUN echo $HOME',
  '',
].join('\n');

const found = findShellCheck(process.env);
const binary = 'binary' in found ? found.binary : null;

let sim: Simulator;
let app: RunningApp | undefined;

beforeEach(async () => {
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }) });
  sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': POLICY });
  sim.state.addRepo('web', { 'README.md': '# web\n' });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
});

async function review(options: StartAppOptions = {}) {
  app = await startApp(sim, undefined, options);
  const pr = sim.openPullRequest('web', { branch: 'feature', changes: { Dockerfile: DOCKERFILE }, author: 'dev-dana' });
  await app.deliver('pull_request', pr.payload);
  const run = sim.state.checkRunsOf('web', 'plimsoll').at(-1)!;
  return { run, annotations: run.annotations.map((a) => `${a.start_line} ${a.annotation_level} ${a.title}`), summary: sim.state.commentsOn('web', pr.number)[0]?.body ?? '' };
}

describe.skipIf(binary === null)(binary ? 'ShellCheck in a review (real binary)' : `ShellCheck in a review (skipped: ${'missing' in found ? found.missing : 'off'})`, () => {
  it('annotates SC findings on the RUN line at hadolint’s levels, and the pragma above a RUN silences its code', async () => {
    const { run, annotations, summary } = await review();
    expect(annotations.filter((a) => / SC\d+/.test(a))).toStrictEqual(['3 failure SC2045 (error)', '3 notice SC2086 (info)']);
    expect(run.conclusion).toBe('failure');
    expect(summary).toContain('SC2045');
    expect(summary).not.toContain('ShellCheck (SC) rules were skipped');
  });
});

describe('ShellCheck that cannot run in a review', () => {
  it('the check still completes on the other rules and says SC rules were skipped, and why', async () => {
    const broken: ShellCheckRunner = { check: async () => ({ ok: false, reason: 'shellcheck took longer than 30 s and was stopped' }) };
    const { run, annotations } = await review({ shellcheck: broken });
    expect(annotations.some((a) => / SC\d+/.test(a))).toBe(false);
    expect(annotations).toContain('2 notice DL3066 (info)');
    expect(run.output.summary).toContain('ShellCheck (SC) rules were skipped: shellcheck took longer than 30 s and was stopped.');
  });

  it('switched off (null) runs no SC rules and says nothing about them', async () => {
    const { run, annotations } = await review({ shellcheck: null });
    expect(annotations.some((a) => / SC\d+/.test(a))).toBe(false);
    expect(run.output.summary).not.toContain('ShellCheck');
  });

  it('a binary that is not there is said once in the log at start, and in every check', () => {
    const { log, lines } = capturedLog('warn');
    const runtime = createRuntime({ log, auth: async () => ({}) } as never, { redisUrl: '' }, { PLIMSOLL_SHELLCHECK: '/nowhere/shellcheck', PATH: '' });
    expect(runtime.shellcheck).toStrictEqual({ runner: null, status: { state: 'skipped', reason: 'PLIMSOLL_SHELLCHECK=/nowhere/shellcheck is not an executable file' } });
    expect(lines.map((line) => line.msg)).toStrictEqual([
      'ShellCheck (SC) rules are skipped in reviews: PLIMSOLL_SHELLCHECK=/nowhere/shellcheck is not an executable file; install the shellcheck package or set PLIMSOLL_SHELLCHECK',
    ]);
    expect(createRuntime({ log, auth: async () => ({}) } as never, { redisUrl: '' }, { PLIMSOLL_SHELLCHECK: 'off' }).shellcheck.status).toStrictEqual({ state: 'off' });
    return Promise.all([runtime.close()]);
  });
});
