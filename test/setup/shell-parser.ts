import { ensureShellParser } from '../../src/dockerfile/shell.js';

// Tests build models and lint synchronously, as the app does once its runtime has loaded the shell
// parser; test/dockerfile/lazy-shell-parser.test.ts covers the command line's on-demand load.
await ensureShellParser();
