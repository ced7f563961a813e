// First: the engine below loads tree-sitter on demand (see shell-on-demand.ts).
import './cli/shell-on-demand.js';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './cli/main.js';

/** The command line's entry point; the commands live in src/cli/. */
export { main, type CliEngine } from './cli/main.js';
export { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, packageVersion, processIO, type CliIO } from './cli/io.js';

/** Run as a script (`tsx src/cli.ts ...`); bin/plimsoll.js calls `main` itself. */
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
