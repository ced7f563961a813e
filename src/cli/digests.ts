import { parseDockerfile } from '../dockerfile/model.js';
import type { ImageRef } from '../dockerfile/types.js';
import type { PolicyContext } from '../policy/context.js';
import { resolveDigests } from '../registry/digests.js';
import { targetDigests } from '../fanout/target-digests.js';
import { forEachInput } from './inputs.js';
import type { CliIO } from './io.js';
import { registryClientFor } from './registry.js';

/**
 * `--registry` of `lint` and `bump`: before the run, ask the registries for the digest of every
 * image tag the inputs name without one (stdin excepted: it can be read only once), so PL1008's
 * message and the bumps can give it. Nothing is asked unless the policy sets `require-digest`.
 */
export async function withRegistryDigests(policy: PolicyContext | null, paths: readonly string[], io: CliIO): Promise<void> {
  if (!policy?.policy.requireDigest) return;
  const refs: ImageRef[] = [];
  const quiet: CliIO = { ...io, stderr: { write: () => true } };
  await forEachInput(paths.filter((path) => path !== '-'), quiet, (target, text) => {
    for (const use of parseDockerfile(target.path, text.replace(/^\uFEFF/, '')).images) {
      if (use.kind === 'image' && use.ref !== null && use.ref.digest === null) refs.push(use.ref);
    }
  }, () => undefined);
  const client = registryClientFor(io);
  policy.resolvedDigests = await resolveDigests(policy.policy, refs, client, (message) => void io.stderr.write(`plimsoll: warning: ${message}\n`));
}

/** `bump --registry`: the registry's digest of every target tag the policy pins none for. */
export async function bumpTargetDigests(policy: PolicyContext, paths: readonly string[], io: CliIO): Promise<Map<string, string>> {
  if (!policy.policy.requireDigest) return new Map();
  const files: Record<string, string> = {};
  const quiet: CliIO = { ...io, stderr: { write: () => true } };
  await forEachInput(paths.filter((path) => path !== '-'), quiet, (target, text) => void (files[target.path] = text), () => undefined);
  const client = registryClientFor(io);
  const into = new Map<string, string>();
  await targetDigests(policy.policy, files, client, into);
  return into;
}
