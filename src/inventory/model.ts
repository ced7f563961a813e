/**
 * What Plimsoll knows about the installation's container definitions (SPEC §7): kept between
 * fan-outs so a policy change only reads what changed. Pure data, JSON-serialisable (so a store can
 * keep it in memory or in Redis).
 */
export interface Inventory {
  /** By `owner/name`. */
  repos: Record<string, RepoInventory>;
  /** Jobs that kept failing, by job id (`owner/name#image`), for the inventory issue. */
  failedJobs: Record<string, FailedJob>;
  /** Open Plimsoll pull requests, by job id. */
  openPullRequests: Record<string, OpenBump>;
  /** References a bump left alone (a shared ARG needing different edits), by job id; absent in older stores. */
  unfixable?: Record<string, UnfixableReference[]>;
  /** What the upstream watch saw last (SPEC §9); absent until it first runs. */
  upstream?: UpstreamSeen;
  /** Bump pull requests merged on green, or waiting to be, by job id (SPEC §7 `bumps.automerge`). */
  automerge?: Record<string, AutomergeRecord>;
  /** `repository_dispatch` events sent, by policy commit, then lowercase `owner/name` → when (SPEC §7 `bumps.rebuild`). */
  dispatched?: Record<string, Record<string, string>>;
}

export interface AutomergeRecord {
  repo: string;
  /** As people write it (`node`). */
  image: string;
  number: number;
  url: string;
  target: string;
  standing: 'merged' | 'auto-merge' | 'waiting' | 'red-check' | 'person';
  /** Why, in a few words: Markdown already made inert. */
  detail: string;
  /** ISO time of the last change. */
  at: string;
}

export interface UnfixableReference {
  repo: string;
  file: string;
  line: number;
  reference: string;
  reason: string;
}

export interface UpstreamSeen {
  /** ISO time of the last watch. */
  checkedAt: string;
  /** By familiar image name: the newest version upstream, and when it was first seen. */
  images: Record<string, { newest: string | null; seenAt: string }>;
  /** Pinned tags whose registry digest is no longer the one pinned. */
  moved: MovedTag[];
  /** The open `plimsoll/upstream` pull request. */
  pullRequest: { number: number; url: string } | null;
  /** Registries that could not be read at the last watch. */
  problems: string[];
}

export interface MovedTag {
  image: string;
  tag: string;
  pinned: string;
  now: string;
  /** `policy`, or the `owner/name (path:line)` places pinning it. */
  where: string[];
}

export interface RepoInventory {
  fullName: string;
  defaultBranch: string;
  /** `pushed_at` of the repository when it was scanned: unchanged means no need to read it again. */
  pushedAt: string | null;
  /** Commit of the default branch that was scanned. */
  commit: string | null;
  files: FileInventory[];
  /** Discovery could not read everything (a truncated tree, a file too large): said in the issue. */
  notes: string[];
}

export interface FileInventory {
  path: string;
  images: ImageUsage[];
  /**
   * For a compose file, manifest, workflow or dev container (its usages' `source`, SPEC §11): the
   * other files its values are read from (the `.env` beside a compose file), which a bump reads
   * with it and may edit. Absent for a container definition.
   */
  related?: string[];
}

/** One image a container definition pulls (a FROM, `COPY --from=`, `RUN --mount=from=`). */
export interface ImageUsage {
  line: number;
  /** Normalised `registry/repository`, or null when it could not be resolved (an ARG without default). */
  name: string | null;
  /** `node`, `ghcr.io/acme/app`; the raw text when unresolved. */
  familiar: string;
  tag: string | null;
  digest: string | null;
  /** The global ARG that fed the reference, if any (a compose or dev container variable outside a Dockerfile). */
  fromArg: string | null;
  /** Where the image is named (SPEC §11): absent for a Dockerfile; `compose`, `kubernetes`, `workflow`, `devcontainer` otherwise. */
  source?: 'compose' | 'kubernetes' | 'workflow' | 'devcontainer';
}

export interface FailedJob {
  repo: string;
  image: string;
  attempts: number;
  message: string;
  /** ISO time of the last attempt. */
  at: string;
}

export interface OpenBump {
  repo: string;
  image: string;
  number: number;
  url: string;
  target: string;
}

export function emptyInventory(): Inventory {
  return { repos: {}, failedJobs: {}, openPullRequests: {}, unfixable: {} };
}

/** Job id of a (repository, image) pair: the unit of dedupe, in memory and in BullMQ. */
export function jobId(repo: string, image: string): string {
  return `${repo.toLowerCase()}#${image}`;
}
