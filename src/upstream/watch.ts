import { parseImageReference } from '../dockerfile/reference.js';
import type { ImagePolicy, Policy } from '../policy/types.js';
import { isRegistryError } from '../registry/errors.js';
import type { RegistryClient } from '../registry/types.js';
import { newestUpstream, proposeVersions, type Rejected, type VersionProposal } from './candidates.js';
import type { ImageChange } from './edit.js';

/**
 * One run of the upstream watch (SPEC §9): for every whitelisted image with versions, its tag list
 * (one request, plus pages and a token), the candidates, and, where the entry pins digests, one
 * HEAD per proposed tag and per pinned tag (a pinned tag whose digest changed upstream has moved).
 * Registry access goes through the `RegistryClient` interface; deciding is candidates.ts.
 */
export interface DigestProposal {
  image: string;
  familiar: string;
  tag: string;
  digest: string;
  /** The digest the policy pins now; null for a new tag. */
  previous: string | null;
}

export interface WatchProblem {
  image: string;
  message: string;
}

export interface WatchResult {
  versions: VersionProposal[];
  digests: DigestProposal[];
  /** Per image, the newest version upstream (any release line), null when none fits. */
  newest: Record<string, string | null>;
  problems: WatchProblem[];
  /** The same proposals as edits of the policy file. */
  changes: ImageChange[];
}

export interface WatchOptions {
  /** `name@version` a person declined. */
  rejectedVersions?: Rejected;
  /** `name:tag@digest` a person declined. */
  rejectedDigests?: ReadonlySet<string>;
}

export function digestRejectionKey(image: string, tag: string, digest: string): string {
  return `${image}:${tag}@${digest}`;
}

export function watchedImages(policy: Policy): ImagePolicy[] {
  return (policy.images ?? []).filter((entry) => (entry.versions?.length ?? 0) > 0);
}

export async function watchUpstream(policy: Policy, client: RegistryClient, options: WatchOptions = {}): Promise<WatchResult> {
  const result: WatchResult = { versions: [], digests: [], newest: {}, problems: [], changes: [] };
  const perImage = await Promise.all(watchedImages(policy).map((entry) => watchImage(policy, entry, client, options)));
  for (const one of perImage) {
    result.newest[one.entry.name] = one.newest;
    result.versions.push(...one.versions);
    result.digests.push(...one.digests);
    result.problems.push(...one.problems);
    if (one.versions.length > 0 || one.digests.length > 0) {
      result.changes.push({
        image: one.entry.name,
        addVersions: one.versions.map((v) => ({ version: v.version, after: v.after })),
        setDigests: one.digests.map((d) => ({ tag: d.tag, digest: d.digest })),
      });
    }
  }
  return result;
}

async function watchImage(policy: Policy, entry: ImagePolicy, client: RegistryClient, options: WatchOptions) {
  const ref = parseImageReference(entry.name)!;
  const repo = { registry: ref.registry, repository: ref.repository };
  const out = { entry, newest: null as string | null, versions: [] as VersionProposal[], digests: [] as DigestProposal[], problems: [] as WatchProblem[] };
  const problem = (error: unknown) => {
    if (!isRegistryError(error)) throw error;
    out.problems.push({ image: entry.familiar, message: error.message });
  };
  let tags: string[];
  try {
    tags = await client.tags(repo);
  } catch (error) {
    problem(error);
    return out;
  }
  out.newest = newestUpstream(entry, tags);
  out.versions = proposeVersions(policy, entry, tags, options.rejectedVersions);
  const pinned = Object.entries(entry.digests);
  if (pinned.length === 0) return out;

  const rejected = options.rejectedDigests ?? new Set<string>();
  const lookups = [
    ...out.versions.flatMap((v) => v.tags.map((tag) => ({ tag, previous: null as string | null }))),
    ...pinned.map(([tag, digest]) => ({ tag, previous: digest })),
  ];
  const answers = await Promise.all(
    lookups.map(async ({ tag, previous }) => {
      try {
        return { tag, previous, digest: await client.digest(repo, tag) };
      } catch (error) {
        problem(error);
        return null;
      }
    }),
  );
  for (const answer of answers) {
    if (answer === null) continue;
    if (answer.previous !== null && answer.previous.toLowerCase() === answer.digest.toLowerCase()) continue;
    if (rejected.has(digestRejectionKey(entry.name, answer.tag, answer.digest))) continue;
    out.digests.push({ image: entry.name, familiar: entry.familiar, ...answer });
  }
  // A new version whose digest could not be read is not proposed without it.
  const unread = new Set(lookups.filter((lookup, i) => lookup.previous === null && answers[i] === null).map((lookup) => lookup.tag));
  if (unread.size > 0) {
    const dropped = new Set(out.versions.filter((v) => v.tags.some((tag) => unread.has(tag))).flatMap((v) => v.tags));
    out.versions = out.versions.filter((v) => !v.tags.some((tag) => unread.has(tag)));
    out.digests = out.digests.filter((d) => !dropped.has(d.tag) || d.previous !== null);
  }
  return out;
}
