import { resolve } from 'node:path';
import { readTextFile } from '../files/read.js';
import type { PolicyContext } from '../policy/context.js';
import { formatPolicyError } from '../policy/errors.js';
import { loadPolicy } from '../policy/load.js';
import { UsageError, type CliIO } from './io.js';

/**
 * `--policy FILE`: a policy that does not load stops the run, every problem named with its line.
 * Its own module because loading a policy brings zod and yaml: commands import it only when
 * `--policy` (or `--repo`) is given, so a plain `plimsoll lint` never pays for them.
 */
export async function readPolicyFile(path: string | undefined, repo: string | undefined, io: CliIO): Promise<PolicyContext | null> {
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
