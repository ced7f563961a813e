import { environmentAssignments, executedRuns, type Executed } from '../dockerfile/facts/executed.js';
import { optionFlags } from '../dockerfile/facts/shell.js';
import type { Dockerfile, Instruction, ShellCommand } from '../dockerfile/types.js';
import { joinReasons, withOnbuild, type Rule, type RuleHit } from './rule.js';

/**
 * PL2002: a build that skips TLS or package-signature checks installs whatever a network attacker
 * (or a compromised mirror) serves. Commands are read from every RUN (nested `sh -c` scripts
 * included); environment switches from ENV, ARG (its default reaches every later RUN) and shell
 * assignments. One finding per instruction names every switch found.
 */
export const PL2002: Rule = {
  code: 'PL2002', level: 'error', message: 'TLS or package-signature verification is switched off',
  check: (dockerfile, context) => [...withOnbuild(environmentSwitches)(dockerfile, context), ...scriptSwitches(dockerfile)],
};

/** ENV and ARG values that switch a check off (its default reaches every later RUN). */
function environmentSwitches(instructions: readonly Instruction[]): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
    const reasons = instruction.pairs.flatMap((pair) => (pair.value === null ? [] : envReasons(pair.key, pair.value)));
    if (reasons.length > 0) hits.push({ line: instruction.line, message: joinReasons(reasons) });
  }
  return hits;
}

function scriptSwitches(dockerfile: Dockerfile): RuleHit[] {
  return executedRuns(dockerfile).flatMap((run) => {
    const reasons = scriptReasons(run);
    return reasons.length > 0 ? [{ line: run.instruction.line, message: joinReasons(reasons) }] : [];
  });
}

const TLS = 'TLS certificate verification';
const SIGNATURES = 'package signature verification';

function off(what: string, kind: string): string {
  return `\`${what}\` switches off ${kind}`;
}

// ---------- environment variables ----------

interface EnvSwitch {
  name: string;
  /** npm reads its config from the environment case-insensitively. */
  anyCase?: boolean;
  disables(value: string): boolean;
  kind: string;
}

const ENV_SWITCHES: EnvSwitch[] = [
  { name: 'NODE_TLS_REJECT_UNAUTHORIZED', disables: (v) => v.trim() === '0', kind: TLS },
  // git only asks whether the variable is set: `GIT_SSL_NO_VERIFY=false` switches checks off too.
  { name: 'GIT_SSL_NO_VERIFY', disables: (v) => v !== '', kind: TLS },
  { name: 'PYTHONHTTPSVERIFY', disables: (v) => v.trim() === '0', kind: TLS },
  { name: 'NPM_CONFIG_STRICT_SSL', anyCase: true, disables: (v) => /^false$/i.test(v.trim()), kind: TLS },
  { name: 'YARN_ENABLE_STRICT_SSL', disables: (v) => /^(false|0)$/i.test(v.trim()), kind: TLS },
  { name: 'PIP_TRUSTED_HOST', disables: (v) => v.trim() !== '', kind: TLS },
  { name: 'CONDA_SSL_VERIFY', disables: (v) => /^(false|no|0)$/i.test(v.trim()), kind: TLS },
  { name: 'GOINSECURE', disables: (v) => v.trim() !== '', kind: TLS },
  { name: 'GOFLAGS', disables: (v) => /(^|\s)-insecure\b/.test(v), kind: TLS },
];

