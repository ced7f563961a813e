import type { ShellCommand } from '../../../src/dockerfile/types.js';

/** A command from a line split at blanks (no shell quoting), for vocabulary tests. */
export function command(line: string): ShellCommand {
  const [name = '', ...args] = line.split(' ');
  return { name, args, assigns: [] };
}
