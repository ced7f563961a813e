import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BatchFile, BatchResult } from '../lint/batch.js';
import type { LintSettings } from '../lint/settings.js';
import type { PolicyContext } from '../policy/context.js';
import type { WorkerInput } from './lint-worker.js';

/**
 * `plimsoll lint --jobs N`: N worker threads, each linting one contiguous share of the files (of
 * about equal size in bytes) with its own ShellCheck process. Results are put back in input
 * order, so the output is byte for byte what one thread prints.
 */
export async function lintInWorkers(
  files: readonly BatchFile[],
  options: { settings: LintSettings; policy: PolicyContext | null },
  shellcheck: string | null,
  workers: number,
): Promise<BatchResult> {
  const shares = splitBySize(files, workers);
  const shellcheckParallel = Math.max(1, Math.floor(availableParallelism() / shares.length));
  const results = await Promise.all(shares.map((share) => runWorker({ files: share, ...options, shellcheck, shellcheckParallel })));
  const skipped = results.map((result) => result.shellcheck).find((status) => status.state === 'skipped');
  return {
    files: results.flatMap((result) => result.files),
    shellcheck: skipped ?? results[0]?.shellcheck ?? { state: 'off' },
  };
}

/** Contiguous shares of about equal total size, never empty. */
export function splitBySize<T extends { text: string }>(files: readonly T[], count: number): T[][] {
  const total = files.reduce((sum, file) => sum + file.text.length + 1, 0);
  const shares: T[][] = [];
  let share: T[] = [];
  let size = 0;
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    share.push(file);
    size += file.text.length + 1;
    const remainingShares = count - shares.length - 1;
    const remainingFiles = files.length - i - 1;
    if (remainingShares > 0 && (size >= (total * (shares.length + 1)) / count || remainingFiles === remainingShares)) {
      shares.push(share);
      share = [];
    }
  }
  if (share.length > 0) shares.push(share);
  return shares;
}

function runWorker(input: WorkerInput): Promise<BatchResult> {
  const worker = import.meta.url.endsWith('.ts') ? typescriptWorker(input) : new Worker(new URL('./lint-worker.js', import.meta.url), { workerData: input });
  return new Promise((resolve, reject) => {
    let result: BatchResult | undefined;
    worker.once('message', (message: BatchResult) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`a lint worker stopped with exit code ${code} before it answered`));
    });
  });
}

/** Under tsx (tests, `tsx src/cli.ts`) the worker is TypeScript: it registers tsx's loader first. */
function typescriptWorker(input: WorkerInput): Worker {
  // tsx's ESM entry sits beside the CommonJS one that require.resolve finds.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./lint-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData: input });
}
