import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layers of docs/architecture.md, as the imports of src/ draw them (type imports included): a
 * folder imports only from its own layer and below, no two folders import each other, and no core
 * folder reaches GitHub or the handlers.
 */

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

const LAYERS: ReadonlyArray<readonly string[]> = [
  ['findings.ts', 'clock.ts', 'check-output.ts', 'versioning', 'markdown'],
  ['dockerfile', 'files', 'yaml'],
  ['manifests', 'policy', 'shellcheck', 'queue', 'registry'],
  ['rules'],
  ['lint', 'format'],
  ['config'],
  // automerge/: merge on green (issue 19), landing beside this.
  ['review', 'bump', 'fanout', 'inventory', 'policy-check', 'upstream', 'deploy', 'review-lock', 'automerge'],
  ['github', 'handlers', 'runtime.ts', 'index.ts', 'server.ts', 'http', 'metrics.ts', 'cli', 'cli.ts'],
];
const EDGES_OF_THE_APP = new Set(['github', 'handlers', 'runtime.ts', 'index.ts', 'server.ts', 'http', 'cli', 'cli.ts']);

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Folder (or top-level file) → the folders it imports, with one importing file each for messages. */
function folderImports(): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(SRC)) {
    const from = relative(SRC, file).split('/')[0]!;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from\s+|import\()'(\.\.?\/[^']+)'/g)) {
      const to = relative(SRC, resolve(dirname(file), match[1]!)).replace(/\.js$/, '.ts').split('/')[0]!;
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, relative(SRC, file));
    }
  }
  return edges;
}

const edges = folderImports();
const layerOf = (folder: string) => LAYERS.findIndex((layer) => layer.includes(folder));

describe('the layers of src/', () => {
  it('places every folder of src/ in a layer', () => {
    const folders = readdirSync(SRC);
    expect(folders.filter((folder) => layerOf(folder) === -1)).toEqual([]);
  });

  it('imports only from the same layer or below', () => {
    const upwards = [...edges].flatMap(([from, targets]) =>
      [...targets].filter(([to]) => layerOf(to) > layerOf(from)).map(([to, file]) => `${file} imports ${to}/ (layer ${layerOf(to)} above ${layerOf(from)})`),
    );
    expect(upwards).toEqual([]);
  });

  it('has no import cycle between folders', () => {
    const cycles = [...edges].flatMap(([from, targets]) => [...targets.keys()].filter((to) => reaches(to, from)).map((to) => `${from} <-> ${to}`));
    expect(cycles).toEqual([]);
  });

  it('keeps GitHub, the handlers and the composition root out of the core', () => {
    const reaching = [...edges]
      .filter(([from]) => !EDGES_OF_THE_APP.has(from))
      .flatMap(([from, targets]) => [...targets].filter(([to]) => EDGES_OF_THE_APP.has(to)).map(([to, file]) => `${file} (${from}/) imports ${to}`));
    expect(reaching).toEqual([]);
  });
});

function reaches(start: string, goal: string): boolean {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const folder = stack.pop()!;
    if (folder === goal) return true;
    if (seen.has(folder)) continue;
    seen.add(folder);
    stack.push(...(edges.get(folder)?.keys() ?? []));
  }
  return false;
}
