import { DL3001 } from '../../src/rules/DL3001.js';
import { describeRule } from './harness.js';

describeRule(DL3001, [
  // hadolint DL3001Spec: every case below, by its case name
  { name: 'invalid cmd', dockerfile: 'RUN top', lines: [1] },
  { name: 'invalid cmd in ONBUILD', dockerfile: 'FROM debian:12\nONBUILD RUN top', lines: [2] },
  { name: 'install ssh', dockerfile: 'RUN apt-get install ssh', lines: [] },
  { name: 'install ssh in ONBUILD', dockerfile: 'FROM debian:12\nONBUILD RUN apt-get install ssh', lines: [] },
  // corner cases
  ...['free', 'kill', 'mount', 'ps', 'service', 'shutdown', 'ssh', 'top', 'vim'].map((command) => ({
    name: `${command} as a command`,
    dockerfile: `FROM debian:12\nRUN ${command} x`,
    lines: [2],
  })),
  { name: 'ifconfig is only in the message, not the list', dockerfile: 'RUN ifconfig', lines: [] },
  { name: 'chained after &&', dockerfile: 'RUN apt-get update && service nginx start', lines: [1] },
  { name: 'inside a pipeline', dockerfile: 'RUN ps aux | grep x', lines: [1] },
  { name: 'command name only, not an argument', dockerfile: 'RUN echo top kill ps', lines: [] },
  { name: 'exec form', dockerfile: 'RUN ["ps", "aux"]', lines: [1] },
  { name: 'CMD is not checked', dockerfile: 'CMD top', lines: [] },
  { name: 'one finding per RUN', dockerfile: 'RUN ps && top', lines: [1] },
  { name: 'continuation lines, reported on the first', dockerfile: 'FROM a:1\nRUN true \\\n  && top', lines: [2] },
  { name: 'lowercase run', dockerfile: 'run top', lines: [1] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3001Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3001Spec: invalid cmd (ONBUILD)', dockerfile: 'ONBUILD RUN top\n', lines: [1] },
  { name: 'DL3001Spec: install ssh (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get install ssh\n', lines: [] },
]);
