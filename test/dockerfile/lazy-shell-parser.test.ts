import { describe, expect, it, vi } from 'vitest';
import { loadShellParserOnDemand } from '../../src/dockerfile/shell-on-demand.js';
import { lintBatch } from '../../src/lint/batch.js';

/*
 * The command line loads tree-sitter only when a script needs it (src/dockerfile/shell.ts). These
 * tests import the engine anew, with tree-sitter not loaded, and compare with the engine the test
 * setup loaded it into.
 */

/** Arithmetic is beyond the fast reader: tree-sitter reads line 2's script and line 3's inner `sh -c` one. */
const NEEDS_TREE_SITTER = [
  'FROM debian:12',
  'RUN n=$((1+2)) && apt-get install -y curl',
  "RUN sh -c 'apt-get install -y wget && echo $((3*4))'",
  '',
].join('\n');
const SIMPLE = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n';

/** The engine as the command line imports it: after src/cli/shell-on-demand.ts set its flag. */
async function freshEngine() {
  vi.resetModules();
  loadShellParserOnDemand();
  try {
    const [batch, shell] = await Promise.all([import('../../src/lint/batch.js'), import('../../src/dockerfile/shell.js')]);
    return { lintBatch: batch.lintBatch, readWithTreeSitter: shell.readWithTreeSitter, parseShell: shell.parseShell };
  } finally {
    loadShellParserOnDemand(false);
  }
}

const codesByLine = (result: Awaited<ReturnType<typeof lintBatch>>) =>
  result.files.flatMap((file) => ('findings' in file ? file.findings.map((f) => `${f.line} ${f.code}`) : [file.error]));

describe('tree-sitter loaded on demand', () => {
  it('is loaded at import for everyone but the command line: a library call needs no withShellParser', async () => {
    vi.resetModules();
    const shell = await import('../../src/dockerfile/shell.js');
    expect(shell.parseShell('echo $((1+2))').commands.map((c) => c.name)).toEqual(['echo']);
  });

  it('lints a file the fast reader reads whole without loading tree-sitter', async () => {
    const fresh = await freshEngine();
    const files = [{ path: 'Dockerfile', text: SIMPLE }];
    expect(await fresh.lintBatch(files)).toEqual(await lintBatch(files));
    expect(() => fresh.readWithTreeSitter('echo `date`')).toThrow(/shell parser is not loaded/);
  });

  it('loads tree-sitter when a script needs it and lints the file again: the same findings as with it loaded', async () => {
    const fresh = await freshEngine();
    const files = [{ path: 'a/Dockerfile', text: NEEDS_TREE_SITTER }, { path: 'b/Dockerfile', text: SIMPLE }];
    const lazy = await fresh.lintBatch(files);
    expect(lazy).toEqual(await lintBatch(files));
    // What only tree-sitter's reading of line 2 shows: an unpinned apt-get install without --no-install-recommends.
    expect(codesByLine(lazy)).toEqual(expect.arrayContaining(['2 DL3008', '2 DL3015']));
    expect(fresh.readWithTreeSitter('echo `date`').commands.map((c) => c.name)).toEqual(['echo', 'date']);
  });

  it('refuses, outside withShellParser, a script that needs tree-sitter before it is loaded', async () => {
    const fresh = await freshEngine();
    expect(fresh.parseShell('apt-get install -y curl').commands[0]?.name).toBe('apt-get');
    expect(() => fresh.parseShell('echo $((1+2))')).toThrow(/shell parser is not loaded/);
  });
});
