import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { atOrAbove, LEVELS, type Finding, type Level } from '../findings.js';
import { ALWAYS_SUCCEEDS, FORMAT_NAMES, formatReport, isFormatName, type FormatName } from '../format/index.js';
import {
  emptyHadolintOptions,
  hadolintConfigCandidates,
  hadolintEnvironment,
  LABEL_TYPES,
  mergeHadolintOptions,
  toLintSettings,
  type HadolintOptions,
} from '../config/hadolint-config.js';
import type { BatchFile, BatchResult } from '../lint/batch.js';
import type { LintSettings } from '../rules/settings.js';
import type { PolicyContext } from '../policy/context.js';
import { parsePlatform } from '../dockerfile/facts/platforms.js';
import { parseCheckOptions } from '../dockerfile/check-directive.js';
import type { Rule } from '../rules/rule.js';
import { chooseShellCheck, type ShellCheckChoice, type ShellCheckRunner, type ShellCheckStatus } from '../shellcheck/run.js';
import { readInputs } from './inputs.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, packageVersion, parse, UsageError, type CliIO } from './io.js';
import type { ManifestFiles } from './manifests.js';
import { compileWasmForShortLife } from './wasm.js';

/**
 * `plimsoll lint` (SPEC §8). Everything heavy loads on demand: the rules and the shell parser's
 * WASM (compiled for a short life, see wasm.ts), the policy (zod, yaml) only with --policy, yaml
 * only when a hadolint config exists.
 */

/** From this many files on, `--jobs` defaults to the machine's cores: below it, starting workers costs more than it saves. */
export const WORKER_MIN_FILES = 200;
/** Up to this many paths, none a directory, the engine starts loading before the inputs are read. */
const EARLY_START_PATHS = 100;

export const LINT_USAGE = `Usage: plimsoll lint [options] PATH...

Options:
      --policy FILE               the ops policy (.github/plimsoll-policy.yml): enables the
                                  PL1xxx rules and its rule levels
      --repo OWNER/NAME           the repository being linted, for the policy's exceptions
      --registry                  ask image registries (PLIMSOLL_REGISTRY_ENDPOINTS,
                                  PLIMSOLL_REGISTRY_AUTH) for the base images' configs
                                  (BuildKit's InvalidBaseImagePlatform, exact UndefinedVar)
                                  and, with require-digest in the policy, for the digest
                                  PL1008 gives
  -f, --format FORMAT             ${FORMAT_NAMES.slice(0, 6).join(' | ')} |
                                  ${FORMAT_NAMES.slice(6).join(' | ')}
                                  (default tty)
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
      --build-arg BUILDKIT_DOCKERFILE_CHECK=VALUE
                                  BuildKit's checks as docker build sets them
                                  (skip=A,B|all;error=true;experimental=C|all); replaces
                                  each file's '# check=' directive
      --platform OS/ARCH          the platform the build targets (default linux/amd64);
                                  with --registry, base images are read for it
  -j, --jobs N                    lint in N worker threads (default: one per core from
                                  ${WORKER_MIN_FILES} files on, else 1); output is the same for any N
  -h, --help                      this help

ShellCheck (SC rules) runs on every RUN when the shellcheck binary is on PATH
(PLIMSOLL_SHELLCHECK=/path/to/shellcheck picks another, PLIMSOLL_SHELLCHECK=off skips it).

Exit status: 0 nothing at or above the threshold, 1 findings at or above it,
2 bad usage, unreadable input or an invalid policy or config (the message on stderr names
the file and line). With codeclimate and codacy, as in hadolint, findings never fail the run.
`;

