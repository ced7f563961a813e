import { DL3009 } from '../../src/rules/DL3009.js';
import { describeRule, type RuleCase } from './harness.js';

const onbuild = (dockerfile: string) => dockerfile.replace(/^RUN /gm, 'ONBUILD RUN ');

/** One hadolint spec case, run plain and with every RUN wrapped in ONBUILD. */
function both(name: string, dockerfile: string, plain: number[], inOnbuild: number[]): RuleCase[] {
  return [
    { name, dockerfile, lines: plain },
    { name: `${name} (ONBUILD)`, dockerfile: onbuild(dockerfile), lines: inOnbuild },
  ];
}

const install = 'RUN apt-get update && apt-get install python';
const installAndClean = 'RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*';

describeRule(DL3009, [
  // hadolint DL3009Spec: every case below, by its case name (plain and ONBUILD where hadolint checks it)
  ...both('apt-get no cleanup', `FROM scratch\n${install}`, [2], [2]),
  ...both('apt-get no cleanup in a stage nobody uses', `FROM ubuntu as foo\n${install}\nFROM scratch\nRUN echo hey!`, [], [2]),
  ...both('apt-get no cleanup in last stage', `FROM ubuntu as foo\nRUN hey!\nFROM scratch\n${install}`, [4], [4]),
  ...both('apt-get no cleanup in a stage used as base', `FROM ubuntu as foo\n${install}\nFROM foo\nRUN hey!`, [2], [2]),
  ...both('apt-get cleanup in a stage used as base', `FROM ubuntu as foo\n${installAndClean}\nFROM foo\nRUN hey!`, [], []),
  ...both('apt-get no cleanup in a stage not used later', `FROM ubuntu as foo\n${install}\nFROM scratch\nRUN hey!`, [], [2]),
  ...both('apt-get cleanup', `FROM scratch\n${installAndClean}`, [], []),
  ...both(
    'BuildKit cache mount to apt lists directory',
    'RUN --mount=type=cache,target=/var/lib/apt/lists \\\n    apt-get update && apt-get install python',
    [],
    [],
  ),
  ...both(
    'BuildKit cache mounts to both apt directories',
    'RUN --mount=type=cache,target=/var/lib/apt \\\n    --mount=type=cache,target=/var/cache/apt \\\n' +
      '    rm -f /etc/apt/apt.conf.d/docker-clean && \\\n    apt-get update && apt-get install python',
    [],
    [],
  ),
  ...both(
    'BuildKit cache mounts to both apt directories, docker-clean removed earlier',
    'RUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/cache/apt \\\n' +
      '    --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install foo',
    [],
    [],
  ),
  ...both(
    'BuildKit cache mount to apt cache directory only',
    'RUN --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && \\\n' +
      '    apt-get update && apt-get install python',
    [1],
    [1],
  ),
  ...both(
    'BuildKit cache mount to /var/lib/apt only',
    'RUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/lib/apt \\\n' +
      '    apt-get update && apt-get install python',
    [2],
    [2],
  ),

  // corner cases, following hadolint master
  { name: 'install without update', dockerfile: 'FROM debian:12\nRUN apt-get install -y curl', lines: [] },
  // hadolint master: `apt update` and `aptitude update` leave the lists too
  { name: 'apt update without cleanup', dockerfile: 'FROM debian:12\nRUN apt update && apt install curl', lines: [2] },
  { name: 'cleanup in a later RUN does not count', dockerfile: `FROM debian:12\n${install}\nRUN rm -rf /var/lib/apt/lists/*`, lines: [2] },
  {
    name: 'like hadolint, any rm -rf counts as the cleanup',
    dockerfile: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /tmp/build',
    lines: [],
  },
  {
    name: 'quoted lists glob counts as the cleanup',
    dockerfile: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -r -f "/var/lib/apt/lists/*"',
    lines: [],
  },
  {
    // hadolint master: a tmpfs mount keeps the lists out of the layer as a cache mount does
    name: 'tmpfs mount on the lists',
    dockerfile: 'FROM debian:12\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update',
    lines: [],
  },
  { name: 'bind mount does not count', dockerfile: 'FROM debian:12\nRUN --mount=type=bind,target=/var/lib/apt/lists apt-get update', lines: [2] },
  {
    name: 'cache mount below the lists directory counts (prefix)',
    dockerfile: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists/partial apt-get update',
    lines: [],
  },
  {
    name: 'cache mount with extra options and dst',
    dockerfile: 'FROM debian:12\nRUN --mount=type=cache,id=lists,dst=/var/lib/apt/lists,sharing=locked apt-get update',
    lines: [],
  },
  {
    name: 'alias used by a later FROM, across three stages',
    dockerfile: `FROM debian:12 AS base\n${install}\nFROM base AS build\nRUN make\nFROM scratch\nCOPY --from=build /out /out`,
    lines: [2],
  },
  {
    name: 'stage only copied from is not reported',
    dockerfile: `FROM debian:12 AS build\n${install}\nFROM scratch\nCOPY --from=build /out /out`,
    lines: [],
  },
  {
    name: 'a FROM identical to the last one counts as the last stage',
    dockerfile: `FROM debian:12\n${install}\nFROM debian:12\nRUN echo`,
    lines: [2],
  },
  { name: 'RUN before any FROM, file ending in FROM scratch', dockerfile: `${install}\nFROM scratch`, lines: [1] },
  { name: 'RUN before any FROM, file ending in another image', dockerfile: `${install}\nFROM debian:12`, lines: [] },
  { name: 'exec form', dockerfile: 'FROM debian:12\nRUN ["apt-get", "update"]', lines: [2] },
  { name: 'update as another command\'s argument', dockerfile: 'FROM debian:12\nRUN echo apt-get update', lines: [] },
  { name: 'lowercase keywords', dockerfile: 'from debian:12 as base\nrun apt-get update\nfrom base\nrun echo', lines: [2] },
  {
    name: 'line continuation, reported on the first line',
    dockerfile: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl',
    lines: [2],
    message: 'Delete the apt lists (/var/lib/apt/lists) after installing something',
  },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3009Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3009Spec: don\'t warn: BuildKit cache mount to apt lists directory', dockerfile: 'RUN --mount=type=cache,target=/var/lib/apt/lists \\    apt-get update && apt-get install python\n', lines: [] },
  { name: 'DL3009Spec: don\'t warn: BuildKit cache mount to apt lists directory (ONBUILD)', dockerfile: 'ONBUILD RUN --mount=type=cache,target=/var/lib/apt/lists \\    apt-get update && apt-get install python\n', lines: [] },
  { name: 'DL3009Spec: don\'t warn: BuildKit cache mount to apt directories 1', dockerfile: 'RUN --mount=type=cache,target=/var/lib/apt \\    --mount=type=cache,target=/var/cache/apt \\    rm -f /etc/apt/apt.conf.d/docker-clean && \\    apt-get update && apt-get install python\n', lines: [] },
  { name: 'DL3009Spec: don\'t warn: BuildKit cache mount to apt directories 1 (ONBUILD)', dockerfile: 'ONBUILD RUN --mount=type=cache,target=/var/lib/apt \\    --mount=type=cache,target=/var/cache/apt \\    rm -f /etc/apt/apt.conf.d/docker-clean && \\    apt-get update && apt-get install python\n', lines: [] },
  { name: 'DL3009Spec: don\'t warn: tmpfs mount to apt cache and lists directory', dockerfile: 'RUN \\\n  --mount=type=tmpfs,target=/var/cache/apt \\\n  --mount=type=tmpfs,target=/var/lib/apt \\\n  apt-get update\n\n', lines: [] },
  { name: 'DL3009Spec: don\'t warn: tmpfs mount to apt cache and lists directory (ONBUILD)', dockerfile: 'ONBUILD RUN \\\n  --mount=type=tmpfs,target=/var/cache/apt \\\n  --mount=type=tmpfs,target=/var/lib/apt \\\n  apt-get update\n\n', lines: [] },
  { name: 'DL3009Spec: don\'t warn: tmpfs mount to apt cache and cache mount to lists directory', dockerfile: 'RUN \\\n  --mount=type=tmpfs,target=/var/cache/apt \\\n  --mount=type=cache,target=/var/lib/apt \\\n  apt-get update\n\n', lines: [] },
  { name: 'DL3009Spec: don\'t warn: tmpfs mount to apt cache and cache mount to lists directory (ONBUILD)', dockerfile: 'ONBUILD RUN \\\n  --mount=type=tmpfs,target=/var/cache/apt \\\n  --mount=type=cache,target=/var/lib/apt \\\n  apt-get update\n\n', lines: [] },
  { name: 'DL3009Spec: don\'t warn: cache mount to apt cache and tmpfs mount to lists directory', dockerfile: 'RUN \\\n  --mount=type=cache,target=/var/cache/apt \\\n  --mount=type=tmpfs,target=/var/lib/apt \\\n  apt-get update\n\n', lines: [] },
  { name: 'DL3009Spec: don\'t warn: cache mount to apt cache and tmpfs mount to lists directory (ONBUILD)', dockerfile: 'ONBUILD RUN \\\n  --mount=type=cache,target=/var/cache/apt \\\n  --mount=type=tmpfs,target=/var/lib/apt \\\n  apt-get update\n\n', lines: [] },
  { name: 'DL3009Spec: don\'t warn: cache mount to apt cache and lists directory', dockerfile: 'RUN \\\n  --mount=type=cache,target=/var/cache/apt \\\n  --mount=type=cache,target=/var/lib/apt \\\n  apt-get update\n\n', lines: [] },
  { name: 'DL3009Spec: don\'t warn: cache mount to apt cache and lists directory (ONBUILD)', dockerfile: 'ONBUILD RUN \\\n  --mount=type=cache,target=/var/cache/apt \\\n  --mount=type=cache,target=/var/lib/apt \\\n  apt-get update\n\n', lines: [] },
  { name: 'DL3009Spec: apt no cleanup', dockerfile: 'FROM scratch\nRUN apt update && apt install python\n\n', lines: [2] },
  { name: 'DL3009Spec: apt no cleanup (ONBUILD)', dockerfile: 'FROM scratch\nONBUILD RUN apt update && apt install python\n\n', lines: [2] },
  { name: 'DL3009Spec: apt cleanup', dockerfile: 'FROM scratch\nRUN apt update && apt install python && rm -rf /var/lib/apt/lists/*\n\n', lines: [] },
  { name: 'DL3009Spec: apt cleanup (ONBUILD)', dockerfile: 'FROM scratch\nONBUILD RUN apt update && apt install python && rm -rf /var/lib/apt/lists/*\n\n', lines: [] },
  { name: 'DL3009Spec: aptitude no cleanup', dockerfile: 'FROM scratch\nRUN aptitude update && aptitude install python\n\n', lines: [2] },
  { name: 'DL3009Spec: aptitude no cleanup (ONBUILD)', dockerfile: 'FROM scratch\nONBUILD RUN aptitude update && aptitude install python\n\n', lines: [2] },
  { name: 'DL3009Spec: aptitude cleanup', dockerfile: 'FROM scratch\nRUN aptitude update && aptitude install python && rm -rf /var/lib/apt/lists/*\n\n', lines: [] },
  { name: 'DL3009Spec: aptitude cleanup (ONBUILD)', dockerfile: 'FROM scratch\nONBUILD RUN aptitude update && aptitude install python && rm -rf /var/lib/apt/lists/*\n\n', lines: [] },
]);
