import { PLATFORM_ARGS } from './arg-scope.js';
import type { ArgProvenance } from './types.js';

/**
 * Why an image reference of kind `unresolved` names no concrete image, and what to do about it,
 * read from the record of its expansion. Pure.
 */
export function unresolvedCause(provenance: ArgProvenance, expanded: string | null): string {
  const global = provenance.scope === 'global';
  for (const { name, state } of provenance.variables) {
    // Inside a stage BuildKit's ARGs are empty unless declared, and unknown here when they are.
    if (state === 'buildkit' || (!global && PLATFORM_ARGS.has(name) && state !== 'set')) {
      return `${name} is set by BuildKit at build time — name the image without it, or map it to stages (FROM base-\${${name}})`;
    }
    if (!global) continue;
    if (state === 'no-default') return `ARG ${name} has no default — give it one the policy allows (ARG ${name}=<image>:<version>)`;
    if (state === 'undeclared') return `${name} is not declared before the first FROM, so it expands to nothing — declare ARG ${name}=<default> above the FROM`;
  }
  if (expanded !== null && expanded !== '') {
    return `it expands to "${expanded}", which is not a valid image reference — fix the ARG default or the reference`;
  }
  return global
    ? 'it expands to nothing — write the image, or give the ARG a default the policy allows'
    : 'it uses a build argument with no known value — write the image, or give the ARG a default the policy allows';
}
