import type { ShellCommand } from '../dockerfile/types.js';
import { argsNoFlags, cmdHasArgs, runRule } from './lib/batch-b.js';

const PINS = ['=', '>=', '>', '<=', '<'];

/** hadolint DL3037: an unpinned `zypper install` installs whatever version is newest today. */
export const DL3037 = runRule(
  'DL3037',
  'warning',
  'Specify version with `zypper install -y <package>=<version>`.',
  (commands) => commands.flatMap(packages).every((p) => PINS.some((pin) => p.includes(pin)) || p.endsWith('.rpm')),
);

function packages(command: ShellCommand): string[] {
  if (!cmdHasArgs(command, 'zypper', ['install', 'in'])) return [];
  return argsNoFlags(command).filter((a) => a !== 'install' && a !== 'in');
}
