import { loadShellParserOnDemand } from '../dockerfile/shell-on-demand.js';

/**
 * Imported first by the command line's entry points (src/cli.ts, the lint worker): tree-sitter
 * then loads only when a script needs it (src/dockerfile/shell.ts). Everyone else, the app, tests
 * and embedders calling `lintText` directly, gets it loaded at import, so their synchronous calls
 * always have it.
 */
loadShellParserOnDemand();
