import type { Rule } from './rule.js';

/**
 * hadolint DL3007: `:latest` names no version, so the image changes under you. The tag is read from
 * the FROM word as written (a build argument in the name does not hide `:latest`); a digest pins the
 * image, so `image:latest@sha256:...` is fine.
 */
export const DL3007: Rule = {
  code: 'DL3007', level: 'warning', message: 'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag',
  check: (dockerfile) => dockerfile.stages.filter((s) => isLatestWithoutDigest(s.image.raw)).map((s) => ({ line: s.from.line })),
};

function isLatestWithoutDigest(word: string): boolean {
  if (word.includes('@')) return false;
  const colon = word.lastIndexOf(':');
  return colon > word.lastIndexOf('/') && word.slice(colon + 1) === 'latest';
}
