#!/usr/bin/env node
// Bundles the command line into dist/cli/ (run by `npm run build`, after tsc). One file per command
// instead of ~130 modules: Node resolves, reads and compiles far less before the first finding.
// web-tree-sitter finds its .wasm beside the code (new URL('tree-sitter.wasm', import.meta.url)),
// so the .wasm is copied beside the bundle; semver and yaml are loaded on demand through
// createRequire and stay in node_modules.
import { build } from 'esbuild';
import { copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'cli');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts', 'lint-worker': 'src/cli/lint-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // jsonc-parser's CommonJS build is UMD, whose require() calls a bundler cannot follow: it is
  // loaded from node_modules (dev containers only).
  external: ['jsonc-parser'],
  // Bundled CommonJS packages (dockerfile-ast) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __plimsollRequire } from 'node:module'; const require = __plimsollRequire(import.meta.url);" },
  minifyWhitespace: true,
  minifySyntax: true,
  // Maps beside the bundle, without a sourceMappingURL comment Node would scan for at load.
  sourcemap: 'external',
  logLevel: 'warning',
});
copyFileSync(createRequire(import.meta.url).resolve('web-tree-sitter/tree-sitter.wasm'), join(outdir, 'tree-sitter.wasm'));
