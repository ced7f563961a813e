import { presentCommands } from '../dockerfile/facts/scripts.js';
import type { Instruction } from '../dockerfile/types.js';
import { customRule, withOnbuild, type Rule } from './rule.js';

/**
 * hadolint DL4001: a stage that downloads with both wget and curl carries two tools for one job.
 * Every RUN that uses either tool once both have been seen in the stage is reported. ONBUILD
 * triggers are checked as a stream of their own (hadolint's `onbuild` wrapper), never reset.
 */
export const DL4001: Rule = {
  code: 'DL4001', level: 'warning', message: 'Either use Wget or Curl but not both',
  check: withOnbuild(customRule(() => new Set<string>(), usesSecondDownloader)),
};

/** A RUN using curl or wget once the stage has used both; `used` holds the tools seen in the stage. */
function usesSecondDownloader(used: Set<string>, instruction: Instruction): boolean {
  if (instruction.keyword === 'FROM') used.clear();
  const downloads = presentCommands(instruction).filter((c) => c.name === 'curl' || c.name === 'wget');
  for (const command of downloads) used.add(command.name);
  return downloads.length > 0 && used.size >= 2;
}