const LINT_OPTIONS = {
  policy: { type: 'string' },
  repo: { type: 'string' },
  registry: { type: 'boolean' },
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
  jobs: { type: 'string', short: 'j' },
  'build-arg': { type: 'string', multiple: true },
  platform: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** What runs the lint: every registered rule and the ShellCheck binary on PATH, unless an embedder picks. */
export interface LintEngine {
  rules?: readonly Rule[];
  /** null: no SC rules; undefined: the binary found on PATH (or PLIMSOLL_SHELLCHECK). */
  shellcheck?: ShellCheckRunner | null;
}

export async function lintCommand(args: readonly string[], io: CliIO, engine: LintEngine = {}): Promise<number> {
  const { values, positionals } = parse(args, LINT_OPTIONS, 'lint');
  if (values.help) {
    io.stdout.write(LINT_USAGE);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError(`no PATH given\n${LINT_USAGE}`);
  const jobs = parseJobs(values.jobs);
  // A few files named one by one (a hook, an editor): start loading the rules and compiling the
  // shell parser now, while the config and the files are read.
  const early = looksShort(positionals, io) ? startEngine() : null;
  early?.catch(() => undefined); // awaited below; a usage error may end the run first

  const warn = (message: string): void => void io.stderr.write(`plimsoll: warning: ${message}\n`);
  const environment = hadolintEnvironment(io.env);
  environment.warnings.forEach(warn);
  const fileOptions = await readHadolintConfigFile(values.config, io, warn);
  const options = mergeHadolintOptions(environment.options, fileOptions, commandLineOptions(values));
  const policy = values.policy !== undefined || values.repo !== undefined
    ? await (await import('./policy-file.js')).readPolicyFile(values.policy, values.repo, io)
    : null;
  if (values.registry) await (await import('./digests.js')).withRegistryDigests(policy, positionals, io);
  const settings = toLintSettings(options);
  settings.buildkitCheck = buildkitCheckArgument(values['build-arg'], warn);
  const build = new (await import('./build-facts.js')).CliBuildFacts(io, platformArgument(values.platform));
  if (values.registry) await build.fetchImages(positionals);
  // The policy's levels apply; a hadolint config tunes DL rules and may only raise PL rules.
  if (policy) settings.levels = (await import('../config/repo-config.js')).mergeRuleLevels(policy.policy.rules, settings.levels);
  const format: FormatName = options.format ?? 'tty';

  // With a policy, compose files, manifests, workflows and dev containers are read too (SPEC §11).
  const { inputs, inputError: unreadable } = await readInputs(positionals, io, { manifests: policy !== null });
  let inputError = unreadable;
  // What the build would know besides the Dockerfile (.dockerignore, platform, base images), per file.
  const files: BatchFile[] = await Promise.all(
    inputs.filter(({ target }) => !target.kind).map(async ({ target, text }) => ({ path: target.path, text, build: await build.for(target) })),
  );
  const shellcheck = chooseShellCheck(engine.shellcheck, io.env);
  const result = await lintFiles(files, { settings, policy, rules: engine.rules }, shellcheck, jobs ?? defaultJobs(files.length, engine), early);

  // Reported in input order, whatever ran where.
  const report = { files: [] as string[], findings: [] as Finding[] };
  const outcomes = result.files.values();
  let manifests: ManifestFiles | undefined;
  for (const { target, text } of inputs) {
    if (target.kind) {
      // Only the policy's image rules apply to these files (SPEC §11); without a policy they are read for their problems.
      manifests ??= new (await import('./manifests.js')).ManifestFiles(io);
      const images = await manifests.add({ ...target, kind: target.kind }, text);
      if (!policy && images.length > 0) io.stderr.write(`plimsoll: note: ${target.path}: only the policy's PL1xxx rules apply to its images; give --policy FILE\n`);
      report.files.push(target.path);
      continue;
    }
    const outcome = outcomes.next().value!;
    if ('error' in outcome) {
      io.stderr.write(`plimsoll: ${target.path}: internal error while linting (${outcome.error}); please report it\n`);
      inputError = true;
      continue;
    }
    report.files.push(target.path);
    report.findings.push(...outcome.findings);
  }
  if (manifests) report.findings.push(...(await import('../lint/manifests.js')).lintManifestImages(manifests.images, { settings, rules: engine.rules, policy }));
  reportShellCheck(shellcheck.runner === null ? shellcheck.status : result.shellcheck, io);

  const color = format === 'tty' && io.stdout.isTTY === true && options.noColor !== true;
  // Only SARIF lists the rules; the others need not load them.
  const rules = engine.rules ?? (format === 'sarif' ? (await import('../lint/batch.js')).allRules : undefined);
  io.stdout.write(formatReport(format, report, { color, rules, version: packageVersion() }));

  if (inputError) return EXIT_USAGE;
  if (options.noFail || settings.failureThreshold === 'none' || ALWAYS_SUCCEEDS.includes(format)) return EXIT_OK;
  const threshold = settings.failureThreshold;
  return report.findings.some((finding) => atOrAbove(finding.level, threshold)) ? EXIT_FINDINGS : EXIT_OK;
}

/** True when the paths are a few files (no directory): the run will be short. */
function looksShort(paths: readonly string[], io: CliIO): boolean {
  if (paths.length > EARLY_START_PATHS) return false;
  return paths.every((path) => {
    if (path === '-') return true;
    try {
      return !statSync(resolve(io.cwd, path)).isDirectory();
    } catch {
      return true;
    }
  });
}

/** Load the lint engine (rules, shell parser), its WASM compiled for a short life. */
function startEngine(): Promise<typeof import('../lint/batch.js')> {
  compileWasmForShortLife();
  return import('../lint/batch.js');
}

/** Said once per run, on stderr: the findings are complete except for the SC rules. */
function reportShellCheck(status: ShellCheckStatus, io: CliIO): void {
  if (status.state === 'skipped') io.stderr.write(`plimsoll: warning: ShellCheck (SC) rules skipped: ${status.reason}\n`);
}

function parseJobs(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 256) throw new UsageError(`--jobs "${value}": use a number from 1 to 256`);
  return Number(value);
}

function defaultJobs(fileCount: number, engine: LintEngine): number {
  if (engine.rules !== undefined || engine.shellcheck !== undefined) return 1;
  return fileCount >= WORKER_MIN_FILES ? Math.min(availableParallelism(), 8) : 1;
}

/**
 * Lint in this thread, or in worker threads, each with a contiguous share of the files, so the
 * output is the input order whatever the number of workers.
 */
async function lintFiles(
  files: BatchFile[],
  options: { settings: LintSettings; policy: PolicyContext | null; rules: readonly Rule[] | undefined },
  shellcheck: ShellCheckChoice,
  jobs: number,
  early: Promise<typeof import('../lint/batch.js')> | null,
): Promise<BatchResult> {
  const { runner, binary } = shellcheck;
  const workers = Math.min(jobs, files.length);
  // An embedder's own rules or runner cannot cross into a worker thread.
  if (workers > 1 && options.rules === undefined && (runner === null || binary !== null)) {
    compileWasmForShortLife(); // process-wide: the workers' WASM too
    const { lintInWorkers } = await import('./workers.js');
    return lintInWorkers(files, { settings: options.settings, policy: options.policy }, binary, workers);
  }
  const { lintBatch } = await (early ?? startEngine());
  return lintBatch(files, { settings: options.settings, policy: options.policy, rules: options.rules, shellcheck: runner });
}

/** `--build-arg NAME=VALUE` (docker build's form): only BUILDKIT_DOCKERFILE_CHECK means something to a linter. */
function buildkitCheckArgument(args: readonly string[] | undefined, warn: (message: string) => void): string | null {
  let check: string | null = null;
  for (const arg of args ?? []) {
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (name !== 'BUILDKIT_DOCKERFILE_CHECK') {
      warn(`--build-arg ${name}: ignored (only BUILDKIT_DOCKERFILE_CHECK is read)`);
      continue;
    }
    if (eq === -1) throw new UsageError('--build-arg BUILDKIT_DOCKERFILE_CHECK: give a value (BUILDKIT_DOCKERFILE_CHECK=skip=…)');
    check = arg.slice(eq + 1);
    const parsed = parseCheckOptions(check);
    if (!parsed.ok) throw new UsageError(`--build-arg: failed to parse build-arg:BUILDKIT_DOCKERFILE_CHECK: ${parsed.error}`);
  }
  return check;
}

function platformArgument(platform: string | undefined): string | undefined {
  if (platform === undefined) return undefined;
  if (parsePlatform(platform) === null) throw new UsageError(`--platform "${platform}": use OS/ARCH[/VARIANT] such as linux/amd64`);
  return platform;
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
  const loaded = (await import('../config/hadolint-file.js')).loadHadolintConfig(text, path);
  if (!loaded.ok) throw new UsageError(loaded.error);
  loaded.warnings.forEach(warn);
  return loaded.options;
}

