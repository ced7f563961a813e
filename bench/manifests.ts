/**
 * Image extraction throughput on fixtures/manifests (compose files, Kubernetes manifests, workflows
 * and actions, dev containers; see its PROVENANCE.md), beside the lint bench: files/s for Plimsoll
 * (classify by path, read the related .env and compose files, extract), against the floor of
 * parsing the same files with `yaml` and `jsonc-parser` alone. Then one 5 MB manifest bundle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseTree } from 'jsonc-parser';
import { parseAllDocuments } from 'yaml';
import { extractManifest, relatedPaths } from '../src/manifests/extract.js';
import { fileClassifier } from '../src/files/kinds.js';

const root = new URL('../fixtures/manifests/', import.meta.url).pathname;
const classify = fileClassifier();

function walk(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(directory, entry.name)) : [relative(root, join(directory, entry.name))],
  );
}

const texts = new Map(walk(root).map((path) => [path, readFileSync(join(root, path), 'utf8')]));
const files = [...texts.keys()]
  .map((path) => ({ path, kind: classify(path) }))
  .filter((file): file is { path: string; kind: 'compose' | 'kubernetes' | 'workflow' | 'devcontainer' } => file.kind !== null && file.kind !== 'dockerfile');
const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(texts.get(f.path)!), 0);

const engines: Record<string, () => number> = {
  plimsoll: () => {
    let images = 0;
    for (const { path, kind } of files) {
      const text = texts.get(path)!;
      const related = new Map(relatedPaths(kind, path, text).flatMap((p) => (texts.has(p) ? [[p, texts.get(p)!] as const] : [])));
      images += extractManifest(kind, path, text, related).images.length;
    }
    return images;
  },
  'yaml+jsonc parse': () => {
    let documents = 0;
    for (const { path } of files) {
      const text = texts.get(path)!;
      if (path.endsWith('.json')) documents += parseTree(text, [], { allowTrailingComma: true }) ? 1 : 0;
      else documents += parseAllDocuments(text).length;
    }
    return documents;
  },
};

const ROUNDS = 200;
const rows: string[] = [];
let ours = 0;
for (const [name, run] of Object.entries(engines)) {
  for (let i = 0; i < 20; i++) run();
  let found = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < ROUNDS; i++) found = run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const filesPerSecond = (files.length * ROUNDS) / seconds;
  if (name === 'plimsoll') ours = filesPerSecond;
  rows.push(`| ${name} | ${files.length} | ${Math.round(filesPerSecond).toLocaleString('en-US')} | ${((bytes * ROUNDS) / 1e6 / seconds).toFixed(2)} | ${found} | ${name === 'plimsoll' ? '1' : `${(ours / filesPerSecond).toFixed(2)}x`} |`);
}
const kinds = ['compose', 'kubernetes', 'workflow', 'devcontainer'].map((kind) => `${files.filter((f) => f.kind === kind).length} ${kind}`).join(', ');
console.log(`Corpus: ${kinds} (${(bytes / 1024).toFixed(1)} KB), ${ROUNDS} rounds.\n`);
console.log('| engine | files | files/s | MB/s | images (or documents) | plimsoll speed ratio |');
console.log('|---|---|---|---|---|---|');
for (const row of rows) console.log(row);

const deployment = (i: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app${i}}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/app${i}:1.0.${i}\n          env: [{name: A, value: b}]\n`;
let bundle = '';
for (let i = 0; bundle.length < 5 * 1024 * 1024; i++) bundle += `${deployment(i)}---\n`;
const timed = <T>(run: () => T): [T, number] => {
  const start = process.hrtime.bigint();
  const result = run();
  return [result, Number(process.hrtime.bigint() - start) / 1e9];
};
const [extraction, seconds] = timed(() => extractManifest('kubernetes', 'bundle.yaml', bundle));
const [, floor] = timed(() => parseAllDocuments(bundle));
console.log(
  `\nA 5 MB bundle of ${extraction.images.length} Deployments (the worst shape: many small documents): ` +
    `${seconds.toFixed(2)} s to extract, ${floor.toFixed(2)} s for \`yaml\` to parse it alone.`,
);
