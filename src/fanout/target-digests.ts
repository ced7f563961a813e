import { planManifestBumps } from '../bump/manifest.js';
import { planBumps } from '../bump/plan.js';
import { parseImageReference } from '../dockerfile/reference.js';
import type { ManifestKind } from '../manifests/kinds.js';
import type { Policy } from '../policy/types.js';
import { resolveDigests } from '../registry/digests.js';
import type { RegistryClient } from '../registry/types.js';
import { manifestImages } from './planner.js';

/**
 * Under `require-digest`, a bump writes `tag@digest`: the policy's pin, else the registry's answer.
 * Files named in `kinds` are compose files, manifests, workflows or dev containers (SPEC §11).
 * Plan once without registry answers to learn the target tags, ask the registry for those the
 * policy pins none for, and put them in `into` for the real planning. One HEAD per target tag.
 */
export async function targetDigests(
  policy: Policy,
  files: Readonly<Record<string, string | null>>,
  registry: RegistryClient,
  into: Map<string, string>,
  kinds: Readonly<Record<string, ManifestKind>> = {},
): Promise<void> {
  const texts = new Map(Object.entries(files).flatMap(([path, text]) => (text === null ? [] : [[path, text] as const])));
  const manifests = [...texts].flatMap(([path, text]) => (kinds[path] ? [{ path, kind: kinds[path], text }] : []));
  const edits = [
    // A `.env` read for a compose file is planned as a Dockerfile too: it names no FROM, so nothing.
    ...[...texts].flatMap(([path, text]) => (kinds[path] ? [] : planBumps(policy, path, text).edits)),
    ...(manifests.length > 0 ? planManifestBumps(policy, manifestImages(manifests, texts), texts).edits : []),
  ];
  const targets = edits.map((edit) => parseImageReference(edit.toRef.replace(/@.*$/, ''))).filter((ref) => ref !== null);
  for (const [key, digest] of await resolveDigests(policy, targets, registry)) into.set(key, digest);
}
