/**
 * Lint throughput on the shared corpus for one engine, in a process of its own so peak RSS is
 * that engine's: `tsx bench/lint.ts plimsoll|parse|dockerfilelint|dockerfile-utils`.
 * Prints one JSON line: files, bytes, seconds, crashes, findings, peak RSS.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { corpusFiles } from '../test/corpus.js';

const engine = process.argv[2] ?? 'plimsoll';
const require = createRequire(import.meta.url);
const files = corpusFiles().map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);

async function loadEngine(): Promise<(path: string, text: string) => number> {
  switch (engine) {
    case 'plimsoll': {
      const { lintText } = await import('../src/lint/lint.js');
      return (path, text) => lintText(path, text).findings.length;
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
// Warm up on a slice so JIT and WASM compilation are not counted.
for (const f of files.slice(0, 100)) {
  try {
    lint(f.path, f.text);
  } catch {
    // counted below
  }
}
let crashes = 0;
let findings = 0;
const start = process.hrtime.bigint();
for (const f of files) {
  try {
    findings += lint(f.path, f.text);
  } catch {
    crashes++;
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({
  engine,
  files: files.length,
  bytes,
  seconds,
  filesPerSecond: files.length / seconds,
  megabytesPerSecond: bytes / 1e6 / seconds,
  crashes,
  findings,
  peakRssMB: process.resourceUsage().maxRSS / 1024,
}));
