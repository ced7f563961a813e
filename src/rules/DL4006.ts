import { basename } from '../dockerfile/facts/executed.js';
import { hasPipes } from '../dockerfile/facts/scripts.js';
import { parseShell } from '../dockerfile/shell.js';
import type { Instruction } from '../dockerfile/types.js';
import { customRule, over, type Rule } from './rule.js';

/**
 * hadolint DL4006: without `-o pipefail` a pipe hides the failure of every command but the last
 * (`wget … | tar x` "succeeds" on a 404). A SHELL with pipefail, or a non-POSIX SHELL (PowerShell,
 * cmd), keeps the rule quiet until the next FROM or SHELL.
 */
export const DL4006: Rule = {
  code: 'DL4006', level: 'warning',
  message:
    'Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check',
  check: over(
    customRule(
      () => ({ safe: false }),
      (shell, instruction) => {
        if (instruction.keyword === 'FROM') shell.safe = false;
        else if (instruction.keyword === 'SHELL') shell.safe = isNonPosix(instruction) || setsPipefail(instruction);
        return instruction.keyword === 'RUN' && !shell.safe && hasPipes(instruction);
      },
    ),
  ),
};

/** The SHELL's words as one line, as hadolint reads them. */
function shellLine(instruction: Instruction): string {
  return instruction.json ? instruction.json.join(' ') : instruction.argsText;
}

/**
 * PowerShell and cmd have no pipefail to set. hadolint compares the start of the SHELL line; a full
 * Windows path (`C:\…\powershell.exe`) is recognised here too.
 */
function isNonPosix(instruction: Instruction): boolean {
  const program = basename(shellLine(instruction).trim().split(/\s+/)[0] ?? '').toLowerCase();
  return /^(pwsh|powershell|cmd)(\.exe)?$/.test(program);
}

/** `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (also `-eo pipefail`, zsh, ash; not plain sh). */
function setsPipefail(instruction: Instruction): boolean {
  return parseShell(shellLine(instruction)).commands.some(
    (command) =>
      ['bash', 'zsh', 'ash'].includes(basename(command.name)) &&
      command.args.some((arg) => /^-[A-Za-z]*o[A-Za-z]*$/.test(arg)) &&
      command.args.includes('pipefail'),
  );
}
