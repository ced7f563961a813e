import { DL3033 } from '../../src/rules/DL3033.js';
import { describeRule } from './harness.js';

const both = (name: string, run: string, caught: boolean) => [
  { name, dockerfile: run, lines: caught ? [1] : [] },
  { name: `${name} (ONBUILD)`, dockerfile: `ONBUILD ${run}`, lines: caught ? [1] : [] },
];

describeRule(DL3033, [
  // hadolint's DL3033Spec
  ...both('not ok without yum version pinning', 'RUN yum install -y tomcat && yum clean all', true),
  ...both('ok with yum version pinning', 'RUN yum install -y tomcat-9.2 && yum clean all', false),
  ...both('not even a yum command', 'RUN bash -c `# not even a yum command`', false),
  ...both('ok - version contains epoch', 'RUN yum install -y openssl-1:1.1.1k', false),
  ...both('ok - package name contains `-`', 'RUN yum install -y rpm-sign-4.16.1.3', false),
  ...both('ok - package name contains `-` and `+`', 'RUN yum install -y gcc-c++-1.1.1', false),
  ...both('not ok without yum version pinning - modules', 'RUN yum module install -y tomcat && yum clean all', true),
  ...both('ok with yum version pinning - modules', 'RUN yum module install -y tomcat:9 && yum clean all', false),
  { name: 'ok with version as variable - braced', dockerfile: 'ENV version=2.51.0-2.fc42\nRUN yum -y install git-core-${version}', lines: [] },
  { name: 'ok with version as arg - unbraced', dockerfile: 'ARG version=2.51.0-2.fc42\nRUN yum -y install git-core-$version', lines: [] },
  {
    name: 'ok with version as arg - different stages',
    dockerfile: 'FROM fedora:fc42 AS build\nARG version=2.51.0-2.fc42\nFROM fedora:fc42\nRUN yum -y install git-core-${version}',
    lines: [],
  },
  {
    name: 'ok with version as env - different stages, reused stage',
    dockerfile: 'FROM fedora:fc42 AS build\nENV version=2.51.0-2.fc42\nFROM build\nRUN yum -y install git-core-${version}',
    lines: [],
  },
  {
    name: 'not ok with version as variable - different stages, new stage',
    dockerfile: 'FROM fedora:fc42 AS build\nENV version=2.51.0-2.fc42\nFROM fedora:fc42\nRUN yum -y install git-core-${version}',
    lines: [4],
  },
  // corner cases
  { name: 'message', dockerfile: 'RUN yum install -y tomcat', lines: [1], message: 'Specify version with `yum install -y <package>-<version>`.' },
  { name: 'a dash without a version is not a pin', dockerfile: 'RUN yum install -y python3-devel', lines: [1] },
  { name: 'rpm file', dockerfile: 'RUN yum install -y /tmp/app-latest.rpm', lines: [] },
  { name: 'an undefined variable is not a pin', dockerfile: 'RUN yum install -y git-core-${version}', lines: [1] },
  { name: 'ENV defined after the RUN does not count', dockerfile: 'FROM fedora:40\nRUN yum install -y git-core-${V}\nENV V=2.45.0', lines: [2] },
  { name: 'ENV of the main file is unknown inside ONBUILD', dockerfile: 'FROM fedora:40\nENV V=2.45.0\nONBUILD RUN yum install -y git-core-${V}', lines: [3] },
  { name: 'yum update installs nothing', dockerfile: 'RUN yum -y update', lines: [] },
  { name: 'exec form', dockerfile: 'RUN ["yum", "install", "-y", "tomcat"]', lines: [1] },
  { name: 'lowercase keywords', dockerfile: 'from fedora:40\nenv V=1.0\nrun yum install -y a-${V} b', lines: [3] },
]);
