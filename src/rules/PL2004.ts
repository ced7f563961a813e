import { executedRuns, type Executed } from '../dockerfile/facts/executed.js';
import { namesPackage, SYSTEM_MANAGERS, systemPackageInstall } from '../dockerfile/facts/packages.js';
import { optionFlags } from '../dockerfile/facts/shell.js';
import type { Instruction, ShellCommand } from '../dockerfile/types.js';
import { joinReasons, type Rule, type RuleHit } from './rule.js';

/**
 * PL2004: changes to who may become root, how users log in, or which files anyone may write, are
 * decisions for the ops team, not side effects of a build. Reported once per instruction, naming
 * every change found: writes to sudoers, passwd/shadow/group, PAM or sshd config (by redirection,
 * tee, sed -i, cp, COPY…), world-writable chmod, setuid/setgid bits, setcap, installing sudo or
 * doas, adding users to admin groups, removing or setting passwords.
 */
export const PL2004: Rule = {
  code: 'PL2004', level: 'warning', message: 'The OS security configuration is changed',
  check(dockerfile) {
    const hits: RuleHit[] = [];
    for (const script of executedRuns(dockerfile)) {
      const reasons = scriptReasons(script);
      if (reasons.length > 0) hits.push({ line: script.instruction.line, message: describe(reasons) });
    }
    for (const instruction of dockerfile.instructions) {
      const reason = copyReason(instruction);
      if (reason) hits.push({ line: instruction.line, message: describe([reason]) });
    }
    return hits.sort((a, b) => a.line - b.line);
  },
};

function describe(reasons: string[]): string {
  return `OS security configuration changed: ${joinReasons(reasons)}; ask the ops team to review it`;
}

/** Files that decide who is who and who may do what. */
const SECURITY_FILE =
  /^\/etc\/(?:sudoers(?:\.d(?:\/.*)?)?|passwd|shadow|group|gshadow|pam\.d(?:\/.*)?|ssh\/sshd_config(?:\.d(?:\/.*)?)?)\/?$/;

function isSecurityFile(path: string): boolean {
  return SECURITY_FILE.test(path.replace(/\/{2,}/g, '/'));
}

/** Redirections that write a file. */
const WRITES = new Set(['>', '>>', '>|', '&>', '&>>']);

function scriptReasons(script: Executed): string[] {
  const reasons: string[] = [];
  for (const { operator, target } of script.redirects) {
    if (WRITES.has(operator) && isSecurityFile(target)) reasons.push(`writes ${target}`);
  }
  for (const command of script.commands) reasons.push(...commandReasons(command));
  return reasons;
}

/** Commands that write or change the files they name. */
const EDITORS = new Set(['tee', 'sed', 'perl', 'truncate', 'chmod', 'chown', 'chgrp', 'visudo', 'vipw', 'ed', 'ex']);
/** Commands whose last operand is where they write. */
const COPIERS = new Set(['cp', 'mv', 'install', 'ln', 'rsync', 'dd']);
const ADMIN_GROUPS = new Set(['sudo', 'wheel', 'admin', 'sudoers']);

/** Every command some check below looks at; the rest change nothing this rule reports. */
const LOOKED_AT = new Set([
  ...EDITORS, ...COPIERS, ...SYSTEM_MANAGERS, 'setcap', 'usermod', 'useradd', 'adduser', 'addgroup', 'gpasswd', 'passwd', 'chpasswd',
]);

function commandReasons(command: ShellCommand): string[] {
  const name = command.name;
  if (!LOOKED_AT.has(name)) return [];
  const reasons: string[] = [];
  const operands = command.args.filter((a) => !a.startsWith('-'));

  if (EDITORS.has(name) && (name !== 'sed' || isInPlace(command)) && (name !== 'perl' || isInPlace(command))) {
    for (const path of operands) if (isSecurityFile(path)) reasons.push(`${verb(name)} ${path}`);
  }
  if (COPIERS.has(name)) {
    const target = name === 'dd' ? command.args.find((a) => a.startsWith('of='))?.slice(3) : operands[operands.length - 1];
    if (target && operands.length >= (name === 'dd' ? 0 : 2) && isSecurityFile(target)) reasons.push(`writes ${target}`);
  }
  if (name === 'chmod') reasons.push(...chmodReasons(command));
  if (name === 'setcap' && !command.args.some((a) => a === '-r' || a === '-v')) {
    reasons.push('grants file capabilities with `setcap`');
  }
  const install = systemPackageInstall(command);
  for (const pkg of ['sudo', 'doas']) {
    if (install?.packages.some((word) => namesPackage(word, pkg))) reasons.push(`installs ${pkg} (\`${command.name} ${install.verb}\`)`);
  }
  reasons.push(...accountReasons(command, operands));
  return reasons;
}

