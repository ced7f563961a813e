/**
 * `plimsoll bump` on a long file: plan the edits, apply them, print the unified diff. The edits sit
 * on the first and the last line, the worst case for the LCS table the diff used to build (every
 * line between them: 16,000 lines took 14.2 s and 2.15 GB). Medians of 5 runs, one process.
 * `tsx bench/bump-diff.ts`
 */
import { applyEdits, planBumps, unifiedDiff } from '../src/bump/index.js';
import { loadPolicy } from '../src/policy/load.js';

const loaded = loadPolicy('version: 1\nimages:\n  - name: node\n    versions: [20.11.1, 20.10.0]\n    update: minor\n', 'policy.yml');
if (!loaded.ok) throw new Error('bench policy invalid');
const policy = loaded.policy;

function dockerfile(lines: number): string {
  const out = ['FROM node:20.10.0 AS build'];
  for (let i = 0; i < lines - 2; i++) out.push(`RUN echo "step ${i}"`);
  out.push('FROM node:20.10.0');
  return `${out.join('\n')}\n`;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

console.log('| lines | plan ms | apply ms | diff ms | diff lines | heap after MB |');
console.log('|---|---|---|---|---|---|');
for (const lines of [2_000, 8_000, 16_000, 64_000]) {
  const text = dockerfile(lines);
  const plan: number[] = [];
  const apply: number[] = [];
  const diff: number[] = [];
  let output = '';
  for (let run = 0; run < 5; run++) {
    let start = process.hrtime.bigint();
    const edits = planBumps(policy, 'Dockerfile', text).edits;
    plan.push(ms(start));
    start = process.hrtime.bigint();
    const after = applyEdits(text, edits);
    apply.push(ms(start));
    start = process.hrtime.bigint();
    output = unifiedDiff('Dockerfile', text, after);
    diff.push(ms(start));
  }
  const heap = process.memoryUsage().heapUsed / 1024 / 1024;
  console.log(`| ${lines.toLocaleString('en-US')} | ${median(plan).toFixed(1)} | ${median(apply).toFixed(2)} | ${median(diff).toFixed(2)} | ${output.split('\n').length - 1} | ${Math.round(heap)} |`);
}
