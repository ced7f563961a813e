#!/usr/bin/env node
// Bundles the command line into dist/cli/ (run by `npm run build`, after tsc). One file per command
// instead of ~130 modules: Node resolves, reads and compiles far less before the first finding.
// web-tree-sitter stays a package of its own (it finds its .wasm beside itself); semver and yaml
// are loaded on demand through createRequire and stay in node_modules.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
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
  external: ['web-tree-sitter'],
  // Bundled CommonJS packages (dockerfile-ast) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __plimsollRequire } from 'node:module'; const require = __plimsollRequire(import.meta.url);" },
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.log('dist/cli/: bundled command line');
