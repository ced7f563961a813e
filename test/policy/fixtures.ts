import { loadPolicy } from '../../src/config/load.js';
import type { PolicyContext } from '../../src/policy/context.js';
import type { Policy } from '../../src/policy/types.js';

/** The example of SPEC §3, with a real-looking digest. */
export const SPEC_POLICY = `version: 1
ops:
  team: platform-ops            # team slug
  review: on-findings
  self-approval: false
trusted-registries: [docker.io, ghcr.io/acme]
images:                         # the whitelist
  - name: node
    versions: [20.11.1, 18.19.1]
    variants: [alpine3.19, bookworm-slim, ""]
    update: minor
    digests: { 20.11.1-alpine3.19: "sha256:${'a'.repeat(64)}" }
  - name: gcr.io/distroless/static-debian12
    tags: [nonroot]
banned:
  - name: node
    versions: "<18.19.1"
    reason: CVE-2024-27983
exceptions:
  - repo: acme/legacy-billing
    image: centos:7
    codes: [PL1001]
    reason: vendor SDK needs EL7
    expires: 2027-01-31
bumps:
  mode: open
  max-open: 500
rules:
  DL3008: warning
`;

/** Load a policy that must be valid; the test fails with the errors otherwise. */
export function policyOf(text: string): Policy {
  const result = loadPolicy(text, 'plimsoll-policy.yml');
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return result.policy;
}

export function contextOf(text: string, repo: string | null = null, now = new Date('2026-06-01T00:00:00Z')): PolicyContext {
  return { policy: policyOf(text), repo, now };
}

/** A digest the require-digest policy below pins. */
export const PINNED_DIGEST = `sha256:${'a'.repeat(64)}`;

/** `require-digest: true` with node 20.11.1 listed; only its alpine3.19 variant has a pinned digest. */
export const REQUIRE_DIGEST_POLICY = `version: 1
require-digest: true
images:
  - name: node
    versions: [20.11.1]
    variants: [alpine3.19, ""]
    digests: { 20.11.1-alpine3.19: "${PINNED_DIGEST}" }
`;
