/**
 * `npm run sandbox`: Plimsoll on an offline GitHub, for a first look. Starts the simulator with a
 * small organisation, runs the real app against it, and tells what Plimsoll does: a pull request
 * with a bad Dockerfile fails its check, ops approve an exception, the check turns green, ops allow
 * a newer node and Plimsoll opens bump pull requests. `--serve` keeps the simulator up afterwards
 * and prints a curl command for each step, which answers until Ctrl-C; without it no URL is
 * printed, since the simulator is gone when the story ends.
 */
import { pathToFileURL } from 'node:url';
import { SIGNING_KEY, startApp } from '../e2e/app.js';
import { plimsoll } from '../../src/index.js';
import { startSimulator, type Simulator } from './server.js';

const POLICY_PATH = '.github/plimsoll-policy.yml';
const policy = (nodeVersions: string) => `version: 1
ops:
  team: platform-ops
  review: on-findings
images:
  - name: node
    versions: [${nodeVersions}]
    update: minor
`;

export interface SandboxOptions {
  /** Keep the simulator (and the app) running after the story, and print curl commands to look at it; resolves on Ctrl-C. */
  serve?: boolean;
  /** With `serve`: stop serving when this settles instead of on Ctrl-C. */
  stop?: Promise<unknown>;
  /** Where each line of the story goes, as it happens. */
  print?: (line: string) => void;
}

