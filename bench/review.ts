/**
 * GitHub requests per pull request review, by route, against the offline simulator answering every
 * request after 50 ms (real time): pull requests touching k = 1, 5, 20 and 100 Dockerfiles, with
 * c = 0, 50 and 300 comments already on them (one of them an ops approval, so one membership read),
 * and 0 or 200 findings. Also the webhook's answer time and the time from the webhook to the
 * completed check.
 */
import { startApp, WEBHOOK_SECRET } from '../test/e2e/app.js';
import { SimClock } from '../test/sim/clock.js';
import { startSimulator } from '../test/sim/server.js';
import { deliverWebhook } from '../test/sim/webhooks.js';
import { POLICY_PATH, policy } from './sim-org.js';

const LATENCY_MS = 50;
/** `BENCH_REVIEW=mixed` runs only the reviews of files of the other kinds (SPEC §11). */
const ONLY_MIXED = process.env.BENCH_REVIEW === 'mixed';
const FILES = ONLY_MIXED ? [] : [1, 5, 20, 100];
const COMMENTS = [0, 50, 300];
const FINDINGS = [0, 200];

/** `count` Dockerfiles sharing `findings` DL3003 findings (`RUN cd …`), as evenly as they go. */
function dockerfiles(count: number, findings: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const mine = Math.floor(findings / count) + (i < findings % count ? 1 : 0);
    const runs = Array.from({ length: mine }, (_, n) => `RUN cd /tmp/step${n} && make\nWORKDIR /app${n}\n`).join('');
    files[i === 0 ? 'Dockerfile' : `services/s${i}/Dockerfile`] = `FROM node:20.11.1\nWORKDIR /app\n${runs}USER 1000\nCMD ["node", "index.js"]\n`;
  }
  return files;
}

/**
 * `count` files naming images, of the four kinds in turn (SPEC §11), each with one image the policy
 * refuses: a compose file with its `.env`, a workflow, a Kubernetes manifest, and a dev container
 * naming a compose file of its own (whose `.env` only its text names: the second read).
 */
function manifests(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    switch (i % 4) {
      case 0:
        files[`svc${i}/compose.yaml`] = 'services:\n  db:\n    image: postgres:${PG:-16.1}\n';
        files[`svc${i}/.env`] = 'PG=16.1\n';
        break;
      case 1:
        files[`.github/workflows/w${i}.yml`] = 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container: ubuntu:18.04\n';
        break;
      case 2:
        files[`k8s/app${i}.yaml`] = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: a, image: "nginx:1.25.3"}]\n';
        break;
      default:
        files[`.devcontainer/d${i}/devcontainer.json`] = '{ "dockerComposeFile": "stack.yml", "service": "dev" }\n';
        files[`.devcontainer/d${i}/stack.yml`] = 'services:\n  dev:\n    image: node:${NODE}\n';
        files[`.devcontainer/d${i}/.env`] = 'NODE=20.11.1\n';
    }
  }
  return files;
}

const isCommentWrite = (route: string) => route.includes('/comments') && !route.startsWith('GET');
const isReviewer = (route: string) => route.includes('requested_reviewers');
const isToken = (route: string) => route.includes('/access_tokens');

const sim = await startSimulator({ clock: new SimClock({ speed: 1 }), latencyMs: LATENCY_MS });
sim.state.addRepo('.github', { [POLICY_PATH]: policy('20.11.1') });
sim.state.addTeam('platform-ops', ['olga']);
const app = await startApp(sim);

/** One pull request reviewed: answer time, time to the completed check, requests by route. */
async function review(repo: string, files: Record<string, string>, comments = 0) {
  sim.state.addRepo(repo, { 'README.md': `# ${repo}\n` });
  const { number, payload } = sim.openPullRequest(repo, { branch: 'containerise', changes: files });
  for (let i = 0; i < comments; i++) sim.comment(repo, number, i === 0 ? 'olga' : 'dev-dana', i === 0 ? '/plimsoll approve DL3003 legacy build steps' : `Comment ${i}: looks good`);
  const before = { ...sim.counters.byRoute };
  const started = performance.now();
  const answer = await deliverWebhook(app.url, { name: 'pull_request', payload }, WEBHOOK_SECRET);
  const answeredMs = performance.now() - started;
  while (!sim.state.checkRunsOf(repo, 'plimsoll').some((run) => run.status === 'completed')) await new Promise((resolve) => setTimeout(resolve, 2));
  const checkMs = performance.now() - started;
  await sim.idle(200);
  const byRoute: Record<string, number> = {};
  for (const [route, count] of Object.entries(sim.counters.byRoute)) if (count > (before[route] ?? 0)) byRoute[route] = count - (before[route] ?? 0);
  const check = sim.state.checkRunsOf(repo, 'plimsoll').at(-1)!;
  return { status: answer.status, answeredMs, checkMs, byRoute, annotations: check.annotations.length, conclusion: check.conclusion };
}

