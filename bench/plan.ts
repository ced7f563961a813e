/**
 * Bump planning throughput on the corpus: a policy whitelisting, for every image found there, only
 * a version newer than any in use, so most FROM lines get an edit. Prints files/s and edits.
 */
import { readFileSync } from 'node:fs';
import { parseDockerfile } from '../src/dockerfile/model.js';
import { loadPolicy } from '../src/config/load.js';
import { planBumps } from '../src/bump/index.js';
import { corpusFiles } from '../test/corpus.js';

const files = corpusFiles().map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const names = new Set<string>();
for (const f of files) for (const image of parseDockerfile(f.path, f.text).images) if (image.ref) names.add(image.ref.familiar);
const yaml = ['version: 1', 'images:', ...[...names].sort().map((n) => `  - name: ${JSON.stringify(n)}\n    versions: ["999.0.0"]\n    update: major`)].join('\n');
const loaded = loadPolicy(yaml, 'bench-policy.yml');
if (!loaded.ok) throw new Error(`bench policy invalid: ${JSON.stringify(loaded.errors.slice(0, 3))}`);

for (const f of files.slice(0, 100)) planBumps(loaded.policy, f.path, f.text);
let edits = 0;
let unfixable = 0;
const start = process.hrtime.bigint();
for (const f of files) {
  const plan = planBumps(loaded.policy, f.path, f.text);
  edits += plan.edits.length;
  unfixable += plan.unfixable.length;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`| files | images in policy | edits planned | not fixable | seconds | files/s |`);
console.log(`|---|---|---|---|---|---|`);
console.log(`| ${files.length} | ${names.size} | ${edits} | ${unfixable} | ${seconds.toFixed(2)} | ${Math.round(files.length / seconds)} |`);
