/**
 * Merge on green and rebuild on a ban (SPEC §7 `bumps.automerge`, `bumps.rebuild`) against the
 * offline GitHub simulator, on simulated time, at GitHub's write limits (the simulator refuses past
 * 80 writes a minute and 500 an hour):
 *
 * (a) GitHub writes per merged repository: a policy change allows node 20.11.2 with
 *     `automerge: [patch, minor, banned]`; every repository's required `ci` check (GitHub Actions)
 *     passes on the bump pull request's head. Once with the app merging, once with GitHub's own
 *     auto-merge allowed in every repository.
 * (b) The time from a ban (the policy push) to the last `plimsoll-base-banned` repository_dispatch,
 *     for BENCH_BAN_REPOS repositories (1,000 by default) on the banned version, inventory warm.
 *
 *   npx tsx bench/automerge.ts
 *   BENCH_MERGE_REPOS=100 BENCH_BAN_REPOS=1000 BENCH_SPEED=200 npx tsx bench/automerge.ts
 */
import { plimsoll } from '../src/index.js';
import { runtimeOf, type Runtime } from '../src/runtime.js';
import { GITHUB_WRITE_LIMITS } from '../src/queue/throttle.js';
import type { RunningApp } from '../test/e2e/app.js';
import { SimClock } from '../test/sim/clock.js';
import { startSimulator, type Simulator } from '../test/sim/server.js';
import { minutes, POLICY_PATH, startProductionLikeApp, writeFloorMs } from './sim-org.js';

const MERGE_REPOS = Number(process.env.BENCH_MERGE_REPOS ?? 100);
const BAN_REPOS = Number(process.env.BENCH_BAN_REPOS ?? 1000);
const SPEED = Number(process.env.BENCH_SPEED ?? 200);
/**
 * The simulated clock runs at a multiple of real time, so the app's own CPU time is multiplied
 * too: (b) runs slower, so that 1,000 jobs' work does not pass for minutes of waiting.
 */
const BAN_SPEED = Number(process.env.BENCH_BAN_SPEED ?? 50);
/** GitHub Actions' app id: the required `ci` check is bound to it. */
const ACTIONS = 15368;
const TOKEN_ROUTE = 'POST /app/installations/{installation_id}/access_tokens';
/** Writes as GitHub's secondary limit counts them: installation tokens are not content. */
const contentWritesOf = (sim: Simulator) => sim.counters.writes - (sim.counters.byRoute[TOKEN_ROUTE] ?? 0);
const INVENTORY_ROUTES = ['POST /repos/{owner}/{repo}/issues', 'PATCH /repos/{owner}/{repo}/issues/{issue_number}'];

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

interface Run {
  sim: Simulator;
  app: RunningApp;
  runtime: Runtime;
  clock: SimClock;
}

async function start(setup: (sim: Simulator) => void, speed = SPEED): Promise<Run> {
  const clock = new SimClock({ speed, start: Date.parse('2026-01-15T00:00:00Z') });
  const sim = await startSimulator({ clock, limits: { writesPerMinute: 80, writesPerHour: 500 } });
  sim.state.addTeam('platform-ops', ['olga']);
  setup(sim);
  let runtime: Runtime | undefined;
  const app = await startProductionLikeApp(
    sim,
    (probot, server) => {
      plimsoll({ fanOut: { clock, redisUrl: '' } })(probot, server);
      runtime = runtimeOf(probot);
    },
    speed,
  );
  return { sim, app, runtime: runtime!, clock };
}

async function stop(run: Run): Promise<void> {
  await run.app.close();
  await run.runtime.close();
  await run.sim.close();
}

function snapshot(sim: Simulator) {
  return { writes: contentWritesOf(sim), byRoute: { ...sim.counters.byRoute } };
}

function delta(sim: Simulator, before: ReturnType<typeof snapshot>) {
  const byRoute: Record<string, number> = {};
  for (const [route, count] of Object.entries(sim.counters.byRoute)) {
    const d = count - (before.byRoute[route] ?? 0);
    if (d > 0 && route !== TOKEN_ROUTE && !route.startsWith('GET ') && route !== 'POST /graphql') byRoute[route] = d;
  }
  const inventory = INVENTORY_ROUTES.reduce((sum, route) => sum + (byRoute[route] ?? 0), 0);
  const writes = contentWritesOf(sim) - before.writes;
  const rest = Object.values(byRoute).reduce((sum, count) => sum + count, 0);
  if (writes > rest) byRoute['POST /graphql (mutations)'] = writes - rest;
  return { writes, inventory, byRoute };
}

