// First: the engine below loads tree-sitter on demand (see shell-on-demand.ts).
import './shell-on-demand.js';
import { parentPort, workerData } from 'node:worker_threads';
import type { BatchFile } from '../lint/batch.js';
import type { LintSettings } from '../rules/settings.js';
import type { PolicyContext } from '../policy/context.js';

/** A worker thread of `plimsoll lint --jobs N`: lints its share of the files, ShellCheck included. */
export interface WorkerInput {
  files: BatchFile[];
  settings: LintSettings;
  policy: PolicyContext | null;
  /** The ShellCheck binary, or null to run no SC rules. */
  shellcheck: string | null;
  /** ShellCheck processes this worker may run at once: the workers share the cores. */
  shellcheckParallel: number;
}

// Imported, not linked, so the bundle keeps the engine in the one chunk the command line loads too.
const [{ lintBatch }, { processRunner }] = await Promise.all([import('../lint/batch.js'), import('../shellcheck/run.js')]);
const input = workerData as WorkerInput;
const result = await lintBatch(input.files, {
  settings: input.settings,
  policy: input.policy,
  shellcheck: input.shellcheck === null ? null : processRunner(input.shellcheck, { parallel: input.shellcheckParallel }),
});
parentPort!.postMessage(result);
