import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { applyEdits, planBumps, unifiedDiff } from './bump/index.js';
import { parseDockerfile } from './dockerfile/model.js';
import { atOrAbove, LEVELS, type Finding, type Level } from './findings.js';
import { resolvePaths, type Target } from './files/find.js';
import { readTextFile, readTextStream, type TextResult } from './files/read.js';
import { formatImagesJson, formatImagesTty, imageRows, type ImageRow } from './format/images.js';
import { FORMAT_NAMES, formatReport, isFormatName, type FormatName } from './format/index.js';
import {
  emptyHadolintOptions,
  hadolintConfigCandidates,
  hadolintEnvironment,
  LABEL_TYPES,
  loadHadolintConfig,
  mergeHadolintOptions,
  toLintSettings,
  type HadolintOptions,
} from './lint/hadolint-config.js';
import { lintText, type LintOptions } from './lint/lint.js';
import type { PolicyContext } from './policy/context.js';
import { formatPolicyError } from './policy/errors.js';
import { loadPolicy } from './policy/load.js';
import { mergeRuleLevels } from './policy/repo-config.js';
import { allRules } from './rules/index.js';
import type { Rule } from './rules/rule.js';

/**
 * The `plimsoll` command line (SPEC §8): argument parsing, reading files, then the same core the
 * app runs. `main` takes its streams so tests run it in-process.
 */
export interface CliIO {
  stdin: AsyncIterable<Buffer | string>;
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
  env: Record<string, string | undefined>;
  cwd: string;
  home: string;
}

/** Exit statuses. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage:
  plimsoll lint [options] PATH...     lint Dockerfiles (hadolint DL rules + Plimsoll PL rules)
  plimsoll images [--format tty|json] PATH...
                                      list every image each Dockerfile builds on
  plimsoll bump --policy FILE [--write] PATH...
                                      move base images to the versions the policy lists
  plimsoll --help | --version

PATH is a file, a directory (searched for Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
Containerfile, Containerfile.*; node_modules and .git are skipped) or - for stdin.
Run 'plimsoll lint --help' for the lint options.
`;

const LINT_USAGE = `Usage: plimsoll lint [options] PATH...

Options:
      --policy FILE               the ops policy (.github/plimsoll-policy.yml): enables the
                                  PL1xxx rules and its rule levels
      --repo OWNER/NAME           the repository being linted, for the policy's exceptions
  -f, --format FORMAT             ${FORMAT_NAMES.join(' | ')} (default tty)
  -t, --failure-threshold LEVEL   exit 1 when a finding is at or above LEVEL:
                                  error | warning | info | style | none (default error)
  -c, --config FILE               hadolint config (default: ./.hadolint.yaml, then hadolint's
                                  other places)
      --no-fail                   always exit 0 when the input could be read
      --no-color                  no colours in tty output (also NO_COLOR=1)
      --ignore CODE               drop a rule (repeatable)
      --error|--warning|--info|--style CODE
                                  set a rule's level (repeatable)
      --trusted-registry REGISTRY registries DL3026 accepts (repeatable)
      --require-label NAME:TYPE   label schema for DL3049-DL3058 (repeatable)
      --strict-labels             DL3050: report labels outside the schema
      --disable-ignore-pragma     ignore '# hadolint ignore=' and '# plimsoll ignore=' comments
  -h, --help                      this help

Exit status: 0 nothing at or above the threshold, 1 findings at or above it,
2 bad usage, unreadable input or an invalid policy or config (the message on stderr names
the file and line).
`;

const IMAGES_USAGE = `Usage: plimsoll images [--format tty|json] PATH...

Lists every image reference: each FROM, and each external image named by COPY --from= or
RUN --mount=from=. --format json prints one object per reference.
`;

const BUMP_USAGE = `Usage: plimsoll bump --policy FILE [--write] PATH...

Plans, for every FROM (and the ARG defaults feeding it) whose version the policy bans, no longer
lists, or lists a newer version of within the image's update scope, the edit to the target version,
and prints the edits as a unified diff. --write applies them to the files.
References it cannot fix are listed on stderr.

Exit status: 0 nothing to bump (or everything written with --write), 1 bumps are due (without
--write), 2 bad usage, unreadable input or an invalid policy.
`;

const LINT_OPTIONS = {
  policy: { type: 'string' },
  repo: { type: 'string' },
  format: { type: 'string', short: 'f' },
  'failure-threshold': { type: 'string', short: 't' },
  config: { type: 'string', short: 'c' },
  'no-fail': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  ignore: { type: 'string', multiple: true },
  error: { type: 'string', multiple: true },
  warning: { type: 'string', multiple: true },
  info: { type: 'string', multiple: true },
  style: { type: 'string', multiple: true },
  'trusted-registry': { type: 'string', multiple: true },
  'require-label': { type: 'string', multiple: true },
  'strict-labels': { type: 'boolean' },
  'disable-ignore-pragma': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const BUMP_OPTIONS = {
  policy: { type: 'string' },
  write: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const IMAGES_OPTIONS = {
  format: { type: 'string', short: 'f' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** A message for the user: printed as `plimsoll: message`, exit 2. */
