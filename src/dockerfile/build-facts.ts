import type { ImageRef } from './types.js';

/**
 * What a `docker build` knows besides the Dockerfile, handed to the rules as data fetched before
 * linting (rules stay pure): the `.dockerignore` patterns of the build context (CopyIgnoredFile)
 * and the configs of the base images (InvalidBaseImagePlatform; exact UndefinedVar and
 * JSONArgsRecommended). Absent parts are unknown, and the checks that need them say less.
 */
export interface BuildFacts {
  /** Patterns of the `.dockerignore` beside the Dockerfile, as BuildKit reads them (src/files/dockerignore.ts); null: none known. */
  dockerignore?: readonly string[] | null;
  /** Base image configs by `imageConfigKey`; an image missing here is unknown. */
  images?: ReadonlyMap<string, BaseImageConfig>;
  /** The platform the build targets (`os/arch`), where nothing else says: `linux/amd64` by default. */
  platform?: string;
}

/** What BuildKit reads from a base image's config. */
export interface BaseImageConfig {
  /** Platform of the image the build would pull for the expected platform. */
  os: string;
  architecture: string;
  variant?: string;
  /** `KEY=value` entries of `Config.Env`. */
  env: readonly string[];
  /** `Config.Shell` is set: a shell-form CMD/ENTRYPOINT then runs that shell. */
  shell: boolean;
}

/** The platform a build targets when nothing says otherwise (the common CI runner's). */
export const DEFAULT_BUILD_PLATFORM = 'linux/amd64';

/** Key of a base image: its normalised name with the tag BuildKit would pull (`latest` when none) and digest. */
export function imageConfigKey(ref: Pick<ImageRef, 'name' | 'tag' | 'digest'>): string {
  const tag = ref.tag ?? (ref.digest === null ? 'latest' : null);
  return `${ref.name}${tag === null ? '' : `:${tag}`}${ref.digest === null ? '' : `@${ref.digest}`}`;
}
