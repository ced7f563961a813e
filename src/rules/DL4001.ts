import type { Instruction } from '../dockerfile/types.js';
import { hadolintShell } from './lib/batch-d.js';
import type { Rule, RuleHit } from './rule.js';

/**
 * hadolint DL4001: a stage that downloads with both wget and curl carries two tools for one job.
 * Every RUN that uses either tool once both have been seen in the stage is reported. ONBUILD
 * triggers are checked as a stream of their own (hadolint's `onbuild` wrapper), never reset.
 */
export const DL4001: Rule = {
  code: 'DL4001',
  level: 'warning',
  message: 'Either use Wget or Curl but not both.',
  check(dockerfile) {
    const direct = dockerfile.instructions;
    const triggers = dockerfile.instructions
      .filter((i) => i.keyword === 'ONBUILD' && i.trigger !== null)
      .map((i) => ({ report: i, run: i.trigger! }));
    return [
      ...scan(direct.map((i) => ({ report: i, run: i }))),
      ...scan(triggers),
    ].sort((a, b) => a.line - b.line);
  },
};

function scan(stream: Array<{ report: Instruction; run: Instruction }>): RuleHit[] {
  const hits: RuleHit[] = [];
  let seen = new Set<string>();
  for (const { report, run } of stream) {
    if (run.keyword === 'FROM') {
      seen = new Set();
      continue;
    }
    if (run.keyword !== 'RUN') continue;
    const used = (hadolintShell(report)?.commands ?? [])
      .map((c) => c.name)
      .filter((name) => name === 'curl' || name === 'wget');
    for (const name of used) seen.add(name);
    if (used.length > 0 && seen.size >= 2) hits.push({ line: report.line });
  }
  return hits;
}
