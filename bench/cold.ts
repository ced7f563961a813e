/**
 * Cold start: one `lint` of one Dockerfile, a new process each time, as a pre-commit hook or an
 * editor runs it. Commands run round-robin (one of each per round), so a busy machine slows them
 * alike and the ratios hold; medians of `rounds` runs. `tsx bench/cold.ts [rounds]`.
 * Needs the built CLI (`npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findShellCheck } from '../src/shellcheck/run.js';
import { corpusDir } from '../test/corpus.js';

const ROOT = resolve(import.meta.dirname, '..');
const rounds = Number(process.argv[2] ?? 15);

/** A real Dockerfile of median size with several RUNs (apt-get, sed, continuation lines). */
const SAMPLE = join(corpusDir, 'containers__toolbox', 'images__ubuntu__24.04__Containerfile');
const file = existsSync(SAMPLE) ? SAMPLE : writeSample();

/** Without the corpus: a file of the same shape. */
function writeSample(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'plimsoll-cold-')), 'Dockerfile');
  const text = [
    'FROM docker.io/library/ubuntu:24.04',
    'LABEL name="toolbox" \\', '      version="24.04"',
    'RUN rm /etc/apt/apt.conf.d/docker-gzip-indexes',
    "RUN sed -Ei 's/^(hosts:.*)/\\1 myhostname/' /etc/nsswitch.conf",
    'COPY extra-packages /',
    'RUN apt-get update && \\', '    DEBIAN_FRONTEND=noninteractive apt-get -y install \\', '        ubuntu-minimal libnss-myhostname \\',
    '        $(cat extra-packages | xargs) && \\', '    rm -rd /var/lib/apt/lists/*',
    'RUN mkdir --parents /etc/pkcs11/modules', 'RUN userdel --remove ubuntu', '',
  ].join('\n');
  writeFileSync(path, text);
  return path;
}

const bin = join(ROOT, 'bin/plimsoll.js');
if (!existsSync(join(ROOT, 'dist'))) throw new Error('build the CLI first: npm run build');
const shellcheck = findShellCheck(process.env);
const env = (extra: Record<string, string>) => ({ ...process.env, NO_COLOR: '1', ...extra });

interface Command {
  name: string;
  argv: string[];
  env: NodeJS.ProcessEnv;
}

const commands: Command[] = [
  { name: 'node -e 0', argv: [process.execPath, '-e', '0'], env: env({}) },
  { name: 'dockerfilelint', argv: [process.execPath, join(ROOT, 'node_modules/dockerfilelint/bin/dockerfilelint'), file], env: env({}) },
  { name: 'plimsoll lint (no SC)', argv: [process.execPath, bin, 'lint', file], env: env({ PLIMSOLL_SHELLCHECK: 'off' }) },
];
if ('binary' in shellcheck) {
  commands.push({ name: 'plimsoll lint (with ShellCheck)', argv: [process.execPath, bin, 'lint', file], env: env({}) });
}
if (existsSync(join(ROOT, 'dist/src/cli.js'))) {
  // The same CLI from the unbundled tsc output, to show what the bundle saves.
  commands.push({ name: 'plimsoll lint (no SC, unbundled)', argv: [process.execPath, join(ROOT, 'dist/src/cli.js'), 'lint', file], env: env({ PLIMSOLL_SHELLCHECK: 'off' }) });
}

const times = new Map<string, number[]>(commands.map((c) => [c.name, []]));
for (const command of commands) spawnSync(command.argv[0]!, command.argv.slice(1), { env: command.env }); // warm the file cache
for (let round = 0; round < rounds; round++) {
  for (const command of commands) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command.argv[0]!, command.argv.slice(1), { env: command.env, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    // Exit statuses differ (dockerfilelint exits with its finding count); only a crash counts.
    if (result.status === null || /Error|internal error/.test(result.stderr)) throw new Error(`${command.name} failed: ${result.stderr}`);
    times.get(command.name)!.push(ms);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const reference = median(times.get('dockerfilelint')!);
console.log(`Cold \`lint\` of one ${readFileSync(file, 'utf8').split('\n').length}-line Dockerfile, median of ${rounds} runs, round-robin:\n`);
console.log('| command | median ms | vs dockerfilelint |');
console.log('|---|---|---|');
const summary: Record<string, number> = {};
for (const command of commands) {
  const ms = median(times.get(command.name)!);
  summary[command.name] = Math.round(ms);
  console.log(`| ${command.name} | ${Math.round(ms)} | ${(ms / reference).toFixed(2)}x |`);
}
if (!('binary' in shellcheck)) console.log('\n(shellcheck is not installed: the ShellCheck row is missing.)');
console.log(`\n${JSON.stringify(summary)}`);
