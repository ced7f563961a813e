import { DL3040 } from '../../src/rules/DL3040.js';
import { describeRule } from './harness.js';

const both = (name: string, run: string, caught: boolean) => [
  { name, dockerfile: run, lines: caught ? [1] : [] },
  { name: `${name} (ONBUILD)`, dockerfile: `ONBUILD ${run}`, lines: caught ? [1] : [] },
];

describeRule(DL3040, [
  // hadolint's DL3040Spec
  ...both('no clean after dnf install', 'RUN dnf install -y mariadb-10.4', true),
  ...both('no clean after microdnf install', 'RUN microdnf install -y mariadb-10.4', true),
  ...both('no clean after dnf in', 'RUN dnf in -y mariadb-10.4', true),
  ...both('microdnf clean does not clean after dnf', 'RUN dnf install -y mariadb-10.4 && microdnf clean all', true),
  ...both('ok with dnf clean all', 'RUN dnf install -y mariadb-10.4 && dnf clean all', false),
  ...both('ok with dnf in and dnf clean all', 'RUN dnf in -y mariadb-10.4 && dnf clean all', false),
  ...both('ok with microdnf clean all', 'RUN microdnf install -y mariadb-10.4 && microdnf clean all', false),
  ...both('not a dnf command', 'RUN notdnf install mariadb', false),
  ...both('ok with rm /var/cache/yum', 'RUN dnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*', false),
  ...both('ok with rm /var/cache/yum after dnf in', 'RUN dnf in -y mariadb-10.4 && rm -rf /var/cache/yum/*', false),
  ...both('ok with rm /var/cache/yum after microdnf', 'RUN microdnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*', false),
  { name: 'not ok with microdnf clean before dnf install', dockerfile: 'RUN microdnf clean all && dnf install -y mariadb-10.4', lines: [1] },
  { name: 'not ok with microdnf clean before dnf in', dockerfile: 'RUN microdnf clean all && dnf in -y mariadb-10.4', lines: [1] },
  ...both('not ok with rm before dnf install', 'RUN rm -rf /var/cache/libdnf5 && dnf install -y mariadb-10.4', true),
  ...both('not ok with rm before dnf in', 'RUN rm -rf /var/cache/libdnf5 && dnf in -y mariadb-10.4', true),
  ...both('not ok with rm before microdnf install', 'RUN rm -rf /var/cache/libdnf5 && microdnf install -y mariadb-10.4', true),
  ...both('ok with cache mount (dnf install)', 'RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y mariadb-10.4', false),
  ...both('ok with cache mount (dnf in)', 'RUN --mount=type=cache,target=/var/cache/libdnf5 dnf in -y mariadb-10.4', false),
  ...both('ok with cache mount (microdnf)', 'RUN --mount=type=cache,target=/var/cache/libdnf5 microdnf install -y mariadb-10.4', false),
  ...both('ok with tmpfs mount (dnf install)', 'RUN --mount=type=tmpfs,target=/var/cache/libdnf5 dnf install -y mariadb-10.4', false),
  ...both('ok with tmpfs mount (dnf in)', 'RUN --mount=type=tmpfs,target=/var/cache/libdnf5 dnf in -y mariadb-10.4', false),
  ...both('ok with tmpfs mount (microdnf)', 'RUN --mount=type=tmpfs,target=/var/cache/libdnf5 microdnf install -y mariadb-10.4', false),
  ...both('not ok with dnf upgrade', 'RUN dnf -y upgrade', true),
  ...both('not ok with dnf up', 'RUN dnf -y up', true),
  ...['install', 'in', 'upgrade', 'up', 'upgrade-minimal', 'up-min', 'reinstall', 'rei'].flatMap((sub) => [
    { name: `dnf -y ${sub}`, dockerfile: `RUN dnf -y ${sub}`, lines: [1] },
    { name: `dnf -y ${sub} && dnf clean all`, dockerfile: `RUN dnf -y ${sub} && dnf clean all`, lines: [] },
  ]),
  // corner cases
  { name: 'message', dockerfile: 'RUN dnf install -y a-1', lines: [1], message: '`dnf clean all` missing after dnf command.' },
  { name: 'user cache mount', dockerfile: 'RUN --mount=type=cache,target=/root/.cache/libdnf5 dnf install -y a-1', lines: [] },
  { name: 'clean in a later RUN does not count', dockerfile: 'RUN dnf install -y a-1\nRUN dnf clean all', lines: [1] },
  { name: 'both dnf and microdnf cleaned', dockerfile: 'RUN dnf install -y a && microdnf install -y b && dnf clean all && microdnf clean all', lines: [] },
  { name: 'dnf makecache installs nothing', dockerfile: 'RUN dnf makecache', lines: [] },
  { name: 'lowercase keyword, continuation, second stage', dockerfile: 'FROM fedora:40\nRUN true\nFROM fedora:40\nrun dnf install -y a \\\n && dnf clean all\nrun dnf install -y b', lines: [6] },
]);
