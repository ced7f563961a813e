import { DL3038 } from '../../src/rules/DL3038.js';
import { describeRule } from './harness.js';

const both = (name: string, run: string, caught: boolean) => [
  { name, dockerfile: run, lines: caught ? [1] : [] },
  { name: `${name} (ONBUILD)`, dockerfile: `ONBUILD ${run}`, lines: caught ? [1] : [] },
];

describeRule(DL3038, [
  // hadolint's DL3038Spec
  ...both('not ok without dnf non-interactive flag', 'RUN dnf install httpd-2.4.24 && dnf clean all', true),
  ...both('not ok without microdnf non-interactive flag', 'RUN microdnf install httpd-2.4.24 && microdnf clean all', true),
  ...both('ok with dnf non-interactive flag', 'RUN dnf install -y httpd-2.4.24 && dnf clean all', false),
  ...both('ok with microdnf non-interactive flag', 'RUN microdnf install -y httpd-2.4.24 && microdnf clean all', false),
  ...both('not a dnf command', 'RUN notdnf install httpd', false),
  // corner cases
  { name: 'message', dockerfile: 'RUN dnf install vim', lines: [1], message: 'Use the -y switch to avoid manual input `dnf install -y <package>`' },
  { name: '--assumeyes', dockerfile: 'RUN dnf --assumeyes install vim', lines: [] },
  { name: 'groupinstall', dockerfile: 'RUN dnf groupinstall "Development Tools"', lines: [1] },
  { name: 'dnf upgrade is not covered', dockerfile: 'RUN dnf upgrade', lines: [] },
  { name: 'yum is DL3030', dockerfile: 'RUN yum install vim', lines: [] },
  { name: 'lowercase keyword, second stage', dockerfile: 'FROM fedora:40\nrun dnf install -y a\nFROM fedora:40\nrun dnf install a', lines: [4] },
]);
