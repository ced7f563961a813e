import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../src/dockerfile/reference.js';
import { exceptionFor } from '../../src/policy/exceptions.js';
import { contextOf } from './fixtures.js';

const POLICY = `version: 1
exceptions:
  - repo: acme/legacy-billing
    image: centos:7
    codes: [PL1001, PL1004]
    reason: vendor SDK needs EL7
    expires: 2027-01-31
  - repo: acme/legacy-billing
    image: centos:7
    codes: [PL1001]
    reason: renewed
    expires: 2028-01-31
  - repo: acme/tools
    codes: [PL1007]
    reason: every image of the repository
`;

const centos7 = parseImageReference('centos:7');
const centos8 = parseImageReference('docker.io/library/centos:8');

describe('exceptionFor', () => {
  const rows: Array<[string, string | null, string, string, ReturnType<typeof parseImageReference>, string | null]> = [
    ['its repository, its code, its image', 'acme/legacy-billing', '2026-01-01', 'PL1004', centos7, 'active vendor SDK needs EL7'],
    ['repository names compare without case', 'ACME/Legacy-Billing', '2026-01-01', 'PL1004', centos7, 'active vendor SDK needs EL7'],
    ['last second of the expiry day', 'acme/legacy-billing', '2027-01-31T23:59:59Z', 'PL1004', centos7, 'active vendor SDK needs EL7'],
    ['the day after: expired', 'acme/legacy-billing', '2027-02-01T00:00:00Z', 'PL1004', centos7, 'expired vendor SDK needs EL7'],
    ['an active exception wins over an expired one', 'acme/legacy-billing', '2027-06-01', 'PL1001', centos7, 'active renewed'],
    ['another code', 'acme/legacy-billing', '2026-01-01', 'PL1002', centos7, null],
    ['another tag', 'acme/legacy-billing', '2026-01-01', 'PL1001', centos8, null],
    ['another repository', 'acme/billing', '2026-01-01', 'PL1001', centos7, null],
    ['no repository known', null, '2026-01-01', 'PL1001', centos7, null],
    ['image-less exception: any image, never expires', 'acme/tools', '2099-01-01', 'PL1007', centos8, 'active every image of the repository'],
    ['image-less exception: unresolved images too', 'acme/tools', '2026-01-01', 'PL1007', null, 'active every image of the repository'],
    ['an image exception does not cover an unresolved image', 'acme/legacy-billing', '2026-01-01', 'PL1001', null, null],
  ];
  it.each(rows)('%s', (_name, repo, now, code, ref, expected) => {
    const match = exceptionFor(contextOf(POLICY, repo, new Date(now)), code, ref);
    expect(match && `${match.expired ? 'expired' : 'active'} ${match.exception.reason}`).toBe(expected);
  });
});