const policy = (versions: string, bumps: string) => `version: 1
ops:
  team: platform-ops
images:
  - name: node
    versions: [${versions}]
    update: minor
bumps:
${bumps}
`;

// (a) Writes per merged repository.
async function mergeRun(autoMergeAllowed: boolean) {
  const run = await start((sim) => {
    sim.state.addApp({ id: ACTIONS, slug: 'github-actions', permissions: { metadata: 'read', checks: 'write', statuses: 'write' } });
    sim.state.addRepo('.github', { [POLICY_PATH]: policy('20.11.1', '  automerge: [patch, minor, banned]') });
    for (let i = 0; i < MERGE_REPOS; i++) {
      const name = `svc-${String(i).padStart(4, '0')}`;
      sim.state.addRepo(name, { Dockerfile: 'FROM node:20.11.1\nUSER node\n', '.github/CODEOWNERS': `Dockerfile @acme/team-${i % 7}\n` });
      sim.protectBranch(name, 'main', { checks: [{ context: 'ci', appId: ACTIONS }] });
      // Squash only, as many organizations set it.
      sim.repoSettings(name, { allowAutoMerge: autoMergeAllowed, allowMergeCommit: false, allowRebaseMerge: false });
    }
  });
  const { sim } = run;
  const opening = snapshot(sim);
  await run.app.deliver('push', sim.push('.github', 'main', { [POLICY_PATH]: policy('20.11.2, 20.11.1', '  automerge: [patch, minor, banned]') }, 'Allow node 20.11.2').payload);
  await run.runtime.idle();
  const opened = delta(sim, opening);

  // CI passes on every head within a few minutes; GitHub tells the app (check_run, then
  // check_suite completed), and a closed event follows every merge.
  const merging = snapshot(sim);
  const merged = new Set<string>();
  const repos = [...sim.state.repos.values()].filter((r) => r.name.startsWith('svc-'));
  await Promise.all(
    repos.map(async (repo) => {
      const pr = sim.state.pulls(repo).find((p) => p.state === 'open');
      if (!pr) return;
      const report = sim.reportCheck(repo.name, sim.state.headSha(repo, pr), { appId: ACTIONS, name: 'ci', conclusion: 'success' });
      await run.app.deliver('check_run', report.checkRun);
      if (report.checkSuite) await run.app.deliver('check_suite', report.checkSuite);
      if (pr.pull.merged) {
        merged.add(repo.name);
        await run.app.deliver('pull_request', sim.payloads.pullRequest(repo, pr, 'closed', { sender: sim.state.bot }));
      }
    }),
  );
  await run.runtime.idle();
  const mergedWrites = delta(sim, merging);
  const refused = sim.counters.secondaryLimited;
  await stop(run);
  return { opened, mergedWrites, merged: merged.size, refused };
}

console.log(`### (a) GitHub writes per merged repository (${fmt(MERGE_REPOS)} repositories, required check \`ci\` from GitHub Actions, every check green)\n`);
const byApp = await mergeRun(false);
const byGitHub = await mergeRun(true);
console.log('| measure | the app merges | GitHub\'s auto-merge |');
console.log('|---|---|---|');
console.log(`| repositories merged | ${fmt(byApp.merged)} / ${fmt(MERGE_REPOS)} | ${fmt(byGitHub.merged)} / ${fmt(MERGE_REPOS)} |`);
const perRepo = (writes: number, inventory: number, merged: number) => fmt((writes - inventory) / Math.max(1, merged), 2);
console.log(`| writes per repository to open the bump pull request (inventory issue excluded) | ${perRepo(byApp.opened.writes, byApp.opened.inventory, byApp.merged)} | ${perRepo(byGitHub.opened.writes, byGitHub.opened.inventory, byGitHub.merged)} |`);
console.log(`| writes per repository from green to merged (inventory issue excluded) | ${perRepo(byApp.mergedWrites.writes, byApp.mergedWrites.inventory, byApp.merged)} | ${perRepo(byGitHub.mergedWrites.writes, byGitHub.mergedWrites.inventory, byGitHub.merged)} |`);
console.log(`| inventory issue writes, whole run | ${fmt(byApp.opened.inventory + byApp.mergedWrites.inventory)} | ${fmt(byGitHub.opened.inventory + byGitHub.mergedWrites.inventory)} |`);
console.log(`| secondary-limit refusals | ${fmt(byApp.refused)} | ${fmt(byGitHub.refused)} |`);
const routes = new Set([...Object.keys(byApp.opened.byRoute), ...Object.keys(byApp.mergedWrites.byRoute), ...Object.keys(byGitHub.opened.byRoute), ...Object.keys(byGitHub.mergedWrites.byRoute)]);
console.log('\n| write | the app merges | GitHub\'s auto-merge |\n|---|---|---|');
for (const route of [...routes].sort()) {
  const count = (r: typeof byApp) => (r.opened.byRoute[route] ?? 0) + (r.mergedWrites.byRoute[route] ?? 0);
  console.log(`| \`${route}\` | ${fmt(count(byApp))} | ${fmt(count(byGitHub))} |`);
}

