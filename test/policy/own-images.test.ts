import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint/lint.js';
import { allRules } from '../../src/rules/index.js';
import { contextOf } from './fixtures.js';

const policy = contextOf(`version: 1
trusted-registries: [docker.io, ghcr.io/acme]
own-images: [ghcr.io/acme/*, "registry.acme.internal/**"]
images:
  - name: node
    versions: [20.11.1]
`);
const pl = allRules.filter((rule) => rule.code.startsWith('PL1'));
const codes = (dockerfile: string) => lintText('Dockerfile', dockerfile, { rules: pl, policy }).findings.map((f) => f.code);

describe('own-images (SPEC §11)', () => {
  it.each([
    ['an own image is exempt from the whitelist', 'FROM ghcr.io/acme/api:1.4.0', []],
    ['but not from PL1004 (floating tag)', 'FROM ghcr.io/acme/api:latest', ['PL1004']],
    ['nor from PL1007 (untrusted registry)', 'FROM registry.acme.internal/team/api:1.0.0', ['PL1007']],
    ['a glob matches whole names only: ghcr.io/acme/* does not cover ghcr.io/acme/team/x', 'FROM ghcr.io/acme/team/x:1.0.0', ['PL1001']],
    ['other images still need the whitelist', 'FROM ghcr.io/other/api:1.4.0', ['PL1001', 'PL1007']],
  ])('%s', (_name, dockerfile, expected) => {
    expect(codes(dockerfile)).toEqual(expected);
  });
});
