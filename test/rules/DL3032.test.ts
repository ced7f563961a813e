import { DL3032 } from '../../src/rules/DL3032.js';
import { describeRule } from './harness.js';

const both = (name: string, run: string, caught: boolean) => [
  { name, dockerfile: run, lines: caught ? [1] : [] },
  { name: `${name} (ONBUILD)`, dockerfile: `ONBUILD ${run}`, lines: caught ? [1] : [] },
];

describeRule(DL3032, [
  // hadolint's DL3032Spec
  ...both('not ok with no clean all', 'RUN yum install -y mariadb-10.4', true),
  ...both('ok with yum clean all', 'RUN yum install -y mariadb-10.4 && yum clean all', false),
  ...both('not even a yum command', 'RUN bash -c `# not even a yum command`', false),
  ...both('ok with rm -rf /var/cache/yum/*', 'RUN yum install -y mariadb-10.4 && rm -rf /var/cache/yum/*', false),
  { name: 'not ok with clean before install', dockerfile: 'RUN yum clean all && yum install -y', lines: [1] },
  // corner cases
  { name: 'message', dockerfile: 'RUN yum install -y a-1', lines: [1], message: '`yum clean all` missing after yum command.' },
  { name: 'clean in a later RUN does not count', dockerfile: 'RUN yum install -y a-1\nRUN yum clean all', lines: [1] },
  { name: 'clean between two installs', dockerfile: 'RUN yum install -y a-1 && yum clean all && yum install -y b-1', lines: [] },
  { name: 'hadolint accepts any of the words: `yum clean`', dockerfile: 'RUN yum install -y a-1 && yum clean metadata', lines: [] },
  { name: 'hadolint accepts any `rm -rf`', dockerfile: 'RUN yum install -y a-1 && rm -rf /tmp/x', lines: [] },
  { name: 'a cache mount does not count for yum', dockerfile: 'RUN --mount=type=cache,target=/var/cache/yum yum install -y a-1', lines: [1] },
  { name: 'exec form', dockerfile: 'RUN ["yum", "install", "-y", "a-1"]', lines: [1] },
  { name: 'continuation lines, lowercase', dockerfile: 'FROM centos:7\nrun yum install -y a-1 \\\n && yum clean all', lines: [] },
]);