class UsageError extends Error {}

/** What the CLI runs; every registered rule unless an embedder picks others. */
export interface CliEngine {
  rules?: readonly Rule[];
}

export async function main(argv: readonly string[], io: CliIO = processIO(), engine: CliEngine = {}): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'lint':
        return await lintCommand(rest, io, engine.rules ?? allRules);
      case 'images':
        return await imagesCommand(rest, io);
      case 'bump':
        return await bumpCommand(rest, io);
      case '--version':
      case '-v':
      case 'version':
        io.stdout.write(`plimsoll ${packageVersion()}\n`);
        return EXIT_OK;
      case '--help':
      case '-h':
      case 'help':
        io.stdout.write(USAGE);
        return EXIT_OK;
      case undefined:
        io.stderr.write(USAGE);
        return EXIT_USAGE;
      default:
        throw new UsageError(
          command.startsWith('-') || !existsSync(resolve(io.cwd, command))
            ? `unknown command "${command}"\n${USAGE}`
            : `unknown command "${command}"; to lint it, run: plimsoll lint ${command}`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`plimsoll: ${error.message.trimEnd()}\n`);
      return EXIT_USAGE;
    }
    // A bug, not bad input: one line for the user, no stack trace.
    io.stderr.write(`plimsoll: internal error: ${(error as Error).message ?? String(error)}\n`);
    return EXIT_USAGE;
  }
}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T, command: string) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nRun 'plimsoll ${command} --help' for the options.`);
  }
}

// ---------------------------------------------------------------------------------------------
// plimsoll lint

async function lintCommand(args: readonly string[], io: CliIO, rules: readonly Rule[]): Promise<number> {
  const { values, positionals } = parse(args, LINT_OPTIONS, 'lint');
  if (values.help) {
    io.stdout.write(LINT_USAGE);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError(`no PATH given\n${LINT_USAGE}`);

  const warn = (message: string): void => void io.stderr.write(`plimsoll: warning: ${message}\n`);
  const environment = hadolintEnvironment(io.env);
  environment.warnings.forEach(warn);
  const fileOptions = await readHadolintConfigFile(values.config, io, warn);
  const options = mergeHadolintOptions(environment.options, fileOptions, commandLineOptions(values));
  const policy = await readPolicyFile(values.policy, values.repo, io);
  const settings = toLintSettings(options);
  // The policy's levels apply; a hadolint config tunes DL rules and may only raise PL rules.
  if (policy) settings.levels = mergeRuleLevels(policy.policy.rules, settings.levels);
  const format: FormatName = options.format ?? 'tty';

  let inputError = false;
  const report = { files: [] as string[], findings: [] as Finding[] };
  await forEachInput(positionals, io, (target, text) => {
    const result = lintSafely(target, text, { settings, rules, policy }, io);
    if (result === null) {
      inputError = true;
      return;
    }
    report.files.push(target.path);
    report.findings.push(...result);
  }, () => {
    inputError = true;
  });

  const color = format === 'tty' && io.stdout.isTTY === true && options.noColor !== true;
  io.stdout.write(formatReport(format, report, { color, rules, version: packageVersion() }));

  if (inputError) return EXIT_USAGE;
  if (options.noFail || settings.failureThreshold === 'none') return EXIT_OK;
  const threshold = settings.failureThreshold;
  return report.findings.some((finding) => atOrAbove(finding.level, threshold)) ? EXIT_FINDINGS : EXIT_OK;
}

function lintSafely(target: Target, text: string, options: LintOptions, io: CliIO): Finding[] | null {
  try {
    return lintText(target.path, text, options).findings;
  } catch (error) {
    io.stderr.write(`plimsoll: ${target.path}: internal error while linting (${(error as Error).message}); please report it\n`);
    return null;
  }
}

type LintValues = ReturnType<typeof parse<typeof LINT_OPTIONS>>['values'];

/** hadolint's command-line flags as one configuration source (the last, strongest one). */
function commandLineOptions(values: LintValues): HadolintOptions {
  const options = emptyHadolintOptions();
  const codes = (list: string[] | undefined): string[] =>
    (list ?? []).flatMap((item) => item.split(',')).map((code) => code.trim()).filter((code) => code !== '');

  if (values.format !== undefined) {
    if (!isFormatName(values.format)) {
      throw new UsageError(`unknown format "${values.format}" (use one of ${FORMAT_NAMES.join(', ')})`);
    }
    options.format = values.format;
  }
  const threshold = values['failure-threshold'];
  if (threshold !== undefined) {
    if (threshold === 'none' || threshold === 'ignore') options.failureThreshold = 'none';
    else if ((LEVELS as readonly string[]).includes(threshold)) options.failureThreshold = threshold as Level;
    else throw new UsageError(`unknown failure threshold "${threshold}" (use error, warning, info, style or none)`);
  }
  options.ignored = codes(values.ignore);
  for (const level of LEVELS) options.override[level] = codes(values[level]);
  options.trustedRegistries = codes(values['trusted-registry']);
  for (const pair of values['require-label'] ?? []) {
    const [name, type] = pair.split(':');
    if (!name || type === undefined || !(LABEL_TYPES as readonly string[]).includes(type)) {
      throw new UsageError(`--require-label "${pair}": use NAME:TYPE with TYPE one of ${LABEL_TYPES.join(', ')}`);
    }
    options.labelSchema[name] = type;
  }
  if (values['strict-labels']) options.strictLabels = true;
  if (values['disable-ignore-pragma']) options.disableIgnorePragma = true;
  if (values['no-fail']) options.noFail = true;
  if (values['no-color']) options.noColor = true;
  return options;
}

/**
 * The hadolint config in effect: `--config FILE` (which must exist), else the first of
 * hadolint's places that exists. A config that does not parse stops the run, as in hadolint.
 */
async function readHadolintConfigFile(
  explicit: string | undefined,
  io: CliIO,
  warn: (message: string) => void,
): Promise<HadolintOptions> {
  let path: string | undefined;
  if (explicit !== undefined) {
    path = explicit;
  } else {
    const candidates = hadolintConfigCandidates({ cwd: io.cwd, home: io.home, xdgConfigHome: io.env.XDG_CONFIG_HOME });
    path = candidates.find((candidate) => existsSync(candidate));
  }
  if (path === undefined) return emptyHadolintOptions();

  let text: string;
  try {
    text = await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: ${code === 'ENOENT' ? 'config file not found' : (error as Error).message}`);
  }
  const loaded = loadHadolintConfig(text, path);
  if (!loaded.ok) throw new UsageError(loaded.error);
  loaded.warnings.forEach(warn);
  return loaded.options;
}

