/**
 * `npm run bench`: every benchmark of the project, one after the other, each in its own process.
 * Numbers only; nothing here is a pass/fail test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const tsx = ['--import', 'tsx'];

function runJson(script: string, args: string[] = []): Record<string, unknown> {
  const out = execFileSync(process.execPath, [...tsx, script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
}

const fmt = (n: unknown, digits = 0) => Number(n).toLocaleString('en-US', { maximumFractionDigits: digits });

console.log('## Warm lint throughput on the corpus (bench/lint.ts, one process per engine)\n');
const engines = ['plimsoll', 'plimsoll-no-buildkit', 'parse', 'dockerfilelint', 'dockerfile-utils'];
const results = engines.map((e) => runJson('bench/lint.ts', [e]));
const ours = results[0]!;
console.log('| engine | files | files/s (CPU) | files/s (wall) | MB/s | peak RSS MB | crashes | findings | Plimsoll / engine |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const ratio = Number(ours.filesPerSecond) / Number(r.filesPerSecond);
  console.log(`| ${r.engine} | ${fmt(r.files)} | ${fmt(r.filesPerSecond)} | ${fmt(r.wallFilesPerSecond)} | ${fmt(r.megabytesPerSecond, 2)} | ${fmt(r.peakRssMB)} | ${fmt(r.crashes)} | ${fmt(r.findings)} | ${r.engine === 'plimsoll' ? '1' : `${fmt(ratio, 2)}x`} |`);
}
console.log('\n(`plimsoll` runs every rule, BuildKit\'s checks included; `plimsoll-no-buildkit` the same with `rules: { buildkit: off }`. `parse` = dockerfile-ast parse alone, the floor under every engine built on it. Targets: 1.5x dockerfile-utils, 0.7x parse.)\n');

// The command line as users start it: cold start and worker threads run the built CLI.
if (!existsSync('dist/cli/cli.js')) execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });

// Further benchmarks of the CLI, the policy core, the review and the fan-out register here.
for (const [title, script] of [
  ['Cold start: one file, a new process', 'bench/cold.ts'],
  ['Worker threads: plimsoll lint DIR --jobs N', 'bench/workers.ts'],
  ['Size scaling: long files', 'bench/size.ts'],
  ['plimsoll bump on a long file', 'bench/bump-diff.ts'],
  ['Bump planning throughput on the corpus', 'bench/plan.ts'],
  ['Image extraction from compose files, manifests, workflows and dev containers', 'bench/manifests.ts'],
  ['GitHub requests per review', 'bench/review.ts'],
  ['Org-wide fan-out', 'bench/fanout.ts'],
  ['Merge on green and rebuild on a ban', 'bench/automerge.ts'],
  ['Upstream watch against the local registry', 'bench/upstream.ts'],
  ['Admission webhook under a burst', 'bench/admission.ts'],
] as const) {
  if (!existsSync(script)) continue;
  console.log(`## ${title}\n`);
  execFileSync(process.execPath, [...tsx, script], { stdio: 'inherit' });
  console.log('');
}
