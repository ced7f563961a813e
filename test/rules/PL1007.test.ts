import { PL1007 } from '../../src/rules/PL1007.js';
import { contextOf } from '../policy/fixtures.js';
import { firesInEveryForm, quietInEveryForm } from '../policy/from-forms.js';
import { policy } from '../policy/rules-policy.js';
import { describeRule } from './harness.js';

const anyRegistry = contextOf('version: 1\n');
const nothingTrusted = contextOf('version: 1\ntrusted-registries: []\n');
const legacyException = contextOf(
  'version: 1\ntrusted-registries: [docker.io]\nexceptions:\n  - repo: acme/legacy\n    image: quay.io/legacy/sdk\n    codes: [PL1007]\n    reason: vendor image\n',
  'Acme/Legacy',
);
const hubSpelling = contextOf('version: 1\ntrusted-registries: [INDEX.docker.io/acme, ghcr.io/acme/]\n');

describeRule(PL1007, [
  ...firesInEveryForm(
    'ghcr.io/acme-evil/x:1.0.0',
    policy,
    'ghcr.io/acme-evil/x is not from a trusted registry; trusted: docker.io, ghcr.io/acme, gcr.io/distroless, localhost:5000 — use an image from one of them (or mirror this one there)',
  ),
  ...quietInEveryForm('ghcr.io/acme/x:1.0.0', policy),
  ...firesInEveryForm('quay.io/prometheus/busybox:1.36', policy),
  { name: 'no policy, no finding', dockerfile: 'FROM quay.io/a/b:1', lines: [] },
  { name: 'Docker Hub short names are docker.io', dockerfile: 'FROM node:20\nFROM acme/app:1\nFROM registry-1.docker.io/library/node:20', lines: [], policy },
  { name: 'the registry host alone is not a path prefix', dockerfile: 'FROM ghcr.io/other/x:1\nFROM ghcr.io/acme:1', lines: [1], policy },
  { name: 'port is part of the host', dockerfile: 'FROM localhost:5000/a/b:1\nFROM localhost:5001/a/b:1\nFROM localhost/a/b:1', lines: [2, 3], policy },
  { name: 'no trusted-registries: any registry', dockerfile: 'FROM quay.io/a/b:1', lines: [], policy: anyRegistry },
  { name: 'an empty list trusts nothing', dockerfile: 'FROM node:20', lines: [1], policy: nothingTrusted, message: 'trusted: none' },
  { name: 'prefixes are normalised', dockerfile: 'FROM acme/app:1\nFROM node:20\nFROM ghcr.io/acme/x:1', lines: [2], policy: hubSpelling },
  { name: 'standing exception, any tag of its image', dockerfile: 'FROM quay.io/legacy/sdk:1\nFROM quay.io/legacy/sdk:2\nFROM quay.io/legacy/other:1', lines: [3], policy: legacyException },
  { name: 'scratch and stages', dockerfile: 'FROM scratch AS a\nFROM a', lines: [], policy },
]);
