import { compareFindings, type Finding } from '../findings.js';
import { parseDockerfile } from '../dockerfile/model.js';
import type { BuildFacts } from '../dockerfile/build-facts.js';
import type { Dockerfile } from '../dockerfile/types.js';
import { scriptFile, shellcheckHits } from '../shellcheck/findings.js';
import type { ShellCheckRunner, ShellCheckStatus } from '../shellcheck/run.js';
import { shellcheckScripts, type ShellCheckScript } from '../shellcheck/scripts.js';
import { lintDockerfile, settleFindings, type LintOptions } from './lint.js';
import { defaultSettings } from './settings.js';

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
  const parsed: Array<{ dockerfile: Dockerfile; scripts: ShellCheckScript[] } | { error: string }> = files.map((file) => {
    try {
      const dockerfile = parseDockerfile(file.path, file.text);
      return { dockerfile, scripts: runner ? shellcheckScripts(dockerfile) : [] };
    } catch (error) {
      return { error: (error as Error).message };
    }
  });

  // ShellCheck works in its own process while the rules run here.
  const scripts = parsed.flatMap((entry) => ('scripts' in entry ? entry.scripts : []));
  const checking = runner ? runner.check(scripts.map(scriptFile)) : null;

  const results: BatchFileResult[] = parsed.map((entry, index) => {
    if ('error' in entry) return entry;
    try {
      const build = files[index]!.build;
      return { findings: lintDockerfile(entry.dockerfile, build ? { ...options, build } : options) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  });

  if (checking === null) return { files: results, shellcheck: { state: 'off' } };
  const outcome = await checking;
  if (!outcome.ok) return { files: results, shellcheck: { state: 'skipped', reason: outcome.reason } };

  let next = 0;
  const settings = options.settings ?? defaultSettings();
  parsed.forEach((entry, index) => {
    if (!('scripts' in entry)) return;
    const comments = outcome.comments.slice(next, next + entry.scripts.length);
    next += entry.scripts.length;
    const result = results[index]!;
    if (!('findings' in result) || entry.scripts.length === 0) return;
    const hits = entry.scripts.flatMap((script, i) => shellcheckHits(script, comments[i] ?? []));
    result.findings = [...result.findings, ...settleFindings(entry.dockerfile, hits, settings)].sort(compareFindings);
  });
  return { files: results, shellcheck: { state: 'ran' } };
}
