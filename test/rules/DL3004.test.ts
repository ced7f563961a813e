import { DL3004 } from '../../src/rules/DL3004.js';
import { describeRule } from './harness.js';

describeRule(DL3004, [
  // hadolint DL3004Spec: every case below, by its case name
  { name: 'sudo', dockerfile: 'RUN sudo apt-get update', lines: [1] },
  { name: 'sudo in ONBUILD', dockerfile: 'FROM a:1\nONBUILD RUN sudo apt-get update', lines: [2] },
  { name: 'install sudo', dockerfile: 'RUN apt-get install sudo', lines: [] },
  { name: 'install sudo in ONBUILD', dockerfile: 'FROM a:1\nONBUILD RUN apt-get install sudo', lines: [] },
  { name: 'sudo chained programs', dockerfile: 'RUN apt-get update && sudo apt-get install', lines: [1] },
  { name: 'sudo chained programs in ONBUILD', dockerfile: 'FROM a:1\nONBUILD RUN apt-get update && sudo apt-get install', lines: [2] },
  // corner cases
  { name: 'exec form', dockerfile: 'RUN ["sudo", "ls"]', lines: [1] },
  { name: 'sudo in a command substitution', dockerfile: 'RUN echo $(sudo id)', lines: [1] },
  { name: 'gosu is fine', dockerfile: 'RUN gosu app true', lines: [] },
  { name: 'CMD is not checked', dockerfile: 'CMD sudo x', lines: [] },
  { name: 'unbalanced quotes: the script is not read', dockerfile: 'RUN sudo echo "oops', lines: [] },
  { name: 'every RUN with sudo', dockerfile: 'FROM a:1\nRUN sudo a\nRUN b\nrun sudo c', lines: [2, 4] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3004Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3004Spec: sudo (ONBUILD)', dockerfile: 'ONBUILD RUN sudo apt-get update\n', lines: [1] },
  { name: 'DL3004Spec: install sudo (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get install sudo\n', lines: [] },
  { name: 'DL3004Spec: sudo chained programs (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get update && sudo apt-get install\n', lines: [1] },
]);
