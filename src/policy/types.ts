import type { LevelSetting } from '../findings.js';
import type { UpdateScope } from '../versioning/compare.js';

/** A validated policy, normalised for matching (SPEC §3). Built by `loadPolicy`. */
export interface Policy {
  version: 1;
  ops: {
    /** Team slug, or null when the policy names none (then nobody may approve exceptions). */
    team: string | null;
    review: 'always' | 'on-findings' | 'never';
    selfApproval: boolean;
  };
  /** Registry prefixes (`docker.io`, `ghcr.io/acme`), lower-case host; null: every registry. */
  trustedRegistries: string[] | null;
  /** The whitelist; null when the policy has no `images:` (every image allowed). */
  images: ImagePolicy[] | null;
  banned: BannedVersions[];
  exceptions: StandingException[];
  bumps: {
    mode: 'open' | 'dry-run' | 'off';
    maxOpen: number;
    /** Kinds of bump pull requests merged once required checks pass. */
    automerge: Array<'patch' | 'minor' | 'major' | 'banned'>;
    rebuild: 'none' | 'dispatch';
  };
  /** Level overrides for DL and PL codes. */
  rules: Record<string, LevelSetting>;
  /** PL codes an inline pragma may waive (SPEC §8); empty: none. */
  inlineIgnore: string[];
  /** Every image reference must carry a digest (PL1008). */
  requireDigest: boolean;
  /** Globs over normalised names of the organization's own images (SPEC §11). */
  ownImages: string[];
  upstream: { schedule: 'off' | 'hourly' | 'daily' | 'weekly' };
  deploy: { unknownBase: 'allow' | 'deny'; registryUnreachable: 'allow' | 'deny' };
}

export interface ImagePolicy {
  /** As written in the policy. */
  written: string;
  /** Normalised `registry/repository`: `docker.io/library/node`. */
  name: string;
  /** What people write: `node`, `ghcr.io/acme/app`. */
  familiar: string;
  /** Allowed version tokens, as written; null: any version. */
  versions: string[] | null;
  /** Allowed variants ('' = bare version); null: any. */
  variants: string[] | null;
  /** Literal tags allowed as they are (`nonroot`). */
  tags: string[];
  update: UpdateScope;
  /** Full tag → digest. */
  digests: Record<string, string>;
}

export interface BannedVersions {
  written: string;
  name: string;
  familiar: string;
  /** Semver range; null bans every version (and every tag) of the image. */
  versions: string | null;
  reason: string | null;
}

export interface StandingException {
  /** `owner/name`, compared case-insensitively. */
  repo: string;
  /** Normalised image name, or null for every image of the repository. */
  image: string | null;
  /** Tag the exception is limited to, or null for any tag. */
  tag: string | null;
  /** The image as written, for messages. */
  written: string | null;
  codes: string[];
  reason: string;
  /** `YYYY-MM-DD`, last day it holds (UTC); null: no end. */
  expires: string | null;
}
