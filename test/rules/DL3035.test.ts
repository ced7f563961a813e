import { DL3035 } from '../../src/rules/DL3035.js';
import { describeRule } from './harness.js';

describeRule(DL3035, [
  // hadolint's DL3035Spec
  { name: 'not ok: zypper dist-upgrade', dockerfile: 'RUN zypper dist-upgrade', lines: [1], message: 'Do not use `zypper dist-upgrade`.' },
  { name: 'not ok: zypper dup', dockerfile: 'RUN zypper dup', lines: [1] },
  { name: 'not ok: zypper dist-upgrade (ONBUILD)', dockerfile: 'ONBUILD RUN zypper dist-upgrade', lines: [1] },
  { name: 'not ok: zypper dup (ONBUILD)', dockerfile: 'ONBUILD RUN zypper dup', lines: [1] },
  // corner cases
  { name: 'zypper update is fine', dockerfile: 'RUN zypper update -y', lines: [] },
  { name: 'with options', dockerfile: 'RUN zypper --non-interactive dup --no-recommends', lines: [1] },
  { name: 'in a chain, second stage', dockerfile: 'FROM opensuse/leap:15\nRUN true\nFROM opensuse/leap:15\nRUN zypper ref && zypper dup -y', lines: [4] },
  { name: 'lowercase keyword', dockerfile: 'run zypper dup', lines: [1] },
]);
