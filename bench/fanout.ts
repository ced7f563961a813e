/**
 * The org-wide fan-out against the offline GitHub simulator, on simulated time: requests per bumped
 * repository, the virtual time to the last pull request against the floor the write limits impose,
 * the cost of discovery once the inventory is warm, and exactly-once pull requests under 5xx faults.
 *
 *   BENCH_REPOS=1000 BENCH_SPEED=1000 npx tsx bench/fanout.ts
 */
import { plimsoll } from '../src/index.js';
import { runtimeOf, type Runtime } from '../src/runtime.js';
import { GITHUB_WRITE_LIMITS } from '../src/queue/throttle.js';
import type { RunningApp } from '../test/e2e/app.js';
import { SimClock } from '../test/sim/clock.js';
import { startSimulator, type Simulator } from '../test/sim/server.js';
import { buildOrg, minutes, POLICY_PATH, policy, startProductionLikeApp, writeFloorMs, type BuiltOrg } from './sim-org.js';

const REPOS = Number(process.env.BENCH_REPOS ?? 300);
const USING_NODE = Math.round(REPOS * 0.3);
const SPEED = Number(process.env.BENCH_SPEED ?? 100);
const FAULT_RATE = 0.05;
const TOKEN_ROUTE = 'POST /app/installations/{installation_id}/access_tokens';
/** Writes as GitHub's secondary limit counts them: installation tokens are not content. */
const contentWritesOf = (sim: Simulator) => sim.counters.writes - (sim.counters.byRoute[TOKEN_ROUTE] ?? 0);

interface Run {
  sim: Simulator;
  app: RunningApp;
  fanOut: Runtime;
  clock: SimClock;
  org: BuiltOrg;
}

async function start(faultRate = 0): Promise<Run> {
  const clock = new SimClock({ speed: SPEED, start: Date.parse('2026-01-15T00:00:00Z') });
  const sim = await startSimulator({ clock, faultRate, faultSeed: 7, limits: { writesPerMinute: 80, writesPerHour: 500 } });
  const org = buildOrg(sim, { repos: REPOS, usingNode: USING_NODE });
  let fanOut: Runtime | undefined;
  // Memory queue, store and a per-installation throttle on the simulator's clock (80/min, 500/h).
  const app = await startProductionLikeApp(
    sim,
    (probot, server) => {
      plimsoll({ fanOut: { clock, redisUrl: '' } })(probot, server);
      fanOut = runtimeOf(probot);
    },
    SPEED,
  );
  return { sim, app, fanOut: fanOut!, clock, org };
}

async function stop(run: Run): Promise<void> {
  await run.app.close();
  await run.fanOut.close();
  await run.sim.close();
}

/** Deliver a policy push and wait until the fan-out it started has finished. */
async function pushPolicy(run: Run, text: string) {
  const before = { reads: run.sim.counters.reads, writes: contentWritesOf(run.sim), byRoute: { ...run.sim.counters.byRoute } };
  const virtualStart = run.clock.now();
  const realStart = performance.now();
  // The write floor starts at the first write, after discovery: watch for it.
  let firstWriteAt = Number.NaN;
  const watch = setInterval(() => {
    if (Number.isNaN(firstWriteAt) && contentWritesOf(run.sim) > before.writes) firstWriteAt = run.clock.now();
  }, 2);
  await run.app.deliver('push', run.sim.push('.github', 'main', { [POLICY_PATH]: text }, 'Change the node whitelist').payload);
  await run.fanOut.idle();
  await run.sim.idle(100);
  clearInterval(watch);
  const byRoute: Record<string, number> = {};
  for (const [route, count] of Object.entries(run.sim.counters.byRoute)) {
    const delta = count - (before.byRoute[route] ?? 0);
    if (delta > 0) byRoute[route] = delta;
  }
  return {
    reads: run.sim.counters.reads - before.reads,
    writes: contentWritesOf(run.sim) - before.writes,
    byRoute,
    virtualMs: run.clock.now() - virtualStart,
    realMs: performance.now() - realStart,
    virtualStart,
    firstWriteAt,
  };
}

