/**
 * `plimsoll lint` over the corpus (its 2,369 files named on the command line) with 1 and 2 worker
 * threads (`--jobs`), without and with ShellCheck, each run a fresh `plimsoll` process (the built
 * CLI). Runs alternate, so a busy machine slows them alike; medians of `rounds`.
 * `tsx bench/workers.ts [rounds]`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { findShellCheck } from '../src/shellcheck/run.js';
import { corpusDir, corpusFiles } from '../test/corpus.js';

const ROOT = resolve(import.meta.dirname, '..');
const rounds = Number(process.argv[2] ?? 3);
if (!existsSync(corpusDir)) {
  console.log('(the corpus is not there: no worker bench)');
  process.exit(0);
}
if (!existsSync(join(ROOT, 'dist'))) throw new Error('build the CLI first: npm run build');

const withShellCheck = 'binary' in findShellCheck(process.env);
// Named one by one: the corpus keeps files under names the directory search would not pick.
const files = corpusFiles();
const runs = [
  { sc: false, jobs: 1 },
  { sc: false, jobs: 2 },
  ...(withShellCheck ? [{ sc: true, jobs: 1 }, { sc: true, jobs: 2 }] : []),
];
const times = new Map<string, number[]>(runs.map((r) => [`${r.sc}:${r.jobs}`, []]));
let reference = '';
for (let round = 0; round < rounds; round++) {
  for (const run of runs) {
    const env = { ...process.env, NO_COLOR: '1', ...(run.sc ? {} : { PLIMSOLL_SHELLCHECK: 'off' }) };
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/plimsoll.js'), 'lint', '--format', 'json', '--jobs', String(run.jobs), ...files], {
      env,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    times.get(`${run.sc}:${run.jobs}`)!.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (result.status !== 0 && result.status !== 1) throw new Error(`plimsoll lint failed: ${result.stderr}`);
    // The output must not depend on the number of workers.
    if (!run.sc) {
      if (reference === '') reference = result.stdout;
      else if (result.stdout !== reference) throw new Error(`--jobs ${run.jobs} printed something else than --jobs 1`);
    }
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`\`plimsoll lint --jobs N\` on the corpus (${files.length.toLocaleString('en-US')} files, ${availableParallelism()} cores here), median of ${rounds}:\n`);
console.log('| SC rules | workers | seconds | speed-up |');
console.log('|---|---|---|---|');
for (const sc of withShellCheck ? [false, true] : [false]) {
  const one = median(times.get(`${sc}:1`)!);
  for (const jobs of [1, 2]) {
    const seconds = median(times.get(`${sc}:${jobs}`)!);
    console.log(`| ${sc ? 'with ShellCheck' : 'without'} | ${jobs} | ${seconds.toFixed(2)} | ${(one / seconds).toFixed(2)}x |`);
  }
}