// The first review of an installation also reads the policy; later ones find it cached.
const warmUp = await review('warm-up', dockerfiles(1, 0));

const rows: string[] = [];
const perRow: Array<Record<string, number>> = [];
let withinBound = true;
for (const k of FILES) {
  for (const c of COMMENTS) {
    for (const a of FINDINGS) {
      const result = await review(`pr-${k}-files-${c}-comments-${a}-findings`, dockerfiles(k, a), c);
      const entries = Object.entries(result.byRoute).filter(([route]) => !isToken(route));
      const total = entries.reduce((sum, [, n]) => sum + n, 0);
      const summary = entries.filter(([route]) => isCommentWrite(route)).reduce((sum, [, n]) => sum + n, 0);
      const reviewer = entries.filter(([route]) => isReviewer(route)).reduce((sum, [, n]) => sum + n, 0);
      const core = total - summary - reviewer;
      const approvers = c > 0 ? 1 : 0;
      const bound = 8 + Math.ceil(k / 50) + Math.ceil(c / 100) + Math.ceil(result.annotations / 50) + approvers;
      withinBound &&= core <= bound;
      perRow.push(Object.fromEntries(entries));
      rows.push(
        `| ${k} | ${c} | ${result.annotations} | ${result.conclusion} | ${total} | ${core} | ${bound} | ${core <= bound ? 'yes' : '**no**'} | ${summary} | ${reviewer} | ${result.status} in ${result.answeredMs.toFixed(0)} ms | ${result.checkMs.toFixed(0)} ms |`,
      );
    }
  }
}

// Files of the other kinds (SPEC §11), mixed: k named files (a dev container's compose file counts too).
const mixedRows: string[] = [];
for (const k of [4, 20, 100]) {
  const files = manifests(k);
  const result = await review(`mixed-${k}`, files);
  const entries = Object.entries(result.byRoute).filter(([route]) => !isToken(route));
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  const graphql = result.byRoute['POST /graphql'] ?? 0;
  mixedRows.push(`| ${k} | ${Object.keys(files).length} | ${result.annotations} | ${result.conclusion} | ${total} | ${graphql} | ${entries.filter(([route]) => !route.startsWith('POST /graphql')).map(([route, n]) => `${route.replace('/repos/{owner}/{repo}', '')} ${n}`).join(', ')} | ${result.checkMs.toFixed(0)} ms |`);
}
await app.close();
await sim.close();

console.log(`Simulator answering after ${LATENCY_MS} ms; one pull request per row; warm-up review (policy read) took ${warmUp.checkMs.toFixed(0)} ms and ${Object.values(warmUp.byRoute).reduce((s, n) => s + n, 0)} requests.\n`);
if (!ONLY_MIXED) printDockerfileRows();

function printDockerfileRows(): void {
  console.log('| files k | comments c | annotations a | conclusion | requests | without summary & reviewer | bound 8+⌈k/50⌉+⌈c/100⌉+⌈a/50⌉+m | within | summary write | reviewer | webhook answered | check completed |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  console.log(rows.join('\n'));
  console.log(`\nEvery review within the bound: ${withinBound ? 'yes' : 'NO'}.\n`);
  console.log(`| route | requests per review (${FILES.length * COMMENTS.length * FINDINGS.length} rows, in order) |`);
  console.log('|---|---|');
  for (const route of [...new Set(perRow.flatMap((row) => Object.keys(row)))].sort()) console.log(`| \`${route}\` | ${perRow.map((row) => row[route] ?? 0).join(', ')} |`);
}
console.log('\nFiles of the other kinds, mixed (compose with .env, workflow, manifest, dev container with its compose file), no comments:\n');
console.log('| kinds k | files in the pull request | annotations | conclusion | requests | of them GraphQL (files, comments) | REST | check completed |');
console.log('|---|---|---|---|---|---|---|---|');
console.log(mixedRows.join('\n'));
if (sim.counters.unknown.length > 0) console.log(`\nRoutes the simulator does not know: ${sim.counters.unknown.join(', ')}`);
