import { DL3046 } from '../../src/rules/DL3046.js';
import { describeRule } from './harness.js';

describeRule(DL3046, [
  { name: 'useradd alone', dockerfile: 'RUN useradd luser', lines: [] },
  { name: 'short uid', dockerfile: 'RUN useradd -u 12345 luser', lines: [] },
  { name: 'long uid with -l', dockerfile: 'RUN useradd -l -u 123456 luser', lines: [] },
  { name: 'just -l', dockerfile: 'RUN useradd -l luser', lines: [] },
  { name: 'long uid without -l', dockerfile: 'RUN useradd -u 123456 luser', lines: [1] },
  { name: 'long uid with --no-log-init', dockerfile: 'RUN useradd --no-log-init -u 123456 luser', lines: [] },
  { name: 'combined short flags', dockerfile: 'RUN useradd -mu 123456 luser', lines: [1] },
  { name: 'inside a chain', dockerfile: 'FROM debian:12\nRUN groupadd -g 123456 g && \\\n  useradd -u 123456 -g g luser', lines: [2] },
]);
