import { parentPort, workerData } from 'node:worker_threads';
import { lintBatch, type BatchFile } from '../lint/batch.js';
import type { LintSettings } from '../lint/settings.js';
import type { PolicyContext } from '../policy/context.js';
import { processRunner } from '../shellcheck/run.js';

/** A worker thread of `plimsoll lint --jobs N`: lints its share of the files, ShellCheck included. */
export interface WorkerInput {
  files: BatchFile[];
  settings: LintSettings;
  policy: PolicyContext | null;
  /** The ShellCheck binary, or null to run no SC rules. */
  shellcheck: string | null;
}

const input = workerData as WorkerInput;
const result = await lintBatch(input.files, {
  settings: input.settings,
  policy: input.policy,
  shellcheck: input.shellcheck === null ? null : processRunner(input.shellcheck),
});
parentPort!.postMessage(result);
