import { DL3027 } from '../../src/rules/DL3027.js';
import { describeRule } from './harness.js';

describeRule(DL3027, [
  // hadolint DL3027Spec: every case below, by its case name
  { name: 'apt', dockerfile: 'FROM ubuntu\nRUN apt install python', lines: [2], message: 'Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead' },
  { name: 'apt inside ONBUILD', dockerfile: 'ONBUILD FROM ubuntu\nONBUILD RUN apt install python', lines: [2] },
  // corner cases
  { name: 'apt-get is fine', dockerfile: 'RUN apt-get install -y python3', lines: [] },
  { name: 'apt-cache is fine', dockerfile: 'RUN apt-cache policy python3', lines: [] },
  { name: 'apt later in a chain', dockerfile: 'RUN echo start && apt update', lines: [1] },
  { name: 'apt as an argument only', dockerfile: 'RUN echo apt', lines: [] },
  { name: 'apt behind `command`', dockerfile: 'RUN command apt install python', lines: [1] },
  { name: 'exec form', dockerfile: 'RUN ["apt", "install", "python"]', lines: [1] },
  { name: 'continuation lines, reported on the first', dockerfile: 'FROM ubuntu:24.04\nRUN set -e; \\\n    apt install -y python', lines: [2] },
  { name: 'lowercase keywords', dockerfile: 'run apt install python\nonbuild run apt install python', lines: [1, 2] },
  { name: 'heredoc script', dockerfile: 'RUN <<EOF\napt install python\nEOF', lines: [1] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3027Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3027Spec: apt (ONBUILD)', dockerfile: 'FROM ubuntu\nONBUILD RUN apt install python\n\n', lines: [2] },
]);
