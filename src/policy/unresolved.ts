import type { Dockerfile, ImageUse } from '../dockerfile/types.js';
import { isManifestImage } from '../manifests/types.js';

/** ARGs BuildKit sets per build; the linter cannot know them. */
const BUILDKIT_ARGS = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
]);

/** Why an image reference of kind `unresolved` names no concrete image, and what to do about it. */
export function unresolvedCause(dockerfile: Dockerfile, use: ImageUse): string {
  if (isManifestImage(use)) return use.cause ?? 'it names no concrete image';
  const global = use.source === 'from';
  for (const name of use.argNames) {
    const declared = global ? lastGlobalDefault(dockerfile, name) : undefined;
    if (BUILDKIT_ARGS.has(name) && declared === undefined) {
      return `${name} is set by BuildKit at build time — name the image without it, or map it to stages (FROM base-\${${name}})`;
    }
    if (declared === null) return `ARG ${name} has no default — give it one the policy allows (ARG ${name}=<image>:<version>)`;
    if (declared === undefined && global) {
      return `${name} is not declared before the first FROM, so it expands to nothing — declare ARG ${name}=<default> above the FROM`;
    }
  }
  if (use.expanded !== null && use.expanded !== '') {
    return `it expands to "${use.expanded}", which is not a valid image reference — fix the ARG default or the reference`;
  }
  return global
    ? 'it expands to nothing — write the image, or give the ARG a default the policy allows'
    : 'it uses a build argument with no known value — write the image, or give the ARG a default the policy allows';
}

/** The default of the last global ARG declaring `name`: undefined when undeclared, null without default. */
function lastGlobalDefault(dockerfile: Dockerfile, name: string): string | null | undefined {
  let value: string | null | undefined;
  for (const instruction of dockerfile.globalArgs) {
    for (const pair of instruction.pairs) {
      if (pair.key === name && (pair.value !== null || value === undefined)) value = pair.value;
    }
  }
  return value;
}
