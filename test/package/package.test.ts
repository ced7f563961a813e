import { execFile, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { containerDefinitionMatcher } from '../../src/files/globs.js';

/**
 * SLOW (about 30 s; it runs in `npm test`): the package as a user gets it. `npm pack` (its
 * `prepack` builds dist/) on a copy of the sources, then the tarball installed into empty folders
 * with production dependencies only, from the npm registry, as `npm install --omit=dev <tarball>`
 * does it, and once more without the GitHub App's optional dependencies. The GitHub Action and
 * the pre-commit hook are then run as their YAML says, on that installed package.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const TAG = 'Always tag the version of an image explicitly';

/** The environment of a user's shell: nothing from the `npm test` that runs this file. */
const userEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'NODE_OPTIONS' && name !== 'NO_COLOR')),
  // npx never downloads a package of that name from the registry: only the installed one runs.
  npm_config_yes: 'false',
};

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = userEnv): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 90_000 });
}

function succeed(command: string, args: string[], cwd: string): string {
  const result = run(command, args, cwd);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

let work: string;
let tarball: string;
let packed: { filename: string; files: { path: string }[]; size: number; unpackedSize: number };
/** `npm install --omit=dev <tarball>` */
let full: string;
/** `npm install --omit=dev --omit=optional <tarball>`: the CLI alone. */
let lean: string;
/** A repository to lint. */
let repo: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'plimsoll-package-'));

  // A copy of what `npm pack` reads, so building does not touch this checkout's dist/.
  const source = join(work, 'source');
  for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'LICENSE', 'app.yml', 'src', 'bin', 'schema', 'scripts']) {
    cpSync(join(ROOT, entry), join(source, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(source, 'node_modules'), 'dir');
  const report = JSON.parse(succeed('npm', ['pack', '--json', '--pack-destination', work], source)) as (typeof packed)[];
  packed = report[0]!;
  tarball = join(work, packed.filename);

  full = join(work, 'full');
  lean = join(work, 'lean');
  const install = async (dir: string, omit: string[]): Promise<void> => {
    mkdirSync(dir);
    await promisify(execFile)('npm', ['install', ...omit, '--no-audit', '--no-fund', tarball], { cwd: dir, env: userEnv, timeout: 90_000 });
  };
  await Promise.all([install(full, ['--omit=dev']), install(lean, ['--omit=dev', '--omit=optional'])]);

  repo = join(work, 'repo');
  mkdirSync(join(repo, 'services/api'), { recursive: true });
  writeFileSync(join(repo, 'Dockerfile'), 'FROM alpine\nUSER 10001\n');
  writeFileSync(join(repo, 'services/api/Dockerfile'), 'FROM alpine:3.19\nUSER 10001\n');
  // alpine is not whitelisted (PL1001), except for acme/app, the repository the Action runs in.
  writeFileSync(
    join(repo, 'policy.yml'),
    'version: 1\nimages:\n  - name: debian\nexceptions:\n  - repo: acme/app\n    image: alpine\n    codes: [PL1001]\n    reason: migrating\n    expires: 2099-01-31\n',
  );
}, 150_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('ships the built CLI (and its bundle), the app, the schemas and the licence, and nothing under test/ or bench/', () => {
    const files = packed.files.map((file) => file.path);
    for (const path of ['package.json', 'README.md', 'LICENSE', 'app.yml', 'bin/plimsoll.js', 'dist/src/cli.js', 'dist/cli/cli.js', 'dist/cli/tree-sitter.wasm', 'dist/src/index.js', 'schema/plimsoll-policy.schema.json']) {
      expect(files).toContain(path);
    }
    expect(files.filter((path) => !/^(bin|dist\/src|dist\/cli|schema)\/|^(package\.json|README\.md|LICENSE|app\.yml)$/.test(path))).toEqual([]);
    expect(files.filter((path) => path.endsWith('.map') || path.endsWith('.ts'))).toEqual([]);
  });
});

