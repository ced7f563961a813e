#!/usr/bin/env node
// npm's `prepare` script: builds dist/ wherever Plimsoll's sources are installed with their dev
// dependencies: after `npm ci` in a checkout, and when npm installs Plimsoll from git (pre-commit's
// `language: node` runs `npm install -g git+file://…`; npm then runs `prepare`, not `prepack`).
// Skipped under `npm pack` / `npm publish`, whose `prepack` builds from a clean dist/, and in a
// production install (`npm ci --omit=dev`), where TypeScript is absent.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
if (env.npm_command === 'pack' || env.npm_command === 'publish') process.exit(0);

const findTsc = () => {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
};

let tsc = findTsc();
// Installing from git for a global install (`npm install -g git+…`, as pre-commit does), npm is
// meant to install the clone's dev dependencies before this script runs, but its child install
// inherits `global` and installs elsewhere (npm 10 and 11), so TypeScript is missing here. Install
// them into this clone, as npm meant to, then build.
if (tsc === undefined && env.npm_config_global === 'true' && existsSync(join(root, 'tsconfig.build.json'))) {
  const local = Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_config_(global|prefix|location|omit|include)$/i.test(name)));
  const npm = env.npm_execpath ? [process.execPath, env.npm_execpath] : ['npm'];
  const install = spawnSync(npm[0], [...npm.slice(1), 'install', '--no-save', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: root,
    env: local,
    stdio: 'inherit',
  });
  if (install.status !== 0) process.exit(install.status ?? 1);
  tsc = findTsc();
}
if (tsc === undefined) process.exit(0);

const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
// The command line's bundle (dist/cli/), which starts faster; bin/plimsoll.js runs dist/src/ without it.
try {
  createRequire(import.meta.url).resolve('esbuild');
} catch {
  process.exit(0);
}
const bundle = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.js')], { cwd: root, stdio: 'inherit' });
process.exit(bundle.status ?? 1);
