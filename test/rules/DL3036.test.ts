import { DL3036 } from '../../src/rules/DL3036.js';
import { describeRule } from './harness.js';

const both = (name: string, run: string, caught: boolean) => [
  { name, dockerfile: run, lines: caught ? [1] : [] },
  { name: `${name} (ONBUILD)`, dockerfile: `ONBUILD ${run}`, lines: caught ? [1] : [] },
];

describeRule(DL3036, [
  // hadolint's DL3036Spec
  ...both('not ok without zypper clean', 'RUN zypper install -y mariadb=10.4', true),
  ...both('ok with zypper clean', 'RUN zypper install -y mariadb=10.4 && zypper clean', false),
  ...both('ok with zypper cc', 'RUN zypper install -y mariadb=10.4 && zypper cc', false),
  ...both('ok when mount type cache is used', 'RUN --mount=type=cache,target=/var/cache/zypp zypper install -y mariadb', false),
  ...both('ok when mount type tmpfs is used', 'RUN --mount=type=tmpfs,target=/var/cache/zypp zypper install -y mariadb', false),
  // corner cases
  { name: 'message', dockerfile: 'RUN zypper in -y vim', lines: [1], message: '`zypper clean` missing after zypper use.' },
  { name: 'clean before install', dockerfile: 'RUN zypper clean && zypper install -y mariadb=10.4', lines: [1] },
  { name: 'a bind mount does not count', dockerfile: 'RUN --mount=type=bind,target=/var/cache/zypp zypper install -y vim', lines: [1] },
  { name: 'a cache mount elsewhere does not count', dockerfile: 'RUN --mount=type=cache,target=/root/.cache zypper install -y vim', lines: [1] },
  { name: 'zypper refresh installs nothing', dockerfile: 'RUN zypper refresh', lines: [] },
  { name: 'lowercase keyword, second stage', dockerfile: 'FROM opensuse/leap:15\nrun zypper in -y a && zypper cc\nFROM opensuse/leap:15\nrun zypper in -y a', lines: [4] },
]);
