import type { Policy } from './types.js';

/**
 * What a policy holding only `version: 1` means (SPEC §3): each setting's default. The loader fills
 * every key a policy leaves out from here, and a diff against "no policy" starts from it.
 */
export function emptyPolicy(): Policy {
  return {
    version: 1,
    ops: { team: null, review: 'on-findings', selfApproval: false },
    trustedRegistries: null,
    images: null,
    banned: [],
    exceptions: [],
    bumps: { mode: 'open', maxOpen: 500, automerge: [], rebuild: 'none' },
    rules: {},
    inlineIgnore: [],
    requireDigest: false,
    ownImages: [],
    upstream: { schedule: 'off' },
    deploy: { unknownBase: 'deny', registryUnreachable: 'deny' },
  };
}
