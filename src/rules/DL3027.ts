import { runRule } from './lib/batch-b.js';

/** hadolint DL3027: `apt` is an interactive front end whose CLI output and behaviour may change. */
export const DL3027 = runRule(
  'DL3027',
  'warning',
  'Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead',
  (commands) => !commands.some((c) => c.name === 'apt'),
);
