import { compareFindings, type Finding } from '../findings.js';
import { parseDockerfile } from '../dockerfile/model.js';
import { withShellParser } from '../dockerfile/shell.js';
import type { BuildFacts } from '../dockerfile/build-facts.js';
import type { Dockerfile } from '../dockerfile/types.js';
import { scriptFile, shellcheckHits } from '../shellcheck/findings.js';
import type { ShellCheckOutcome, ShellCheckRunner, ShellCheckStatus } from '../shellcheck/run.js';
import { shellcheckScripts, type ShellCheckScript } from '../shellcheck/scripts.js';
import { lintDockerfile, settleFindings, type LintOptions } from './lint.js';
import { defaultSettings, type LintSettings } from '../rules/settings.js';

/**
 * Lint several files as one batch: the rules run on each file while one ShellCheck process checks
 * every RUN script of the batch (hadolint's SC findings), then SC findings go through the same
 * levels and pragmas as the rules' and join them. The app and the command line both use it.
 */

/** Every rule, for formats that list them (SARIF): from here, so the rules load with the engine. */
export { allRules } from '../rules/index.js';

export interface BatchFile {
  path: string;
  text: string;
  /** What the build knows besides the Dockerfile (BuildKit's checks); plain data, so it crosses into worker threads. */
  build?: BuildFacts;
}

export interface BatchOptions extends LintOptions {
  /** Runs ShellCheck; null runs no SC rules (status `off`). */
  shellcheck?: ShellCheckRunner | null;
}

/** Per file, in input order: its findings, sorted, or the internal error that stopped it. */
export type BatchFileResult = { findings: Finding[] } | { error: string };

export interface BatchResult {
  files: BatchFileResult[];
  shellcheck: ShellCheckStatus;
}

export async function lintBatch(files: readonly BatchFile[], options: BatchOptions = {}): Promise<BatchResult> {
  const runner = options.shellcheck ?? null;
  // Models are built for the whole batch first, so ShellCheck gets every script at once.
  const parsed: Array<{ dockerfile: Dockerfile; scripts: ShellCheckScript[] } | { error: string }> = await withShellParser(() =>
    files.map((file) => {
      try {
        const dockerfile = parseDockerfile(file.path, file.text);
        return { dockerfile, scripts: runner ? shellcheckScripts(dockerfile) : [] };
      } catch (error) {
        return { error: (error as Error).message };
      }
    }),
  );

  // ShellCheck works in its own process while the rules run here.
  const scripts = parsed.flatMap((entry) => ('scripts' in entry ? entry.scripts : []));
  const checking = runner ? runner.check(scripts.map(scriptFile)) : null;

  const results: BatchFileResult[] = [];
  for (const [index, entry] of parsed.entries()) {
    if ('error' in entry) {
      results.push(entry);
      continue;
    }
    const file = files[index]!;
    const fileOptions = file.build ? { ...options, build: file.build } : options;
    try {
      // A rule that meets a script only tree-sitter reads lints the file again, on a new model, once it has loaded.
      const findings = await withShellParser((again) => lintDockerfile(again ? parseDockerfile(file.path, file.text) : entry.dockerfile, fileOptions));
      results.push({ findings });
    } catch (error) {
      results.push({ error: (error as Error).message });
    }
  }

  if (checking === null) return { files: results, shellcheck: { state: 'off' } };
  const settled = settleShellCheck(
    parsed.map((entry) => ('scripts' in entry ? entry : null)),
    await checking,
    options.settings ?? defaultSettings(),
  );
  if (settled.status.state !== 'ran') return { files: results, shellcheck: settled.status };
  results.forEach((result, index) => {
    const found = settled.findings[index] ?? [];
    if ('findings' in result && found.length > 0) result.findings = [...result.findings, ...found].sort(compareFindings);
  });
  return { files: results, shellcheck: settled.status };
}

/**
 * ShellCheck over the RUN scripts of already linted Dockerfiles (the review lints file by file,
 * then checks every script of the head in one process): their SC findings per file, through the
 * same levels and pragmas as the rules'.
 */
export async function shellcheckDockerfiles(
  dockerfiles: ReadonlyArray<Dockerfile | null>,
  runner: ShellCheckRunner,
  settings: LintSettings,
): Promise<{ status: ShellCheckStatus; findings: Finding[][] }> {
  const entries = dockerfiles.map((dockerfile) => (dockerfile ? { dockerfile, scripts: shellcheckScripts(dockerfile) } : null));
  const scripts = entries.flatMap((entry) => entry?.scripts ?? []);
  if (scripts.length === 0) return { status: { state: 'ran' }, findings: entries.map(() => []) };
  return settleShellCheck(entries, await runner.check(scripts.map(scriptFile)), settings);
}

/** ShellCheck's comments, in script order, back to the files their scripts came from. */
function settleShellCheck(
  entries: ReadonlyArray<{ dockerfile: Dockerfile; scripts: ShellCheckScript[] } | null>,
  outcome: ShellCheckOutcome,
  settings: LintSettings,
): { status: ShellCheckStatus; findings: Finding[][] } {
  if (!outcome.ok) return { status: { state: 'skipped', reason: outcome.reason }, findings: entries.map(() => []) };
  let next = 0;
  const findings = entries.map((entry) => {
    if (entry === null || entry.scripts.length === 0) return [];
    const comments = outcome.comments.slice(next, next + entry.scripts.length);
    next += entry.scripts.length;
    const hits = entry.scripts.flatMap((script, i) => shellcheckHits(script, comments[i] ?? []));
    return settleFindings(entry.dockerfile, hits, settings);
  });
  return { status: { state: 'ran' }, findings };
}