/** `--policy FILE`: a policy that does not load stops the run, every problem named with its line. */
async function readPolicyFile(path: string | undefined, repo: string | undefined, io: CliIO): Promise<PolicyContext | null> {
  if (repo !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new UsageError(`--repo "${repo}": use OWNER/NAME`);
  if (path === undefined) {
    if (repo !== undefined) throw new UsageError('--repo needs --policy (it selects the policy\'s exceptions)');
    return null;
  }
  const read = await readTextFile(resolve(io.cwd, path));
  if (!read.ok) throw new UsageError(`${path}: ${read.problem === 'missing' ? 'policy file not found' : read.message}`);
  const loaded = loadPolicy(read.text, path);
  if (!loaded.ok) throw new UsageError(loaded.errors.map(formatPolicyError).join('\nplimsoll: '));
  return { policy: loaded.policy, repo: repo ?? null, now: new Date() };
}

/**
 * Read every input and hand its text on. Bad input is reported on stderr and never stops the
 * other files: a path that is missing or unreadable, binary, not UTF-8 or too large counts as
 * an input error (exit 2); a binary or oversized file found while searching a directory is
 * skipped with a warning, since a directory may hold `Dockerfile.tar.gz`-like files.
 */
async function forEachInput(
  paths: readonly string[],
  io: CliIO,
  use: (target: Target, text: string) => void,
  onInputError: () => void,
): Promise<void> {
  if (paths.filter((path) => path === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  const resolved = await resolvePaths(paths, { cwd: io.cwd });
  for (const problem of resolved.problems) {
    io.stderr.write(`plimsoll: ${problem.path}: ${problem.message}\n`);
    onInputError();
  }
  for (const directory of resolved.emptyDirectories) {
    io.stderr.write(`plimsoll: warning: ${directory}: no Dockerfile or Containerfile found\n`);
  }
  for (const target of resolved.targets) {
    const read: TextResult = target.absolute === '-' ? await readTextStream(io.stdin) : await readTextFile(target.absolute);
    if (!read.ok) {
      const skippable = !target.explicit && (read.problem === 'binary' || read.problem === 'too-large');
      io.stderr.write(`plimsoll: ${skippable ? 'warning: skipped ' : ''}${target.path}: ${read.message}\n`);
      if (!skippable) onInputError();
      continue;
    }
    if (read.text.replace(/^\uFEFF/, '').trim() === '') {
      io.stderr.write(`plimsoll: warning: ${target.path}: the file is empty\n`);
    }
    use(target, read.text);
  }
}

// ---------------------------------------------------------------------------------------------
// plimsoll images

async function imagesCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, IMAGES_OPTIONS, 'images');
  if (values.help) {
    io.stdout.write(IMAGES_USAGE);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError(`no PATH given\n${IMAGES_USAGE}`);
  const format = values.format ?? 'tty';
  if (format !== 'tty' && format !== 'json') throw new UsageError(`unknown format "${format}" for images (use tty or json)`);

  let inputError = false;
  const rows: ImageRow[] = [];
  await forEachInput(positionals, io, (target, text) => {
    try {
      rows.push(...imageRows(parseDockerfile(target.path, text)));
    } catch (error) {
      io.stderr.write(`plimsoll: ${target.path}: internal error while parsing (${(error as Error).message}); please report it\n`);
      inputError = true;
    }
  }, () => {
    inputError = true;
  });

  io.stdout.write(format === 'json' ? formatImagesJson(rows) : formatImagesTty(rows));
  return inputError ? EXIT_USAGE : EXIT_OK;
}

// ---------------------------------------------------------------------------------------------
// plimsoll bump

async function bumpCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, BUMP_OPTIONS, 'bump');
  if (values.help) {
    io.stdout.write(BUMP_USAGE);
    return EXIT_OK;
  }
  if (values.policy === undefined) throw new UsageError(`--policy FILE is required: bumps move images to what the policy lists\n${BUMP_USAGE}`);
  if (positionals.length === 0) throw new UsageError(`no PATH given\n${BUMP_USAGE}`);
  if (values.write && positionals.includes('-')) throw new UsageError('--write cannot write to stdin (-); drop --write to see the diff');
  const { policy } = (await readPolicyFile(values.policy, undefined, io))!;

  let inputError = false;
  let pending = false;
  const writes: Array<{ target: Target; text: string; edits: number }> = [];
  await forEachInput(positionals, io, (target, text) => {
    try {
      const plan = planBumps(policy, target.path, text);
      for (const item of plan.unfixable) {
        io.stderr.write(`plimsoll: note: ${item.file}:${item.line}: ${item.reference}: ${item.reason}\n`);
      }
      if (plan.edits.length === 0) return;
      const after = applyEdits(text, plan.edits);
      io.stdout.write(unifiedDiff(target.path, text, after));
      if (values.write) writes.push({ target, text: after, edits: plan.edits.length });
      else pending = true;
    } catch (error) {
      io.stderr.write(`plimsoll: ${target.path}: internal error while planning bumps (${(error as Error).message}); please report it\n`);
      inputError = true;
    }
  }, () => {
    inputError = true;
  });

  for (const { target, text, edits } of writes) {
    try {
      await writeFile(target.absolute, text);
      io.stderr.write(`plimsoll: wrote ${target.path} (${edits} ${edits === 1 ? 'edit' : 'edits'})\n`);
    } catch (error) {
      io.stderr.write(`plimsoll: ${target.path}: cannot be written (${(error as Error).message})\n`);
      inputError = true;
    }
  }
  if (inputError) return EXIT_USAGE;
  return pending ? EXIT_FINDINGS : EXIT_OK;
}

// ---------------------------------------------------------------------------------------------

let cachedVersion: string | undefined;

/** The version in package.json, found upwards from this module (src/ under tsx, dist/src/ built). */
export function packageVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    const candidate = join(directory, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'plimsoll' && pkg.version) return (cachedVersion = pkg.version);
      } catch {
        // keep looking upwards
      }
    }
    directory = dirname(directory);
  }
  return (cachedVersion = 'unknown');
}

export function processIO(): CliIO {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    home: homedir(),
  };
}

/** Run as a script (`tsx src/cli.ts ...`); bin/plimsoll.js calls `main` itself. */
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
