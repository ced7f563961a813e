import { planBumps } from '../bump/plan.js';
import { parseImageReference } from '../dockerfile/reference.js';
import type { Policy } from '../policy/types.js';
import { resolveDigests } from '../registry/digests.js';
import type { RegistryClient } from '../registry/types.js';

/**
 * Under `require-digest`, a bump writes `tag@digest`: the policy's pin, else the registry's answer.
 * Plan once without registry answers to learn the target tags, ask the registry for those the
 * policy pins none for, and put them in `into` for the real planning. One HEAD per target tag.
 */
export async function targetDigests(policy: Policy, files: Readonly<Record<string, string | null>>, registry: RegistryClient, into: Map<string, string>): Promise<void> {
  const targets = Object.entries(files).flatMap(([path, text]) =>
    text === null ? [] : planBumps(policy, path, text).edits.map((edit) => parseImageReference(edit.toRef.replace(/@.*$/, ''))).filter((ref) => ref !== null),
  );
  for (const [key, digest] of await resolveDigests(policy, targets, registry)) into.set(key, digest);
}
