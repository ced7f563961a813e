#!/usr/bin/env node
// npm's `prepare` script: builds dist/ wherever Plimsoll's sources are installed with their dev
// dependencies: after `npm ci` in a checkout, and when npm installs Plimsoll from git (pre-commit's
// `language: node` runs `npm install -g git+file://…`, and npm then runs `prepare`, not `prepack`).
// Skipped where TypeScript is not installed (a production install, `npm ci --omit=dev`) and under
// `npm pack` / `npm publish`, whose `prepack` builds from a clean dist/.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

if (process.env.npm_command === 'pack' || process.env.npm_command === 'publish') process.exit(0);

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  process.exit(0);
}
const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
process.exit(build.status ?? 1);