// (b) From a ban to the last repository_dispatch.
const banPolicy = (banned: boolean) => `version: 1
ops:
  team: platform-ops
images:
  - name: node
    versions: [${banned ? '18.19.1' : '18.19.0'}, 20.11.1]
    update: minor
${banned ? 'banned:\n  - name: node\n    versions: "<18.19.1"\n    reason: CVE-2024-27983\n' : ''}bumps:
  rebuild: dispatch
`;
const ban = await start((sim) => {
  sim.state.addRepo('.github', { [POLICY_PATH]: banPolicy(false) });
  for (let i = 0; i < BAN_REPOS; i++) sim.state.addRepo(`svc-${String(i).padStart(4, '0')}`, { Dockerfile: 'FROM node:18.19.0\nUSER node\n' });
}, BAN_SPEED);
// Warm: the app knows the organization (a policy push before the ban scanned it).
await ban.app.deliver('push', ban.sim.push('.github', 'main', { [POLICY_PATH]: banPolicy(false).replace('update: minor', 'update: patch') }, 'Node update scope').payload);
await ban.runtime.idle();
// An hour later: the warm-up's writes are out of GitHub's windows (and the throttle's).
ban.clock.advance(61 * 60_000);
const before = snapshot(ban.sim);
const pushedAt = ban.clock.now();
const realStart = performance.now();
// Not awaited: the bump pull requests that follow the dispatches take hours at 500 writes an hour.
const delivering = ban.app.deliver('push', ban.sim.push('.github', 'main', { [POLICY_PATH]: banPolicy(true) }, 'Ban node < 18.19.1').payload);
delivering.catch(() => undefined);
while (ban.sim.state.dispatches.length < BAN_REPOS) await new Promise((resolve) => setTimeout(resolve, 5));
const realMs = performance.now() - realStart;
const dispatches = ban.sim.state.dispatches;
const firstAt = Math.min(...dispatches.map((d) => Date.parse(d.at)));
const lastAt = Math.max(...dispatches.map((d) => Date.parse(d.at)));
const writesToLast = contentWritesOf(ban.sim) - before.writes;
const floor = writeFloorMs(writesToLast, GITHUB_WRITE_LIMITS);
const dispatchFloor = writeFloorMs(BAN_REPOS, GITHUB_WRITE_LIMITS);
const repeated = dispatches.length - new Set(dispatches.map((d) => d.repo)).size;
console.log(`\n### (b) From a ban to the last repository_dispatch (${fmt(BAN_REPOS)} repositories on node 18.19.0, inventory warm, write limits 80/min and 500/h)\n`);
console.log('| measure | value |');
console.log('|---|---|');
console.log(`| repositories sent \`plimsoll-base-banned\` (repeats) | ${fmt(new Set(dispatches.map((d) => d.repo)).size)} / ${fmt(BAN_REPOS)} (${fmt(repeated)}) |`);
console.log(`| virtual time from the policy push to the first dispatch | ${minutes(firstAt - pushedAt)} |`);
console.log(`| virtual time from the policy push to the last dispatch | ${minutes(lastAt - pushedAt)} |`);
console.log(`| writes GitHub counted up to the last dispatch (dispatches, the policy commit's check run) | ${fmt(writesToLast)} |`);
console.log(`| floor for those ${fmt(writesToLast)} writes at 80/min and 500/h (the throttle's 2 s margin included) | ${minutes(floor)} |`);
console.log(`| floor for the ${fmt(BAN_REPOS)} dispatches alone | ${minutes(dispatchFloor)} |`);
console.log(`| secondary-limit refusals | ${fmt(ban.sim.counters.secondaryLimited)} |`);
console.log(`| real time (clock at x${fmt(BAN_SPEED)}) | ${fmt(realMs / 1000, 1)} s |`);
// The bump pull requests are still on their way: the process ends here rather than waiting hours of virtual time.
process.exit(repeated === 0 && byApp.merged === MERGE_REPOS && byGitHub.merged === MERGE_REPOS ? 0 : 1);