/** A value that refers to another variable is not a literal switch (`ENV X=$X`). */
const REFERENCE = /\$(\{|[A-Za-z_])|%[A-Za-z_][A-Za-z0-9_]*%/;

function envReasons(name: string, value: string): string[] {
  if (REFERENCE.test(value)) return [];
  return ENV_SWITCHES.filter((s) => (s.anyCase ? s.name.toLowerCase() === name.toLowerCase() : s.name === name))
    .filter((s) => s.disables(value))
    .map((s) => off(`${name}=${value}`, s.kind));
}

// ---------- commands ----------

function scriptReasons(script: Executed): string[] {
  const reasons: string[] = [];
  for (const command of script.commands) reasons.push(...flagReasons(command), ...textReasons(command));
  for (const assigned of environmentAssignments(script)) reasons.push(...envReasons(assigned.name, assigned.value));
  return reasons;
}

/** Options that switch verification off, per command. */
const FLAG_SWITCHES: Record<string, Array<{ flag: string; kind: string }>> = {
  curl: [
    { flag: 'k', kind: TLS },
    { flag: 'insecure', kind: TLS },
    { flag: 'proxy-insecure', kind: TLS },
  ],
  wget: [{ flag: 'no-check-certificate', kind: TLS }],
  'apt-get': aptFlags(),
  apt: aptFlags(),
  aptitude: aptFlags(),
  apk: [{ flag: 'allow-untrusted', kind: SIGNATURES }],
  yum: rpmManagerFlags(),
  dnf: rpmManagerFlags(),
  microdnf: rpmManagerFlags(),
  tdnf: rpmManagerFlags(),
  zypper: [
    { flag: 'no-gpg-checks', kind: SIGNATURES },
    { flag: 'no-gpg-check', kind: SIGNATURES },
  ],
  rpm: [
    { flag: 'nosignature', kind: SIGNATURES },
    { flag: 'nodigest', kind: SIGNATURES },
  ],
  dpkg: [{ flag: 'force-bad-verify', kind: SIGNATURES }],
};

function aptFlags() {
  return [
    { flag: 'allow-unauthenticated', kind: SIGNATURES },
    { flag: 'allow-insecure-repositories', kind: SIGNATURES },
    // --force-yes implies --allow-unauthenticated (and more); apt deprecated it for that reason.
    { flag: 'force-yes', kind: SIGNATURES },
  ];
}

function rpmManagerFlags() {
  return [
    { flag: 'nogpgcheck', kind: SIGNATURES },
    { flag: 'no-gpgchecks', kind: SIGNATURES },
  ];
}

function flagReasons(command: ShellCommand): string[] {
  const reasons: string[] = [];
  // `apk index --allow-untrusted` builds an index of local packages; it installs nothing
  const apkIndex = command.name === 'apk' && command.args.includes('index');
  const switches = !apkIndex && Object.hasOwn(FLAG_SWITCHES, command.name) ? FLAG_SWITCHES[command.name]! : [];
  if (switches.length > 0) {
    const flags = optionFlags(command);
    for (const { flag, kind } of switches) {
      if (flags.includes(flag)) reasons.push(off(`${command.name} ${flag.length === 1 ? '-' : '--'}${flag}`, kind));
    }
  }
  // Options several tools share (pip and its wrappers, helm/kubectl/oc, podman/buildah/skopeo, npm/yarn/pnpm, go).
  for (const arg of command.args) {
    if (arg === '--') break;
    if (!arg.startsWith('-')) continue;
    if (/^--trusted-host(=|$)/.test(arg)) reasons.push(off(`${command.name} --trusted-host`, TLS));
    if (/^--insecure-skip-tls-verify(=true)?$/.test(arg)) reasons.push(off(`${command.name} ${arg}`, TLS));
    if (/^--(src-|dest-)?tls-verify=false$/.test(arg)) reasons.push(off(`${command.name} ${arg}`, TLS));
    if (/^--(strict-ssl=false|no-strict-ssl)$/.test(arg)) reasons.push(off(`${command.name} ${arg}`, TLS));
    if (command.name === 'go' && arg === '-insecure') reasons.push(off('go -insecure', TLS));
  }
  return reasons;
}

/**
 * Settings written as words: `git config http.sslVerify false`, `npm config set strict-ssl false`,
 * `--setopt=gpgcheck=0`, or configuration text echoed into a file (`deb [trusted=yes] …`,
 * `APT::Get::AllowUnauthenticated "true";`, `gpgcheck=0` in a .repo file).
 */
const TEXT_SWITCHES: Array<{ pattern: RegExp; kind: string }> = [
  { pattern: /APT::Get::AllowUnauthenticated\s*[= ]\s*"?(?:true|yes|1|on)\b/i, kind: SIGNATURES },
  { pattern: /Acquire::AllowInsecureRepositories\s*[= ]\s*"?(?:true|yes|1|on)\b/i, kind: SIGNATURES },
  { pattern: /Acquire::AllowDowngradeToInsecureRepositories\s*[= ]\s*"?(?:true|yes|1|on)\b/i, kind: SIGNATURES },
  { pattern: /Acquire::https?(?:::[^:\s]+)?::Verify-(?:Peer|Host)\s*[= ]\s*"?(?:false|no|0|off)\b/i, kind: TLS },
  // a `file:` or `copy:` repository holds packages this build made itself: nothing is downloaded
  { pattern: /\[[^\]]*\btrusted=yes\b[^\]]*\](?!\s*(?:file|copy):)/, kind: SIGNATURES },
  { pattern: /(?<![\w-])gpgcheck\s*=\s*(?:0|false|no|off)\b/i, kind: SIGNATURES },
  { pattern: /(?<![\w-])(?<!http\.\S*)sslverify\s*=\s*(?:0|false|no|off)\b/i, kind: TLS },
  { pattern: /\bhttps?\.(?:\S+\.)?sslVerify(?:\s*=\s*|\s+)"?(?:false|no|0|off)\b/i, kind: TLS },
  { pattern: /(?<![\w-])strict-ssl(?:\s*=\s*|\s+)"?false\b/i, kind: TLS },
  { pattern: /\benableStrictSsl(?:\s*[=:]\s*|\s+)"?false\b/, kind: TLS },
  { pattern: /\bcheck_certificate\s*=\s*off\b/i, kind: TLS },
  { pattern: /\bSigLevel\s*=\s*(?:Never\b|[^\n]*\bTrustAll\b)/, kind: SIGNATURES },
  { pattern: /\bssl_verify(?:\s*[=:]\s*|\s+)"?(?:false|no|0)\b/i, kind: TLS },
  { pattern: /\bsecure-http(?:\s*[=:]\s*|\s+)"?false\b/, kind: TLS },
  { pattern: /\bdisable-tls(?:\s*[=:]\s*|\s+)"?true\b/, kind: TLS },
  { pattern: /\b(?:global|install|download)\.trusted-host\b/, kind: TLS },
];

/** Cheap test run first: most commands mention none of these words. */
const TEXT_HINT = /AllowUnauthenticated|AllowInsecure|AllowDowngrade|Verify-|trusted|gpgcheck|sslverify|strict-?ssl|check_certificate|SigLevel|ssl_verify|secure-http|disable-tls/i;

function textReasons(command: ShellCommand): string[] {
  if (!command.args.some((arg) => TEXT_HINT.test(arg))) return [];
  // printf/echo -e escapes stand for the line breaks they write
  const words = command.name === 'sed' ? sedWrittenText(command.args) : command.args.join(' ');
  const text = words.replace(/\\[nt]/g, '\n');
  return TEXT_SWITCHES.flatMap(({ pattern, kind }) => {
    const match = pattern.exec(text);
    return match ? [off(match[0].replace(/\s+/g, ' '), kind)] : [];
  });
}

/**
 * What a sed script writes: the replacement of `s/…/…/` and the text of `a`, `i`, `c`. A pattern
 * that matches a bad setting (`s/gpgcheck=0/gpgcheck=1/`, `/sslverify=0/d`) fixes it, not breaks it.
 */
function sedWrittenText(args: readonly string[]): string {
  const written: string[] = [];
  for (const arg of args) {
    for (const match of arg.matchAll(/s(.)((?:\\.|(?!\1).)*)\1((?:\\.|(?!\1).)*)\1/g)) written.push(match[3]!);
    for (const match of arg.matchAll(/(?:^|[;\n])\s*(?:\d+|\$|\/[^/]*\/)?\s*[aic]\\?\s*([^;\n]*)/g)) written.push(match[1]!);
  }
  return written.join(' ');
}