/** Runs the story; resolves with every line it printed. */
export async function runSandbox(options: SandboxOptions = {}): Promise<string[]> {
  const lines: string[] = [];
  const say = (line = '') => {
    lines.push(line);
    (options.print ?? console.log)(line);
  };
  const sim = await startSimulator();
  const org = sim.state.org;
  // Everything in this process: no Redis, even when REDIS_URL is set.
  const app = await startApp(sim, plimsoll({ signingKey: SIGNING_KEY, retry: { sleep: async () => undefined }, fanOut: { redisUrl: '' } }));
  // A URL is worth printing only while something answers it.
  const curl = (label: string, path: string) => (options.serve ? `  ${label}curl ${sim.baseUrl}${path}` : '');
  try {
    say(
      options.serve
        ? `Offline GitHub at ${sim.url} (REST under ${sim.baseUrl}); the Plimsoll app listens at ${app.url}.`
        : 'An offline GitHub and the Plimsoll app, both in this process until the story ends.',
    );
    say();
    say(`1. The organisation "${org}"`);
    sim.state.addRepo('.github', { [POLICY_PATH]: policy('20.11.1') });
    sim.state.addTeam('platform-ops', ['olga']);
    sim.state.addRepo('api', { Dockerfile: 'FROM node:20.11.1\nUSER node\nCMD ["node", "server.js"]\n' });
    sim.state.addRepo('worker', { 'deploy/Dockerfile': 'FROM node:20.11.1-alpine\nUSER node\nCMD ["node", "worker.js"]\n' });
    sim.state.addRepo('web', { 'README.md': '# web\n' });
    sim.state.addRepo('docs', { 'README.md': '# docs\n' });
    say(`   ${org}/.github holds the policy (${POLICY_PATH}): only node 20.11.1 is allowed; ops team @${org}/platform-ops (olga).`);
    say(`   ${org}/api and ${org}/worker build on node 20.11.1; ${org}/web and ${org}/docs have no container yet.`);
    if (options.serve) say(` ${curl('Policy: ', `/repos/${org}/.github/contents/${POLICY_PATH}`)}`);
    say();

    say(`2. dev-dana opens a pull request on ${org}/web adding a Dockerfile built on ubuntu`);
    const dockerfile = 'FROM ubuntu:22.04\nRUN cd /srv && make\nCMD ["true"]\n';
    const { number, payload } = sim.openPullRequest('web', { branch: 'containerise', changes: { Dockerfile: dockerfile }, title: 'Containerise web', author: 'dev-dana' });
    const answer = await app.deliver('pull_request', payload);
    const failed = sim.state.checkRunsOf('web', 'plimsoll').at(-1);
    if (!failed) throw new Error('the app did not create a check run: is the simulator reachable?');
    say(`   Webhook answered ${answer.status}. Check "plimsoll": ${failed.conclusion} (${failed.output?.title ?? 'no title'})`);
    for (const note of failed.annotations) say(`     ${note.path}:${note.start_line}  ${note.title}  ${note.message}`);
    const pull = sim.state.pull(sim.state.repo('web'), number)!;
    const summary = sim.state.commentsOn('web', number).find((comment) => comment.user.type === 'Bot');
    say(`   Summary comment by ${summary?.user.login ?? 'nobody'}, first lines:`);
    for (const line of (summary?.body ?? '').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('<!--')).slice(0, 4)) say(`     | ${line}`);
    if (pull.pull.requestedTeams.length > 0) say(`   Review requested from: ${pull.pull.requestedTeams.map((team) => `@${org}/${team}`).join(', ')}`);
    if (options.serve) {
      say(` ${curl('Pull request: ', `/repos/${org}/web/pulls/${number}`)}`);
      say(` ${curl('Comments:     ', `/repos/${org}/web/issues/${number}/comments`)}`);
    }
    say();

    say('3. olga (platform-ops) approves an exception for the base image');
    const approval = sim.comment('web', number, 'olga', '/plimsoll approve PL1001 ubuntu is audited by ops for this service');
    await app.deliver('issue_comment', approval.payload);
    const reaction = sim.state.comments.get(approval.id)?.reactions.map((r) => r.content).join(' ') || 'none';
    const green = sim.state.checkRunsOf('web', 'plimsoll').at(-1)!;
    say(`   Comment "/plimsoll approve PL1001 …" got reaction: ${reaction}`);
    say(`   Check "plimsoll" re-run: ${green.conclusion} (${green.output?.title ?? 'no title'})`);
    say();

    say(`4. ops allow node 20.12.0: a push to ${org}/.github changes the policy`);
    const push = sim.push('.github', 'main', { [POLICY_PATH]: policy('20.12.0, 20.11.1') }, 'Allow node 20.12.0');
    await app.deliver('push', push.payload);
    await waitForBumps(sim, ['api', 'worker']);
    for (const name of ['api', 'worker', 'web', 'docs']) {
      const pulls = sim.state.pulls(sim.state.repo(name)).filter((pr) => pr.labels.includes('plimsoll'));
      for (const pr of pulls) say(`   Bump pull request ${org}/${name}#${pr.number}: "${pr.title}" from ${pr.pull.head}${curl('', `/repos/${org}/${name}/pulls/${pr.number}`)}`);
    }
    const inventory = [...sim.state.repo('.github').issues.values()].find((issue) => issue.title.includes('inventory'));
    if (inventory) say(`   Inventory issue ${org}/.github#${inventory.number}: "${inventory.title}"${curl('', `/repos/${org}/.github/issues?labels=plimsoll`)}`);
    say();
    say(`Requests the app sent: ${sim.counters.reads} reads, ${sim.counters.writes} writes.`);

    if (options.serve) {
      say('Serving until Ctrl-C.');
      await (options.stop ?? new Promise<void>((resolve) => process.once('SIGINT', () => resolve())));
    } else {
      say('Run `npm run sandbox -- --serve` to keep this GitHub running and get a curl command for each step.');
    }
    return lines;
  } finally {
    await app.close();
    await sim.close();
  }
}

/** The fan-out runs after the webhook is answered: wait for its pull requests (30 s at most). */
async function waitForBumps(sim: Simulator, repos: readonly string[]): Promise<void> {
  const deadline = performance.now() + 30_000;
  const done = () => repos.every((name) => sim.state.pulls(sim.state.repo(name)).some((pr) => pr.labels.includes('plimsoll')));
  while (!done() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  await sim.idle(200);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runSandbox({ serve: process.argv.includes('--serve') }).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`sandbox failed: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
