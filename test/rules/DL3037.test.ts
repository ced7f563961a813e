import { DL3037 } from '../../src/rules/DL3037.js';
import { describeRule } from './harness.js';

const both = (name: string, run: string, caught: boolean) => [
  { name, dockerfile: run, lines: caught ? [1] : [] },
  { name: `${name} (ONBUILD)`, dockerfile: `ONBUILD ${run}`, lines: caught ? [1] : [] },
];

describeRule(DL3037, [
  // hadolint's DL3037Spec (`\>` is how a shell passes `>` to zypper)
  ...both('not ok without zypper version pinning', 'RUN zypper install -y tomcat && zypper clean', true),
  ...both('ok with =', 'RUN zypper install -y tomcat=9.0.39 && zypper clean', false),
  ...both('ok with >=', 'RUN zypper install -y tomcat\\>=9.0 && zypper clean', false),
  ...both('ok with >', 'RUN zypper install -y tomcat\\>9.0 && zypper clean', false),
  ...both('ok with <=', 'RUN zypper install -y tomcat\\<=9.0 && zypper clean', false),
  ...both('ok with <', 'RUN zypper install -y tomcat\\<9.0 && zypper clean', false),
  ...both('ok with an rpm file', 'RUN zypper install -y tomcat-9.0.39-1.rpm && zypper clean', false),
  // corner cases
  { name: 'message', dockerfile: 'RUN zypper in -y vim', lines: [1], message: 'Specify version with `zypper install -y <package>=<version>`.' },
  { name: 'quoted constraint', dockerfile: 'RUN zypper install -y "tomcat>=9.0"', lines: [] },
  { name: 'one of two unpinned', dockerfile: 'RUN zypper in -y vim=9.0 git', lines: [1] },
  { name: 'zypper remove takes names', dockerfile: 'RUN zypper rm -y vim', lines: [] },
  { name: 'lowercase keyword, continuation', dockerfile: 'run zypper in -y \\\n  vim', lines: [1] },
]);
