import { DL3030 } from '../../src/rules/DL3030.js';
import { describeRule } from './harness.js';

describeRule(DL3030, [
  // hadolint's DL3030Spec
  { name: 'not ok when not using `-y` switch', dockerfile: 'RUN yum install httpd-2.4.24 && yum clean all', lines: [1], message: 'Use the -y switch to avoid manual input `yum install -y <package>`' },
  { name: 'not ok when not using `-y` switch (ONBUILD)', dockerfile: 'ONBUILD RUN yum install httpd-2.4.24 && yum clean all', lines: [1] },
  { name: 'ok when using `-y` switch', dockerfile: 'RUN yum install -y httpd-2.4.24 && yum clean all', lines: [] },
  { name: 'not even a yum command', dockerfile: 'RUN bash -c `# not even a yum command`', lines: [] },
  { name: 'ok when using `-y` switch (ONBUILD)', dockerfile: 'ONBUILD RUN yum install -y httpd-2.4.24 && yum clean all', lines: [] },
  { name: 'not even a yum command (ONBUILD)', dockerfile: 'ONBUILD RUN bash -c `# not even a yum command`', lines: [] },
  // corner cases
  { name: '--assumeyes', dockerfile: 'RUN yum install --assumeyes httpd-2.4.24', lines: [] },
  { name: '-y before the sub-command', dockerfile: 'RUN yum -y install httpd-2.4.24', lines: [] },
  { name: 'combined short flags', dockerfile: 'RUN yum install -qy httpd-2.4.24', lines: [] },
  { name: 'groupinstall', dockerfile: 'RUN yum groupinstall "Development Tools"', lines: [1] },
  { name: 'localinstall', dockerfile: 'RUN yum localinstall /tmp/x.rpm', lines: [1] },
  { name: 'yum remove is not an install', dockerfile: 'RUN yum remove httpd', lines: [] },
  { name: 'dnf is DL3038', dockerfile: 'RUN dnf install httpd', lines: [] },
  { name: 'lowercase keyword, second stage', dockerfile: 'FROM centos:7\nrun yum install -y a-1\nFROM centos:7\nrun yum install a-1', lines: [4] },
]);
