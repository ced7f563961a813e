import type { Rule } from './rule.js';

/** hadolint DL3006: an untagged FROM pulls whatever `latest` is today. */
export const DL3006: Rule = {
  code: 'DL3006',
  level: 'warning',
  message: 'Always tag the version of an image explicitly',
  check(dockerfile) {
    return dockerfile.stages
      .map((stage) => stage.image)
      .filter(
        (image) =>
          image.kind === 'image' &&
          !image.raw.includes('$') && // a variable may carry the tag: cannot know
          image.ref!.tag === null &&
          image.ref!.digest === null,
      )
      .map((image) => ({ line: image.line }));
  },
};