describe.each([
  ['npm install --omit=dev <tarball>', () => full],
  ['npm install --omit=dev --omit=optional <tarball> (the CLI alone)', () => lean],
])('%s', (_name, folder) => {
  it('npx plimsoll --version prints the version', () => {
    const result = run('npx', ['plimsoll', '--version'], folder());
    expect([result.status, result.stdout, result.stderr]).toEqual([0, `plimsoll ${VERSION}\n`, '']);
  });

  it('npx plimsoll lint lints, in hadolint\'s formats, with exit 1 on findings at the threshold', () => {
    const result = run('npx', ['plimsoll', 'lint', '--format', 'gnu', '--error', 'DL3006', join(repo, 'Dockerfile')], folder());
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`plimsoll:${join(repo, 'Dockerfile')}:1: DL3006 error: ${TAG}\n`);
    expect(result.status).toBe(1);
    const clean = run('npx', ['plimsoll', 'lint', join(repo, 'services/api/Dockerfile')], folder());
    expect([clean.status, clean.stdout, clean.stderr]).toEqual([0, '', '']);
  });
});

describe('what a CLI-only user installs', () => {
  it("can leave out the GitHub App's server (probot, bullmq, ioredis), which the CLI never loads", () => {
    for (const name of ['probot', 'bullmq', 'ioredis']) expect([name, existsSync(join(lean, 'node_modules', name))]).toEqual([name, false]);
  });

  it('exports the app, the CLI and package.json', () => {
    const script = "const cli = await import('plimsoll/cli'); const pkg = (await import('plimsoll/package.json', { with: { type: 'json' } })).default; console.log(typeof cli.main, pkg.version, import.meta.resolve('plimsoll'));";
    const result = run(process.execPath, ['--input-type=module', '-e', script], full);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`function ${VERSION} file://${join(full, 'node_modules/plimsoll/dist/src/index.js')}\n`);
  });
});

/** A step of action.yml run as the runner runs it: `${{ … }}` in its env filled in, its script given to bash. */
function runActionStep(inputs: Record<string, string>, cwd = repo): SpawnSyncReturns<string> & { githubOutput: string } {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default: string }>;
    runs: { using: string; steps: { id?: string; shell: string; env?: Record<string, string>; run: string }[] };
  };
  const step = action.runs.steps.find((candidate) => candidate.id === 'lint')!;
  const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default])), ...inputs };
  const expression = (text: string): string =>
    text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_match, name: string) => {
      if (name === 'github.repository') return 'acme/app';
      const input = name.replace(/^inputs\./, '');
      if (!(input in values)) throw new Error(`action.yml uses ${name}, which is not an input`);
      return values[input]!;
    });
  const outputFile = join(work, `github-output-${Math.random().toString(36).slice(2)}`);
  writeFileSync(outputFile, '');
  const env = {
    ...userEnv,
    ...Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, expression(value)])),
    GITHUB_ACTION_PATH: join(full, 'node_modules/plimsoll'),
    GITHUB_OUTPUT: outputFile,
  };
  expect(step.shell).toBe('bash');
  // As the runner runs `shell: bash`.
  const result = run('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', step.run], cwd, env);
  return { ...result, githubOutput: readFileSync(outputFile, 'utf8') };
}

