import { DL3019 } from '../../src/rules/DL3019.js';
import { describeRule, type RuleCase } from './harness.js';

function both(name: string, run: string, caught: boolean): RuleCase[] {
  return [
    { name, dockerfile: run, lines: caught ? [1] : [] },
    { name: `${name} (ONBUILD)`, dockerfile: `FROM alpine:3\nONBUILD ${run}`, lines: caught ? [2] : [] },
  ];
}

describeRule(DL3019, [
  // hadolint DL3019Spec: every case below, by its case name
  ...both('apk add without --no-cache', 'RUN apk add flex=2.6.4-r1', true),
  ...both('apk add with --no-cache', 'RUN apk add --no-cache flex=2.6.4-r1', false),
  ...both('apk add with BuildKit cache mount', 'RUN --mount=type=cache,target=/var/cache/apk apk add -U curl=7.77.0', false),
  ...both(
    'apk add with BuildKit cache mount in wrong dir and --no-cache',
    'RUN --mount=type=cache,target=/var/cache/foo apk add --no-cache -U curl=7.77.0',
    false,
  ),
  ...both('apk add with BuildKit cache mount to wrong dir', 'RUN --mount=type=cache,target=/var/cache/foo apk add -U curl=7.77.0', true),
  // corner cases, following hadolint master
  ...both('apk add with BuildKit tmpfs mount', 'RUN --mount=type=tmpfs,target=/var/cache/apk apk add curl=8.5.0-r0', false),
  { name: '--update alone is not enough', dockerfile: 'RUN apk add --update curl', lines: [1] },
  { name: 'rm of the cache afterwards is not enough', dockerfile: 'RUN apk add curl && rm -rf /var/cache/apk/*', lines: [1] },
  { name: '--no-cache after the package', dockerfile: 'RUN apk add curl --no-cache', lines: [] },
  { name: 'apk update alone is not apk add', dockerfile: 'RUN apk update', lines: [] },
  { name: 'one of two apk add lacks --no-cache', dockerfile: 'RUN apk add --no-cache a && apk add b', lines: [1] },
  { name: 'bind mount does not count', dockerfile: 'RUN --mount=type=bind,target=/var/cache/apk apk add curl', lines: [1] },
  {
    name: 'cache mount with extra options',
    dockerfile: 'RUN --mount=type=cache,id=apk,target=/var/cache/apk,sharing=locked apk add curl',
    lines: [],
  },
  { name: 'exec form', dockerfile: 'RUN ["apk", "add", "curl"]', lines: [1] },
  {
    name: 'lowercase, multi-stage, continuation',
    dockerfile: 'FROM alpine:3\nrun apk add \\\n  a\nFROM alpine:3\nRUN apk add --no-cache b',
    lines: [2],
    message: 'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages',
  },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3019Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3019Spec: warn: apk add without --no-cache (ONBUILD)', dockerfile: 'ONBUILD RUN apk add flex=2.6.4-r1\n', lines: [1] },
  { name: 'DL3019Spec: don\'t warn: apk add with --no-cache (ONBUILD)', dockerfile: 'ONBUILD RUN apk add --no-cache flex=2.6.4-r1\n', lines: [] },
  { name: 'DL3019Spec: don\'t warn: apk add with BuildKit cache mount (ONBUILD)', dockerfile: 'ONBUILD RUN --mount=type=cache,target=/var/cache/apk apk add -U curl=7.77.0\n', lines: [] },
  { name: 'DL3019Spec: don\'t warn: apk add with BuildKit tmpfs mount', dockerfile: 'RUN --mount=type=tmpfs,target=/var/cache/apk apk add -U curl=7.77.0\n', lines: [] },
  { name: 'DL3019Spec: don\'t warn: apk add with BuildKit tmpfs mount (ONBUILD)', dockerfile: 'ONBUILD RUN --mount=type=tmpfs,target=/var/cache/apk apk add -U curl=7.77.0\n', lines: [] },
  { name: 'DL3019Spec: don\'t warn: apk add with BuildKit cache mount in wrong dir and --no-cache (ONBUILD)', dockerfile: 'ONBUILD RUN --mount=type=cache,target=/var/cache/foo apk add --no-cache -U curl=7.77.0\n', lines: [] },
  { name: 'DL3019Spec: warn: apk add with BuildKit cache mount to wrong dir (ONBUILD)', dockerfile: 'ONBUILD RUN --mount=type=cache,target=/var/cache/foo apk add -U curl=7.77.0\n', lines: [1] },
  { name: 'DL3019Spec: warn: apk add with BuildKit tmpfs mount to wrong dir', dockerfile: 'RUN --mount=type=tmpfs,target=/var/cache/foo apk add -U curl=7.77.0\n', lines: [1] },
  { name: 'DL3019Spec: warn: apk add with BuildKit tmpfs mount to wrong dir (ONBUILD)', dockerfile: 'ONBUILD RUN --mount=type=tmpfs,target=/var/cache/foo apk add -U curl=7.77.0\n', lines: [1] },
]);
