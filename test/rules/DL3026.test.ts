import { DL3026 } from '../../src/rules/DL3026.js';
import { describeRule } from './harness.js';

const trusting = (...trustedRegistries: string[]) => ({ trustedRegistries });

describeRule(DL3026, [
  // hadolint DL3026Spec: every case below, by its case name
  { name: 'does not warn on empty allowed registries', dockerfile: 'FROM random.com/debian', lines: [] },
  { name: 'warn on non-allowed registry', dockerfile: 'FROM random.com/debian', settings: trusting('docker.io'), lines: [1], message: 'Use only an allowed registry in the FROM image' },
  { name: 'does not warn on allowed registries', dockerfile: 'FROM random.com/debian', settings: trusting('x.com', 'random.com'), lines: [] },
  { name: "doesn't warn on scratch image", dockerfile: 'FROM scratch', settings: trusting('x.com', 'random.com'), lines: [] },
  {
    name: 'allows all forms of docker.io',
    dockerfile: 'FROM ubuntu:18.04 AS builder1\nFROM zemanlx/ubuntu:18.04 AS builder2\nFROM docker.io/zemanlx/ubuntu:18.04 AS builder3',
    settings: trusting('docker.io'),
    lines: [],
  },
  { name: 'allows using previous stages', dockerfile: 'FROM random.com/foo AS builder1\nFROM builder1 AS builder2', settings: trusting('random.com'), lines: [] },
  { name: 'warn on non-allowed wildcard registry', dockerfile: 'FROM x.com/debian', settings: trusting('*.random.com'), lines: [1] },
  { name: 'does not warn on allowed wildcard registries', dockerfile: 'FROM foo.random.com/debian', settings: trusting('x.com', '*.random.com'), lines: [] },
  {
    name: 'does not warn on * registry',
    dockerfile: 'FROM ubuntu:18.04 AS builder1\nFROM zemanlx/ubuntu:18.04 AS builder2\nFROM docker.io/zemanlx/ubuntu:18.04 AS builder3',
    settings: trusting('*'),
    lines: [],
  },
  { name: 'does warn on copy from untrusted registry', dockerfile: 'COPY --from=untrusted.com/repo/image:tag /foo /bar', settings: trusting('trusted.com'), lines: [1] },
  { name: 'does not warn on copy from trusted registry', dockerfile: 'COPY --from=trusted.com/repo/image:tag /foo /bar', settings: trusting('trusted.com'), lines: [] },
  {
    name: 'warn on run with bind mount from untrusted registry',
    dockerfile: 'RUN --mount=type=bind,from=untrusted.com/repo/image:tag,target=/foo foobar',
    settings: trusting('trusted.com'),
    lines: [1],
  },
  {
    name: 'warn on run with cache mount from untrusted registry',
    dockerfile: 'RUN --mount=type=cache,from=untrusted.com/repo/image:tag,target=/foo foobar',
    settings: trusting('trusted.com'),
    lines: [1],
  },
  {
    name: "don't warn on run with bind mount from trusted registry",
    dockerfile: 'RUN --mount=type=bind,from=trusted.com/repo/image:tag,target=/foo foobar',
    settings: trusting('trusted.com'),
    lines: [],
  },
  {
    name: "don't warn on run with cache mount from trusted registry",
    dockerfile: 'RUN --mount=type=cache,from=trusted.com/repo/image:tag,target=/foo foobar',
    settings: trusting('trusted.com'),
    lines: [],
  },
  {
    name: 'distrust all forms of docker.io if trusted registries are given',
    dockerfile: 'FROM ubuntu:18.04 AS builder1\nFROM zemanlx/ubuntu:18.04 AS builder2\nFROM docker.io/zemanlx/ubuntu:18.04 AS builder3',
    settings: trusting('trusted.com'),
    lines: [1, 2, 3],
  },
  // corner cases
  { name: 'hub.docker.com trusts Docker Hub short names', dockerfile: 'FROM node:20', settings: trusting('hub.docker.com'), lines: [] },
  { name: 'registry with a port', dockerfile: 'FROM my-company.com:5000/app:1\nFROM other.com:5000/app:1', settings: trusting('my-company.com:5000'), lines: [2] },
  { name: 'prefix wildcard', dockerfile: 'FROM registry.acme.io/app:1\nFROM ghcr.io/app:1', settings: trusting('registry.*'), lines: [2] },
  { name: '*.domain does not match the bare domain', dockerfile: 'FROM random.com/debian', settings: trusting('*.random.com'), lines: [1] },
  { name: 'a host without a dot is Docker Hub to hadolint', dockerfile: 'FROM localhost:5000/app', settings: trusting('docker.io'), lines: [] },
  { name: 'a variable is not expanded', dockerfile: 'ARG REGISTRY=evil.com\nFROM ${REGISTRY}/app:1', settings: trusting('docker.io'), lines: [] },
  { name: 'COPY --from a stage', dockerfile: 'FROM trusted.com/a:1 AS build\nFROM trusted.com/b:1\nCOPY --from=build /x /y', settings: trusting('trusted.com'), lines: [] },
  { name: 'COPY --from a stage number is a Docker Hub image to hadolint', dockerfile: 'FROM trusted.com/a:1\nCOPY --from=0 /x /y', settings: trusting('trusted.com'), lines: [2] },
  { name: 'COPY --from a Docker Hub image', dockerfile: 'COPY --from=nginx:1.25 /x /y', settings: trusting('docker.io'), lines: [] },
  { name: 'bind mount from a stage', dockerfile: 'FROM trusted.com/a:1 AS deps\nRUN --mount=from=deps,target=/deps make', settings: trusting('trusted.com'), lines: [] },
  { name: 'cache mount without from', dockerfile: 'RUN --mount=type=cache,target=/root/.cache make', settings: trusting('trusted.com'), lines: [] },
  { name: 'secret mounts are not images', dockerfile: 'RUN --mount=type=secret,id=npm,target=/root/.npmrc npm ci', settings: trusting('trusted.com'), lines: [] },
  { name: 'one finding per RUN, whatever the mounts', dockerfile: 'RUN --mount=from=a.com/x,target=/a --mount=from=b.com/y,target=/b make', settings: trusting('trusted.com'), lines: [1] },
  { name: 'a stage named later does not count', dockerfile: 'FROM build\nFROM trusted.com/a:1 AS build', settings: trusting('trusted.com'), lines: [1] },
  { name: 'lowercase keywords', dockerfile: 'from random.com/debian as x\ncopy --from=untrusted.com/i:1 a b', settings: trusting('trusted.com'), lines: [1, 2] },
  { name: 'with --platform', dockerfile: 'FROM --platform=linux/amd64 random.com/debian:12', settings: trusting('docker.io'), lines: [1] },
]);
