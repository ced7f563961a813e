import { parseDockerfile } from '../dockerfile/model.js';
import type { ImageRef } from '../dockerfile/types.js';
import { digestKey, digestToPin } from '../policy/digests.js';
import type { Policy } from '../policy/types.js';
import { isRegistryError } from './errors.js';
import type { RegistryClient } from './types.js';

/**
 * The registry's digest for every tag that needs one and has no pin in the policy (PL1008, bumps
 * under `require-digest`), asked before linting or planning so those stay pure. One HEAD per
 * distinct image tag; what cannot be read is left out and told to `onProblem`.
 */
export async function resolveDigests(
  policy: Policy,
  refs: Iterable<Pick<ImageRef, 'registry' | 'repository' | 'name' | 'tag'>>,
  client: RegistryClient,
  onProblem: (message: string) => void = () => undefined,
): Promise<Map<string, string>> {
  const wanted = new Map<string, { registry: string; repository: string; tag: string }>();
  for (const ref of refs) {
    const tag = ref.tag ?? 'latest';
    if (digestToPin(policy, undefined, ref) !== null) continue;
    wanted.set(digestKey(ref.name, tag), { registry: ref.registry, repository: ref.repository, tag });
  }
  const resolved = new Map<string, string>();
  await Promise.all(
    [...wanted].map(async ([key, { registry, repository, tag }]) => {
      try {
        resolved.set(key, await client.digest({ registry, repository }, tag));
      } catch (error) {
        if (!isRegistryError(error)) throw error;
        onProblem(error.message);
      }
    }),
  );
  return resolved;
}

/**
 * For the pull request review: the registry's digest of every tag the texts (Dockerfiles) and
 * `others` (images of compose files, manifests, workflows, dev containers) name without one, asked
 * only under `require-digest`, within `deadlineMs` (what has not answered by then is left out:
 * PL1008 then says no digest is known). Never throws.
 */
export async function digestsForTexts(
  policy: Policy,
  texts: ReadonlyArray<string | null | undefined>,
  client: RegistryClient | null,
  deadlineMs = 3_000,
  others: readonly ImageRef[] = [],
): Promise<Map<string, string>> {
  if (!policy.requireDigest || client === null) return new Map();
  const refs = [
    ...texts.flatMap((text) =>
      text ? parseDockerfile('Dockerfile', text.replace(/^\uFEFF/, '')).images.flatMap((use) => (use.kind === 'image' && use.ref !== null && use.ref.digest === null ? [use.ref] : [])) : [],
    ),
    ...others,
  ];
  const late = new Promise<Map<string, string>>((resolve) => setTimeout(() => resolve(new Map()), deadlineMs).unref());
  return Promise.race([resolveDigests(policy, refs, client).catch(() => new Map<string, string>()), late]);
}
