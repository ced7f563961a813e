import { DL3034 } from '../../src/rules/DL3034.js';
import { describeRule } from './harness.js';

const both = (name: string, run: string, caught: boolean) => [
  { name, dockerfile: run, lines: caught ? [1] : [] },
  { name: `${name} (ONBUILD)`, dockerfile: `ONBUILD ${run}`, lines: caught ? [1] : [] },
];

describeRule(DL3034, [
  // hadolint's DL3034Spec
  ...both('not ok without non-interactive switch', 'RUN zypper install httpd=2.4.24 && zypper clean', true),
  ...both('ok with -n', 'RUN zypper install -n httpd=2.4.24 && zypper clean', false),
  ...both('ok with --non-interactive', 'RUN zypper install --non-interactive httpd=2.4.24 && zypper clean', false),
  ...both('ok with -y', 'RUN zypper install -y httpd=2.4.24 && zypper clean', false),
  ...both('ok with --no-confirm', 'RUN zypper install --no-confirm httpd=2.4.24 && zypper clean', false),
  // corner cases
  { name: 'message', dockerfile: 'RUN zypper in vim', lines: [1], message: 'Non-interactive switch missing from `zypper` command: `zypper install -y`' },
  { name: 'global -n before the sub-command', dockerfile: 'RUN zypper -n install vim', lines: [] },
  { name: 'remove', dockerfile: 'RUN zypper rm vim', lines: [1] },
  { name: 'source-install', dockerfile: 'RUN zypper si vim', lines: [1] },
  { name: 'patch', dockerfile: 'RUN zypper patch', lines: [1] },
  { name: 'refresh needs no answer', dockerfile: 'RUN zypper refresh', lines: [] },
  { name: 'lowercase keyword, continuation', dockerfile: 'from opensuse/leap:15\nrun zypper \\\n  install vim', lines: [2] },
]);