/** Open Plimsoll pull requests per repository using node; problems listed by repository. */
function pullRequestCheck(run: Run) {
  const problems: string[] = [];
  let lastCreated = 0;
  for (const [name] of run.org.nodeRepos) {
    const open = run.sim.state.pulls(run.sim.state.repo(name)).filter((pr) => pr.labels.includes('plimsoll') && pr.state === 'open');
    if (open.length !== 1) problems.push(`${name}: ${open.length} open plimsoll pull requests`);
    for (const pr of open) lastCreated = Math.max(lastCreated, Date.parse(pr.createdAt));
  }
  const stray = [...run.sim.state.repos.values()].filter((repo) => !run.org.nodeRepos.has(repo.name) && run.sim.state.pulls(repo).length > 0).map((repo) => repo.name);
  if (stray.length > 0) problems.push(`pull requests in repositories not using node: ${stray.join(', ')}`);
  return { problems, lastCreated };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const routeTable = (byRoute: Record<string, number>) =>
  Object.entries(byRoute)
    .sort((a, b) => b[1] - a[1])
    .map(([route, count]) => `| \`${route}\` | ${fmt(count)} |`)
    .join('\n');

console.log(`${fmt(REPOS)} repositories, ${fmt(USING_NODE)} on node 20.11.1; clock at ${fmt(SPEED)}x; write limits 80/min and 500/h.`);
if (REPOS !== 1000) console.log(`(Reduced size for \`npm run bench\`; \`BENCH_REPOS=1000 npx tsx bench/fanout.ts\` runs the full one.)`);

// (a) Cold: no inventory yet, every repository is scanned, every node user gets a pull request.
const cold = await start();
const { shapes } = cold.org;
const a = await pushPolicy(cold, policy('20.12.0, 20.11.1'));
const aCheck = pullRequestCheck(cold);
const bumped = cold.org.nodeRepos.size;
const contentWrites = a.writes - (a.byRoute['POST /repos/{owner}/{repo}/issues'] ?? 0) - (a.byRoute['PATCH /repos/{owner}/{repo}/issues/{issue_number}'] ?? 0);
const floorMs = writeFloorMs(a.writes - cold.sim.counters.secondaryLimited, GITHUB_WRITE_LIMITS);
const lastPullMs = aCheck.lastCreated - a.firstWriteAt;
console.log(`\n### (a) Cold fan-out (${shapes.plain} plain, ${shapes.argDefault} through ARG defaults, ${shapes.several} with two Dockerfiles)\n`);
console.log('| measure | value |');
console.log('|---|---|');
console.log(`| repositories bumped (one open PR each) | ${fmt(bumped - aCheck.problems.length)} / ${fmt(bumped)} |`);
console.log(`| reads / writes in total | ${fmt(a.reads)} / ${fmt(a.writes)} |`);
console.log(`| reads per bumped repository | ${fmt(a.reads / bumped, 2)} |`);
console.log(`| writes per bumped repository (inventory issue excluded) | ${fmt(contentWrites / bumped, 2)} |`);
console.log(`| secondary-limit refusals / primary | ${fmt(cold.sim.counters.secondaryLimited)} / ${fmt(cold.sim.counters.primaryLimited)} |`);
console.log(`| virtual time from the push to the first write (discovery) | ${minutes(a.firstWriteAt - a.virtualStart)} |`);
console.log(`| virtual time from the first write to the last pull request | ${minutes(lastPullMs)} |`);
console.log(`| floor for ${fmt(a.writes - cold.sim.counters.secondaryLimited)} accepted writes at 80/min and 500/h | ${minutes(floorMs)} |`);
console.log(`| over the floor | ${floorMs > 0 ? `${fmt((lastPullMs / floorMs - 1) * 100, 1)} %` : 'n/a (all writes fit in one minute)'} |`);
console.log(`| virtual time from the push to the end of the fan-out | ${minutes(a.virtualMs)} |`);
console.log(`| real time (x speed: ${minutes(a.realMs * SPEED)} virtual) | ${fmt(a.realMs / 1000, 1)} s |`);
console.log('\n| route | requests |\n|---|---|');
console.log(routeTable(a.byRoute));
if (aCheck.problems.length > 0) console.log(`\nPROBLEMS: ${aCheck.problems.slice(0, 10).join('; ')}`);

// (b) Warm: a second policy change, to an image nobody uses: the inventory is known, nothing was pushed.
const b = await pushPolicy(cold, policy('20.12.0, 20.11.1', '  - name: redis\n    versions: [7.2.4]\n'));
console.log('\n### (b) Second policy change, warm inventory (an image nobody uses)\n');
console.log('| measure | value |');
console.log('|---|---|');
console.log(`| reads / writes in total | ${fmt(b.reads)} / ${fmt(b.writes)} |`);
console.log(`| reads per repository | ${fmt(b.reads / REPOS, 3)} |`);
console.log(`| real time | ${fmt(b.realMs / 1000, 1)} s |`);
console.log('\n| route | requests |\n|---|---|');
console.log(routeTable(b.byRoute));
await stop(cold);

// (c) 5% of requests answered 502: every repository using node still gets exactly one pull request.
const faulty = await start(FAULT_RATE);
const c = await pushPolicy(faulty, policy('20.12.0, 20.11.1'));
const cCheck = pullRequestCheck(faulty);
console.log(`\n### (c) Cold fan-out with ${FAULT_RATE * 100} % of requests failing with 502\n`);
console.log('| measure | value |');
console.log('|---|---|');
console.log(`| injected 502s | ${fmt(faulty.sim.counters.faults)} of ${fmt(c.reads + c.writes)} requests |`);
console.log(`| repositories with exactly one open plimsoll PR | ${fmt(bumped - cCheck.problems.filter((p) => !p.startsWith('pull requests in')).length)} / ${fmt(bumped)} |`);
console.log(`| virtual time to the end of the fan-out | ${minutes(c.virtualMs)} |`);
console.log(`| real time | ${fmt(c.realMs / 1000, 1)} s |`);
console.log(cCheck.problems.length === 0 ? '\nEvery pull request opened exactly once.' : `\nPROBLEMS: ${cCheck.problems.slice(0, 20).join('; ')}`);
await stop(faulty);
process.exitCode = aCheck.problems.length + cCheck.problems.length > 0 ? 1 : 0;
