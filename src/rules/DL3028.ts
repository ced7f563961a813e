import type { ShellCommand } from '../dockerfile/types.js';
import { cmdHasArgs, runRule } from './lib/batch-b.js';

/** hadolint DL3028: an unpinned `gem install` installs whatever version is newest today. */
export const DL3028 = runRule(
  'DL3028',
  'warning',
  'Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`',
  (commands) => commands.flatMap(gems).every((gem) => gem.includes(':')),
);

/** The gems a command installs, unless a `-v`/`--version` flag pins them all. */
function gems(command: ShellCommand): string[] {
  if (!cmdHasArgs(command, 'gem', ['install', 'i'])) return [];
  if (cmdHasArgs(command, 'gem', ['-v', '--version'])) return [];
  if (command.args.some((a) => a.startsWith('--version='))) return [];
  const beforeDoubleDash = command.args.slice(0, indexOrEnd(command.args, '--'));
  return withoutOptions(beforeDoubleDash).filter((a) => a !== 'install' && a !== 'i');
}

function indexOrEnd(args: string[], word: string): number {
  const index = args.indexOf(word);
  return index === -1 ? args.length : index;
}

/** hadolint drops every option together with the word after it (`--source URL`, but also `--no-document gem`). */
function withoutOptions(args: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i]!.startsWith('-')) i++;
    else kept.push(args[i]!);
  }
  return kept;
}
