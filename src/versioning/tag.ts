/**
 * Docker tag versioning, after Renovate's `docker` versioning: a tag is a version token followed
 * by an optional `-variant` (`3.12.4-slim-bookworm` → 3.12.4 + `slim-bookworm`). Versions compare
 * only with versions of the same shape, and a tag's variant travels with it on a bump.
 *
 * Beyond Renovate, real tags from the corpus are understood:
 *   `v1.2.3`             prefix `v`
 *   `jdk-21.0.2_13`      word prefix `jdk-`, build number after `_` (Temurin)
 *   `alpine-3.17`        word prefix (PowerShell's `<distro>-<version>` tags)
 *   `8u402-b06`          Java 8 update/build form
 *   `11.0.0-preview.7-alpine3.24-amd64`  pre-release piece kept in the version
 *   `4.8.1-20260714-windowsservercore-ltsc2025`, `2026-07-28`  numeric pieces continue the version
 */

export interface TagVersion {
  /** The tag as given. */
  tag: string;
  /** The version token: the tag without its `-variant` (`3.12.4`, `v1.2.3`, `jdk-21.0.2_13`). */
  version: string;
  /** Letters before the numbers that belong to the version token: `v`, `jdk-`, `alpine-`, or ''. */
  prefix: string;
  /** Numeric components, in order: `21.0.2_13` → [21, 0, 2, 13]. */
  release: number[];
  /** Pre-release marker (`rc1`, `preview.7`); '' for a release. */
  prerelease: string;
  /** The variant after the version token (`slim-bookworm`); '' for a bare version. */
  suffix: string;
  /** Version token with every number replaced by `#` and the pre-release dropped: versions
   *  compare only when their shapes are equal (`#.#.#` never compares with `#.#` or `jdk-#.#.#_#`). */
  shape: string;
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const COMMIT_HASH = /^[a-f0-9]{7,64}$/;
const WORD_PREFIX = /^(?:[A-Za-z][A-Za-z0-9]*-)+(?=\d)/;
const JAVA_UPDATE = /^(\d+)u(\d+)(?:-b(\d+))?/;
const NUMBERS = /^\d+(?:\.\d+)*(?:_\d+)?/;
const ATTACHED_PRERELEASE = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*/;
const PRERELEASE_PIECE = /^(?:alpha|beta|rc|pre|preview|dev|ea|snapshot|nightly)(?:\.?\d+)*$/i;

/** Split a tag into version and variant; null when the tag is not a version (`bookworm`, `lts`). */
export function parseTag(tag: string): TagVersion | null {
  if (!TAG.test(tag)) return null;
  if (COMMIT_HASH.test(tag) && !/^\d+$/.test(tag)) return null;

  let prefix = '';
  if (/^[vV]\d/.test(tag)) prefix = tag[0]!;
  else prefix = WORD_PREFIX.exec(tag)?.[0] ?? '';
  let rest = tag.slice(prefix.length);

  let release: number[];
  let core: string;
  const java = JAVA_UPDATE.exec(rest);
  if (java) {
    core = java[0];
    release = [java[1], java[2], java[3]].filter((n): n is string => n !== undefined).map(Number);
  } else {
    const numbers = NUMBERS.exec(rest);
    if (!numbers) return null;
    core = numbers[0];
    release = core.split(/[._]/).map(Number);
  }
  rest = rest.slice(core.length);

  let prerelease = '';
  const attached = ATTACHED_PRERELEASE.exec(rest);
  if (attached) {
    prerelease = attached[0];
    rest = rest.slice(prerelease.length);
  }
  if (rest !== '' && !rest.startsWith('-')) return null;

  const pieces = rest === '' ? [] : rest.slice(1).split('-');
  if (pieces.some((p) => p === '')) return null;
  let consumed = 0;
  if (!prerelease && pieces[0] !== undefined && PRERELEASE_PIECE.test(pieces[0])) {
    prerelease = pieces[0];
    consumed = 1;
  }
  // `2026-07-28`, `4.8.1-20260714`: a number right after the version continues it.
  while (!prerelease && consumed < pieces.length && /^\d+$/.test(pieces[consumed]!)) {
    release.push(Number(pieces[consumed]));
    consumed += 1;
  }

  const suffix = pieces.slice(consumed).join('-');
  const version = suffix === '' ? tag : tag.slice(0, tag.length - suffix.length - 1);
  const shapeSource = prerelease ? version.replace(prerelease, '') : version;
  const shape = shapeSource.replace(/\d+/g, '#').replace(/-$/, '');
  return { tag, version, prefix, release, prerelease, suffix, shape };
}

/** Parse a version token alone (as listed in a policy): a tag with no variant. */
export function parseVersion(version: string): TagVersion | null {
  const parsed = parseTag(version);
  return parsed && parsed.suffix === '' ? parsed : null;
}
