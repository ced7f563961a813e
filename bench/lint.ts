/**
 * Warm lint throughput on the shared corpus for one engine, in a process of its own (so peak RSS
 * and dockerfile-ast's argument cache are that engine's): `tsx bench/lint.ts
 * plimsoll|plimsoll-no-buildkit|parse|dockerfilelint|dockerfile-utils`. One full pass warms the JIT, then the best of
 * three timed passes counts; files/s is measured on the process's CPU time, which a busy shared
 * machine disturbs far less than wall time (wall time is printed too). Plimsoll runs every rule,
 * the off-by-default ones included; `plimsoll-no-buildkit` the same with BuildKit's checks switched
 * off (`rules: { buildkit: off }`). Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { corpusFiles } from '../test/corpus.js';

const engine = process.argv[2] ?? 'plimsoll';
const PASSES = 3;
const require = createRequire(import.meta.url);
const files = corpusFiles().map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);

async function loadEngine(): Promise<(path: string, text: string) => number> {
  switch (engine) {
    case 'plimsoll':
    case 'plimsoll-no-buildkit': {
      const { lintText } = await import('../src/lint/lint.js');
      const { allRules } = await import('../src/rules/index.js');
      const { defaultSettings } = await import('../src/rules/settings.js');
      const levels: Record<string, 'info' | 'off'> = Object.fromEntries(allRules.filter((r) => r.level === 'off').map((r) => [r.code, 'info' as const]));
      if (engine === 'plimsoll-no-buildkit') levels.buildkit = 'off';
      const settings = { ...defaultSettings(), levels };
      return (path, text) => lintText(path, text, { settings }).findings.length;
    }
    case 'parse': {
      const { DockerfileParser } = await import('dockerfile-ast');
      return (_path, text) => DockerfileParser.parse(text).getInstructions().length;
    }
    case 'dockerfilelint': {
      const dockerfilelint = require('dockerfilelint') as { run(context: string, text: string): unknown[] };
      return (_path, text) => dockerfilelint.run('/tmp', text).length;
    }
    case 'dockerfile-utils': {
      const utils = await import('dockerfile-utils');
      return (_path, text) => utils.validate(text).length;
    }
    default:
      throw new Error(`unknown engine ${engine}`);
  }
}

const lint = await loadEngine();

function pass(): { cpu: number; wall: number; crashes: number; findings: number } {
  let crashes = 0;
  let findings = 0;
  const cpu0 = process.cpuUsage();
  const wall0 = process.hrtime.bigint();
  for (const f of files) {
    try {
      findings += lint(f.path, f.text);
    } catch {
      crashes++;
    }
  }
  const cpu = process.cpuUsage(cpu0);
  return { cpu: (cpu.user + cpu.system) / 1e6, wall: Number(process.hrtime.bigint() - wall0) / 1e9, crashes, findings };
}

pass(); // warm-up: JIT, WASM compilation, caches
const passes = Array.from({ length: PASSES }, pass);
const best = passes.reduce((a, b) => (b.cpu < a.cpu ? b : a));
const bestWall = Math.min(...passes.map((p) => p.wall));
console.log(JSON.stringify({
  engine,
  files: files.length,
  bytes,
  seconds: best.cpu,
  filesPerSecond: files.length / best.cpu,
  wallFilesPerSecond: files.length / bestWall,
  megabytesPerSecond: bytes / 1e6 / best.cpu,
  crashes: best.crashes,
  findings: best.findings,
  peakRssMB: process.resourceUsage().maxRSS / 1024,
}));
