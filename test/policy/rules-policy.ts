import type { PolicyContext } from '../../src/policy/context.js';
import { contextOf } from './fixtures.js';

export const DIGEST_A = `sha256:${'a'.repeat(64)}`;
export const DIGEST_B = `sha256:${'b'.repeat(64)}`;

/** The policy the PL1xxx rule tables run against. */
export const RULES_POLICY = `version: 1
trusted-registries: [docker.io, ghcr.io/acme, gcr.io/distroless, localhost:5000]
images:
  - name: node
    versions: [20.11.1, 20.10.0, 18.19.1]
    variants: [alpine3.19, bookworm-slim, ""]
    update: minor
    digests: { 20.11.1-alpine3.19: "${DIGEST_A}" }
  - name: gcr.io/distroless/static-debian12
    tags: [nonroot]
  - name: ghcr.io/acme/app
  - name: localhost:5000/team/tool
    versions: [1.2.3, 1.2.4]
    update: patch
  - name: python
    versions: [3.12.4, 3.11.9]
    update: patch
  - name: docker/dockerfile      # the # syntax= frontend of the forms in from-forms.ts
    tags: ["1"]
banned:
  - name: node
    versions: "<18.19.1"
    reason: CVE-2024-27983
  - name: ubuntu
    reason: use debian
exceptions:
  - repo: acme/legacy-billing
    image: centos:7
    codes: [PL1001, PL1004, PL1007]
    reason: vendor SDK needs EL7
    expires: 2027-01-31
  - repo: acme/legacy-billing
    codes: [PL1006]
    reason: base image passed by the build system
`;

export const policy: PolicyContext = contextOf(RULES_POLICY, 'acme/app');
export const legacyBilling: PolicyContext = contextOf(RULES_POLICY, 'acme/legacy-billing', new Date('2027-01-31T23:59:59Z'));
export const legacyBillingLater: PolicyContext = contextOf(RULES_POLICY, 'acme/legacy-billing', new Date('2027-02-01T00:00:00Z'));