/** `sed -i`, `sed --in-place`, `sed -i.bak`, `perl -pi -e`. */
function isInPlace(command: ShellCommand): boolean {
  return command.args.some((a) => /^-[A-Za-z]*i/.test(a) || a.startsWith('--in-place'));
}

function verb(name: string): string {
  return ['chmod', 'chown', 'chgrp'].includes(name) ? `changes permissions of` : 'edits';
}

// ---------- chmod ----------

function chmodReasons(command: ShellCommand): string[] {
  const mode = command.args.find((a) => !a.startsWith('-') || /^-[rwxXst]+$/.test(a));
  if (mode === undefined) return [];
  const reasons: string[] = [];
  if (/^[0-7]{1,5}$/.test(mode)) {
    const digits = mode.padStart(4, '0').slice(-4);
    const special = Number(digits[0]);
    const others = Number(digits[3]);
    if (special & 4) reasons.push(`sets the setuid bit (\`chmod ${mode}\`)`);
    if (special & 2) reasons.push(`sets the setgid bit (\`chmod ${mode}\`)`);
    // a sticky world-writable directory (1777, like /tmp) is the safe way to share one
    if (others & 2 && !(special & 1)) reasons.push(`makes files world-writable (\`chmod ${mode}\`)`);
    return reasons;
  }
  for (const clause of mode.split(',')) {
    const match = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!match || match[2] === '-') continue;
    const [, who = '', , perms = ''] = match;
    const all = who === '' || who.includes('a');
    if (perms.includes('s') && (all || who.includes('u'))) reasons.push(`sets the setuid bit (\`chmod ${mode}\`)`);
    if (perms.includes('s') && (all || who.includes('g'))) reasons.push(`sets the setgid bit (\`chmod ${mode}\`)`);
    // `+w` without who follows the umask (owner only, usually); `a+w`, `o+w`, `o=rwx` do not
    if (perms.includes('w') && (who.includes('a') || who.includes('o')) && !perms.includes('t')) {
      reasons.push(`makes files world-writable (\`chmod ${mode}\`)`);
    }
  }
  return reasons;
}

// ---------- accounts ----------

function accountReasons(command: ShellCommand, operands: string[]): string[] {
  const name = command.name;
  const reasons: string[] = [];
  const groupsOf = (flags: string[]) => {
    const groups: string[] = [];
    const args = command.args;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      const long = /^--(?:groups|ingroup|gid)=(.*)$/.exec(arg);
      if (long) groups.push(...long[1]!.split(','));
      else if (['--groups', '--ingroup', '--gid'].includes(arg)) groups.push(...(args[i + 1] ?? '').split(','));
      else if (/^-[A-Za-z]+$/.test(arg) && flags.some((f) => arg.endsWith(f))) groups.push(...(args[i + 1] ?? '').split(','));
      else if (/^-G.+/.test(arg)) groups.push(...arg.slice(2).split(','));
    }
    return groups;
  };
  if (name === 'usermod' || name === 'useradd' || name === 'adduser') {
    // -G: supplementary groups; busybox adduser -G and -g/--gid name the primary group
    const admin = groupsOf(['G', 'g']).find((g) => ADMIN_GROUPS.has(g));
    if (admin) reasons.push(`adds a user to the ${admin} group (\`${name}\`)`);
    if (name === 'usermod' && optionFlags(command).some((f) => f === 'p' || f === 'password')) {
      reasons.push('sets a password hash (`usermod -p`)');
    }
  }
  if (name === 'gpasswd' && optionFlags(command).some((f) => f === 'a' || f === 'add')) {
    const admin = operands.find((g) => ADMIN_GROUPS.has(g));
    if (admin) reasons.push(`adds a user to the ${admin} group (\`gpasswd\`)`);
  }
  // Debian `adduser USER GROUP` and busybox `addgroup USER GROUP` add an existing user to a group.
  if ((name === 'adduser' || name === 'addgroup') && operands.length === 2 && ADMIN_GROUPS.has(operands[1]!)) {
    reasons.push(`adds a user to the ${operands[1]} group (\`${name}\`)`);
  }
  if (name === 'passwd' && optionFlags(command).some((f) => f === 'd' || f === 'delete')) {
    reasons.push('removes a password (`passwd -d`)');
  }
  if (name === 'chpasswd') reasons.push('sets passwords (`chpasswd`)');
  return reasons;
}

// ---------- COPY / ADD ----------

/** `COPY sudoers /etc/sudoers.d/app` replaces security configuration as surely as a RUN does. */
function copyReason(instruction: Instruction): string | null {
  const target = instruction.keyword === 'ONBUILD' ? instruction.trigger : instruction;
  if (target?.keyword !== 'COPY' && target?.keyword !== 'ADD') return null;
  const words = target.json ?? target.words.map((w) => w.value);
  const destination = words[words.length - 1];
  if (words.length < 2 || destination === undefined || !isSecurityFile(destination.replace(/^["']|["']$/g, ''))) return null;
  return `${target.keyword} writes ${destination}`;
}
