/**
 * Lint time and peak memory against file size, each case in a fresh process: 5,000 and 20,000
 * one-line RUNs; one RUN of 4,000 and 16,000 continuation lines. Linear means 4x the lines costs
 * about 4x the time. With `shellcheck` installed, each case runs with and without the SC rules.
 * `tsx bench/size.ts` (the parent) or `tsx bench/size.ts --case NAME --sc on|off` (one case).
 */
import { execFileSync } from 'node:child_process';
import { findShellCheck, processRunner } from '../src/shellcheck/run.js';

const CASES: Record<string, () => string> = {
  'RUN lines x5,000': () => runLines(5_000),
  'RUN lines x20,000': () => runLines(20_000),
  'one RUN, 4,000 continuation lines': () => continuationLines(4_000),
  'one RUN, 16,000 continuation lines': () => continuationLines(16_000),
};

function runLines(count: number): string {
  const lines = ['FROM debian:12.5'];
  for (let i = 0; i < count; i++) lines.push(`RUN echo "step ${i}" > /tmp/step-${i % 97}`);
  return `${lines.join('\n')}\n`;
}

function continuationLines(count: number): string {
  const lines = ['FROM debian:12.5', 'RUN apt-get update && apt-get install -y --no-install-recommends \\'];
  for (let i = 0; i < count; i++) lines.push(`    package-${i}=1.${i % 10}.0 \\`);
  lines.push('    && rm -rf /var/lib/apt/lists/*');
  return `${lines.join('\n')}\n`;
}

const index = process.argv.indexOf('--case');
if (index >= 0) {
  // One case, in this process: lint it, print seconds and peak RSS.
  const name = process.argv[index + 1]!;
  const withShellCheck = process.argv[process.argv.indexOf('--sc') + 1] === 'on';
  const text = CASES[name]!();
  const found = findShellCheck(process.env);
  const { lintBatch } = await import('../src/lint/batch.js');
  const start = process.hrtime.bigint();
  const result = await lintBatch([{ path: 'Dockerfile', text }], {
    shellcheck: withShellCheck && 'binary' in found ? processRunner(found.binary, { timeoutMs: 600_000 }) : null,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const file = result.files[0]!;
  console.log(JSON.stringify({
    name,
    lines: text.split('\n').length - 1,
    seconds,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    findings: 'findings' in file ? file.findings.length : -1,
    shellcheck: result.shellcheck.state,
  }));
} else {
  const found = findShellCheck(process.env);
  const modes = 'binary' in found ? ['off', 'on'] : ['off'];
  console.log('| file | lines | SC rules | seconds | peak RSS MB (node) | findings |');
  console.log('|---|---|---|---|---|---|');
  for (const name of Object.keys(CASES)) {
    for (const sc of modes) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--case', name, '--sc', sc], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      const r = JSON.parse(out.trim().split('\n').pop()!) as { lines: number; seconds: number; peakRssMB: number; findings: number; shellcheck: string };
      console.log(`| ${name} | ${r.lines.toLocaleString('en-US')} | ${r.shellcheck === 'ran' ? 'with ShellCheck' : 'without'} | ${r.seconds.toFixed(2)} | ${Math.round(r.peakRssMB)} | ${r.findings} |`);
    }
  }
  if (!('binary' in found)) console.log('\n(shellcheck is not installed: rows with ShellCheck are missing.)');
}
