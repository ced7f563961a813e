/**
 * Imported first by the command line's entry points (src/cli.ts, the lint worker): tree-sitter
 * then loads only when a script needs it (src/dockerfile/shell.ts). Everyone else, the app, tests
 * and embedders calling `lintText` directly, gets it loaded at import, so their synchronous calls
 * always have it. A global symbol, not an import: importing shell.ts here would load it.
 */
(globalThis as Record<symbol, unknown>)[Symbol.for('plimsoll.shellParserOnDemand')] = true;