describe('action.yml', () => {
  it('is a composite action that builds Plimsoll from its own sources', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['paths', 'policy', 'format', 'failure-threshold', 'config', 'sarif-file']);
    expect(action.runs.steps[0].run).toBe('npm ci --prefix "$GITHUB_ACTION_PATH" --no-audit --no-fund --loglevel=error');
  });

  it('annotates the run with the github format by default and fails on errors only', () => {
    const result = runActionStep({});
    expect(result.stdout).toBe(`::warning file=Dockerfile,line=1,col=1,title=DL3006::${TAG}\n`);
    expect([result.status, result.stderr, result.githubOutput]).toEqual([0, '', '']);
  });

  it('takes paths, a format and a failure threshold', () => {
    const result = runActionStep({ paths: 'Dockerfile\nservices', format: 'gnu', 'failure-threshold': 'warning' });
    expect(result.stdout).toBe(`plimsoll:Dockerfile:1: DL3006 warning: ${TAG}\n`);
    expect(result.status).toBe(1);
  });

  it('applies the policy, with the repository for its exceptions, and a hadolint config', () => {
    writeFileSync(join(repo, 'hadolint.yml'), 'ignored: [DL3006]\n');
    const result = runActionStep({ policy: 'policy.yml', config: 'hadolint.yml', format: 'gnu', 'failure-threshold': 'warning' });
    // PL1004 comes from the policy; PL1001 is excepted for acme/app; DL3006 is ignored by the config.
    expect(result.stdout).toBe('plimsoll:Dockerfile:1: PL1004 warning: alpine (no tag) floats to whatever latest is at build time; pin a version\n');
    expect(result.status).toBe(1);
  });

  it('writes SARIF for code scanning when asked, and names it in its output', () => {
    const result = runActionStep({ 'sarif-file': 'plimsoll.sarif' });
    expect(result.status).toBe(0);
    expect(result.githubOutput).toBe('sarif-file=plimsoll.sarif\n');
    const log = JSON.parse(readFileSync(join(repo, 'plimsoll.sarif'), 'utf8'));
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['DL3006']);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('Dockerfile');
  });

  it('exits 2 on a path that does not exist, and writes no SARIF', () => {
    const result = runActionStep({ paths: 'missing/Dockerfile', 'sarif-file': 'missing.sarif' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('plimsoll: missing/Dockerfile: no such file or directory\n');
    expect(existsSync(join(repo, 'missing.sarif'))).toBe(false);
  });

  it('never runs text from an input as a command', () => {
    const result = runActionStep({ paths: '$(touch pwned) `touch pwned2` ;touch pwned3', 'failure-threshold': 'none' });
    expect(result.status).toBe(2);
    for (const name of ['pwned', 'pwned2', 'pwned3']) expect(existsSync(join(repo, name))).toBe(false);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    language: string;
    entry: string;
    files: string;
    exclude: string;
  }[];
  const hook = hooks[0]!;

  it('is a node hook running plimsoll lint', () => {
    expect(hooks.map((h) => [h.id, h.language, h.entry])).toEqual([['plimsoll', 'node', 'plimsoll lint']]);
  });

  it('selects exactly the files the default container-definition globs select', () => {
    const isDefinition = containerDefinitionMatcher();
    // pre-commit matches `files` and `exclude` with Python's re.search; these patterns mean the same in JavaScript.
    const selected = (path: string): boolean => new RegExp(hook.files).test(path) && !new RegExp(hook.exclude).test(path);
    const paths = [
      'Dockerfile', 'Containerfile', 'Dockerfile.prod', 'services/api/Dockerfile', '.devcontainer/Dockerfile',
      'build/app.dockerfile', 'ci/web.Dockerfile', 'Containerfile.fedora', 'deploy/Containerfile.x.y', '.Dockerfile',
      'Dockerfile.dockerignore', 'app.Dockerfile.dockerignore', 'README.md', 'MyDockerfile', 'Dockerfiles/readme.md',
      'docs/Dockerfile.md', 'dockerfile', 'Dockerfile/x', 'x.dockerfile.txt', 'compose.yaml',
    ];
    expect(paths.map((path) => [path, selected(path)])).toEqual(paths.map((path) => [path, isDefinition(path)]));
  });

  it("runs its entry on the staged files as pre-commit does, with the installed package's bin on PATH", () => {
    const [command, ...args] = hook.entry.split(' ');
    const env = { ...userEnv, PATH: `${join(full, 'node_modules/.bin')}:${userEnv.PATH}` };
    const failing = run(command!, [...args, '--error', 'DL3006', 'Dockerfile', 'services/api/Dockerfile'], repo, env);
    expect([failing.status, failing.stdout, failing.stderr]).toEqual([1, `Dockerfile:1:1 DL3006 error: ${TAG}\n`, '']);
    const passing = run(command!, [...args, 'services/api/Dockerfile'], repo, env);
    expect([passing.status, passing.stdout, passing.stderr]).toEqual([0, '', '']);
  });
});
