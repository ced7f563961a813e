import type { ImageUse } from '../dockerfile/types.js';
import type { Rule } from './rule.js';

/** hadolint DL3006: an untagged FROM pulls whatever `latest` is today. */
export const DL3006: Rule = {
  code: 'DL3006', level: 'warning', message: 'Always tag the version of an image explicitly',
  check: (dockerfile) => dockerfile.stages.filter((stage) => isUntagged(stage.image)).map((stage) => ({ line: stage.image.line })),
};

function isUntagged(image: ImageUse): boolean {
  // a variable may carry the tag: cannot know
  return image.kind === 'image' && !image.raw.includes('$') && image.ref!.tag === null && image.ref!.digest === null;
}
