import type { ShellCommand } from '../types.js';
import { cmdHasArgs, cmdHasPrefixArg, dropFlagArg, getArgsNoFlags, hasArgs, stripInstallPrefix } from './shell.js';

/*
 * Package-manager commands that install packages, read the way hadolint's pinning rules read them
 * (DL3008 apt-get, DL3013 pip, DL3016 npm, DL3018 apk, DL3028 gem, DL3033 yum, DL3037 zypper,
 * DL3041 dnf, DL3062 go), and the version pins each manager understands. Managers hadolint has no
 * rule for (apt, aptitude, tdnf, pacman, yarn, pnpm) are read the same way.
 */

export type Manager =
  | 'apt-get' | 'apt' | 'aptitude' | 'apk' | 'yum' | 'dnf' | 'microdnf' | 'tdnf' | 'zypper' | 'pacman'
  | 'pip' | 'npm' | 'yarn' | 'pnpm' | 'gem' | 'go';

/** The distribution's package managers (system packages, not language libraries). */
export const SYSTEM_MANAGERS: ReadonlySet<Manager> = new Set<Manager>([
  'apt-get', 'apt', 'aptitude', 'apk', 'yum', 'dnf', 'microdnf', 'tdnf', 'zypper', 'pacman',
]);

/** One install: the manager, the verb that installs, and the package words as written (`curl=7.88*`). */
export interface PackageInstall {
  manager: Manager;
  command: ShellCommand;
  /** `install`, `add`, `in`, `-S`…; for pip the command may be `python -m pip install`. */
  verb: string;
  packages: string[];
  /** `yum module install` / `dnf module install`: the packages are modules (`name:stream`). */
  module: boolean;
  /** `dnf group install` (not yum's): the packages are group names. */
  group: boolean;
}

interface Reading {
  verbs: readonly string[];
  /** Flags whose next word is their value, not a package (hadolint's `dropFlagArg` lists). */
  valueFlags: readonly string[];
  /** Words that are never packages besides the verbs (`module` for the rpm managers). */
  notPackages?: readonly string[];
}

const APT: Reading = { verbs: ['install', 'reinstall'], valueFlags: ['t', 'target-release'] };
const RPM: Reading = { verbs: ['install', 'reinstall'], valueFlags: [], notPackages: ['module'] };

/** Managers read alike: `<name> [flags] <verb> [flags] <packages>`. */
const READINGS: Partial<Record<Manager, Reading>> = {
  'apt-get': APT,
  apt: APT,
  aptitude: APT,
  apk: { verbs: ['add'], valueFlags: ['t', 'virtual', 'repository', 'X'] },
  yum: RPM,
  dnf: RPM,
  microdnf: RPM,
  tdnf: RPM,
  zypper: { verbs: ['install', 'in'], valueFlags: [] },
  yarn: { verbs: ['add'], valueFlags: [] },
  pnpm: { verbs: ['add'], valueFlags: [] },
};

/** What a command installs, or null when it is no package install (`packageInstalls` keeps a script's). */
export function packageInstall(command: ShellCommand): PackageInstall | null {
  return readInstall(command);
}

/** What a command installs through the distribution's package manager, or null. */
export function systemPackageInstall(command: ShellCommand): PackageInstall | null {
  const install = packageInstall(command);
  return install && SYSTEM_MANAGERS.has(install.manager) ? install : null;
}

/** A script's installs, read once: all of them, and by manager. */
interface Installs {
  all: readonly PackageInstall[];
  byManager: ReadonlyMap<Manager, readonly PackageInstall[]>;
}

const installLists = new WeakMap<readonly ShellCommand[], Installs>();
const NONE: readonly PackageInstall[] = [];

/** Every install among these commands (a script's, read once per script), in order. */
export function packageInstalls(commands: readonly ShellCommand[], manager?: Manager | readonly Manager[]): readonly PackageInstall[] {
  if (commands.length === 0) return NONE;
  let installs = installLists.get(commands);
  if (installs === undefined) {
    const all: PackageInstall[] = [];
    const byManager = new Map<Manager, PackageInstall[]>();
    for (const command of commands) {
      const install = packageInstall(command);
      if (!install) continue;
      all.push(install);
      const group = byManager.get(install.manager);
      if (group) group.push(install);
      else byManager.set(install.manager, [install]);
    }
    installs = { all, byManager };
    installLists.set(commands, installs);
  }
  if (manager === undefined) return installs.all;
  if (typeof manager === 'string') return installs.byManager.get(manager) ?? NONE;
  if (installs.all.length === 0) return NONE;
  return installs.all.filter((install) => manager.includes(install.manager));
}

function readInstall(command: ShellCommand): PackageInstall | null {
  const name = command.name;
  if (name.startsWith('pip') || name.startsWith('python')) return pipInstall(command);
  switch (name) {
    case 'npm':
      return npmInstall(command);
    case 'gem':
      return gemInstall(command);
    case 'go':
      return goInstall(command);
    case 'pacman':
      return pacmanInstall(command);
  }
  const reading = Object.hasOwn(READINGS, name) ? READINGS[name as Manager] : undefined;
  if (!reading) return null;
  const verb = command.args.find((arg) => reading.verbs.includes(arg));
  if (verb === undefined) return null;
  const skip = [...reading.verbs, ...(reading.notPackages ?? [])];
  const packages = getArgsNoFlags(dropFlagArg(command, reading.valueFlags)).filter((arg) => !skip.includes(arg));
  const module = reading === RPM && command.args.includes('module');
  const group = reading === RPM && name !== 'yum' && command.args.includes('group');
  return { manager: name as Manager, command, verb, packages, module, group };
}

/** pip options whose next word is a value (hadolint DL3013's list). */
const PIP_VALUE_FLAGS = [
  'abi', 'b', 'build', 'e', 'editable', 'extra-index-url', 'f', 'find-links', 'i', 'index-url', 'implementation',
  'no-binary', 'only-binary', 'platform', 'prefix', 'progress-bar', 'proxy', 'python', 'python-version', 'root',
  'root-user-action', 'src', 't', 'target', 'trusted-host', 'upgrade-strategy',
];

/**
 * hadolint's `isPipInstall`: `pip*` (pip3, pipx; not pipenv) with an `install` argument, or
 * `python* -m pip install`. Packages: the words after `install`, flags and their values dropped.
 */
function pipInstall(command: ShellCommand): PackageInstall | null {
  const { name } = command;
  const pip = name.startsWith('pip') && !name.startsWith('pipenv') && command.args.includes('install');
  const module = name.startsWith('python') && hasArgs(command, ['-m', 'pip', 'install']);
  if (!pip && !module) return null;
  const packages = stripInstallPrefix(getArgsNoFlags(dropFlagArg(command, PIP_VALUE_FLAGS)));
  return { manager: 'pip', command, verb: 'install', packages, module: false, group: false };
}

/**
 * `npm install <packages>` as hadolint DL3016 reads it: `install` must be the first word that is no
 * flag (nor the value of `--loglevel`/`--registry`), so `npm run x install` installs nothing.
 */
function npmInstall(command: ShellCommand): PackageInstall | null {
  if (!cmdHasArgs(command, 'npm', ['install'])) return null;
  const words = getArgsNoFlags(dropFlagArg(command, ['loglevel', 'registry']));
  if (words[0] !== 'install') return null;
  return { manager: 'npm', command, verb: 'install', packages: stripInstallPrefix(words), module: false, group: false };
}

/**
 * `gem install` as hadolint DL3028 reads it: a `-v`/`--version` pins every gem, so there is nothing
 * to pin; otherwise every option is dropped with the word after it, up to `--`.
 */
function gemInstall(command: ShellCommand): PackageInstall | null {
  if (!cmdHasArgs(command, 'gem', ['install', 'i'])) return null;
  const pinnedByFlag =
    cmdHasArgs(command, 'gem', ['-v', '--version']) || cmdHasPrefixArg(command, 'gem', '--version=');
  const packages: string[] = [];
  if (!pinnedByFlag) {
    const end = command.args.indexOf('--');
    const args = end === -1 ? command.args : command.args.slice(0, end);
    for (let i = 0; i < args.length; i++) {
      if (args[i]!.startsWith('-')) i++;
      else if (args[i] !== 'install' && args[i] !== 'i') packages.push(args[i]!);
    }
  }
  return { manager: 'gem', command, verb: 'install', packages, module: false, group: false };
}

/**
 * `go install`, `go get` and `go run` as hadolint DL3062 reads them. For `go run` only the first
 * word is the package (the rest are the program's arguments).
 */
function goInstall(command: ShellCommand): PackageInstall | null {
  const words = getArgsNoFlags(command);
  if (cmdHasArgs(command, 'go', ['run'])) {
    return { manager: 'go', command, verb: 'run', packages: words.filter((w, i) => w !== 'run' && i <= 1), module: false, group: false };
  }
  if (!cmdHasArgs(command, 'go', ['install', 'get'])) return null;
  const verb = command.args.find((arg) => arg === 'install' || arg === 'get')!;
  const packages = words.filter((w) => w !== 'install' && w !== 'get' && w !== 'tool');
  return { manager: 'go', command, verb, packages, module: false, group: false };
}

/** `pacman -S…` (sync) installs; `-Ss`, `-Si`, `-Sl`, `-Sg`, `-Sc`, `-Sp` only query or clean. */
function pacmanInstall(command: ShellCommand): PackageInstall | null {
  const sync = command.args.find((a) => /^-S[a-zA-Z]*$/.test(a) && !/[silgcp]/.test(a.slice(2)));
  if (!sync) return null;
  const packages = command.args.filter((a) => !a.startsWith('-'));
  return { manager: 'pacman', command, verb: sync, packages, module: false, group: false };
}

// ---------- version pins (hadolint's `versionFixed` of each rule) ----------

/** apt-get (DL3008): `pkg=1.2*`, a release or path (`pkg/bookworm`), or a `.deb` file. */
export function aptPinned(pkg: string): boolean {
  return pkg.includes('=') || pkg.includes('/') || pkg.endsWith('.deb');
}

/** apk (DL3018): `pkg=1.2-r0`, `pkg~1.2`, `pkg>=1.2`, `pkg<2`, or a local `.apk` file. */
export function apkPinned(pkg: string): boolean {
  return /[=~<>]/.test(pkg) || pkg.endsWith('.apk');
}

/** zypper (DL3037): `pkg=1.2`, `pkg>=1.2`, `pkg<2`…, or a local `.rpm` file. */
export function zypperPinned(pkg: string): boolean {
  return /[=<>]/.test(pkg) || pkg.endsWith('.rpm');
}

/**
 * yum, dnf (DL3033, DL3041): `name-version` where every dash-separated part after the name is made
 * of version characters and one starts with a digit (`openssl-1:1.1.1k`, `gcc-c++-11.2`), or a
 * `.rpm` file. A version from a variable counts when `isDeclared` knows the variable: hadolint
 * reads `$v` as `${v}`, so both forms count.
 */
export function rpmPinned(pkg: string, isDeclared: (name: string) => boolean): boolean {
  const parts = pkg.split('-');
  if (parts.length <= 1) return false;
  if (pkg.endsWith('.rpm')) return true;
  if (pkg.includes('$')) return variablesIn(pkg).some(isDeclared);
  return isVersionLike(parts.slice(1));
}

/** Names referenced as `$name` or `${name}` (hadolint's reading; `${name:-x}` is not one). */
export function variablesIn(word: string): string[] {
  return [...word.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => (m[1] ?? m[2])!);
}

function isVersionLike(parts: string[]): boolean {
  return parts.every((p) => /^[0-9A-Za-z.~^_:+]*$/.test(p)) && parts.some((p) => /^[0-9]/.test(p));
}

/** A yum/dnf module spec names its stream (`nodejs:18`). */
export function modulePinned(spec: string): boolean {
  return spec.includes(':');
}

const VERSION_SYMBOLS = ['==', '>=', '<=', '>', '<', '!=', '~=', '==='];
const VCS_SCHEMES = [
  'git+file', 'git+https', 'git+ssh', 'git+http', 'git+git', 'git', 'hg+file', 'hg+http', 'hg+https', 'hg+ssh',
  'hg+static-http', 'svn', 'svn+svn', 'svn+http', 'svn+https', 'svn+ssh', 'bzr+http', 'bzr+https', 'bzr+ssh',
  'bzr+sftp', 'bzr+ftp', 'bzr+lp',
];

/** pip (DL3013): a version operator, a VCS URL with `@ref`, a `.whl`/`.tar.gz`, or a path or URL. */
export function pipPinned(pkg: string): boolean {
  const vcs = VCS_SCHEMES.some((scheme) => pkg.startsWith(scheme));
  return (
    VERSION_SYMBOLS.some((symbol) => pkg.includes(symbol)) ||
    (vcs && pkg.includes('@')) ||
    pkg.endsWith('.whl') ||
    pkg.endsWith('.tar.gz') ||
    (!vcs && pkg.includes('/'))
  );
}

/** npm (DL3016): `name@version`, a git URL with `#ref`, a tarball or a folder. */
export function npmPinned(pkg: string): boolean {
  if (['git://', 'git+ssh://', 'git+http://', 'git+https://'].some((p) => pkg.startsWith(p))) return pkg.includes('#');
  if (['.tar', '.tar.gz', '.tgz'].some((s) => pkg.endsWith(s))) return true;
  if (['/', './', '../', '~/'].some((p) => pkg.startsWith(p))) return true;
  return withoutScope(pkg).includes('@');
}

/**
 * hadolint drops a leading `@scope` by skipping every character that sorts after `/`
 * (`dropWhile ('/' <)`): letters, digits and `@` go; `/`, `-` and `.` stop it. So `@types@2`
 * (no slash) loses its version too.
 */
function withoutScope(pkg: string): string {
  if (!pkg.startsWith('@')) return pkg;
  let i = 0;
  while (i < pkg.length && pkg[i]! > '/') i++;
  return pkg.slice(i);
}

/** gem (DL3028): `name:version`. */
export function gemPinned(pkg: string): boolean {
  return pkg.includes(':');
}

/** go (DL3062): a local path, or `module@version` other than `@latest` / `@none`. */
export function goPinned(pkg: string): boolean {
  const local = pkg === '.' || pkg.startsWith('/') || pkg.startsWith('.');
  return local || (pkg.includes('@') && !pkg.endsWith('@latest') && !pkg.endsWith('@none'));
}

/**
 * True when a package word names this package: exact, with a version or arch pin (`sudo=1.9`,
 * `sudo:amd64`, `sudo~1`, `sudo>1`, `sudo@edge`), or an RPM-style `name-1.2.3` / `name.x86_64`.
 */
export function namesPackage(word: string, name: string): boolean {
  if (!word.startsWith(name)) return false;
  const rest = word.slice(name.length);
  return rest === '' || /^[=:<>~@/]/.test(rest) || /^-\d/.test(rest) || /^\.(x86_64|aarch64|noarch|i[3-6]86|arm64|armv7hl|ppc64le|s390x)$/.test(rest);
}

/**
 * hadolint's cache-cleaning test (DL3032, DL3036, DL3040): a script passes when it installs
 * nothing, or when its first cleanup command comes after its first install command.
 */
export function cleansAfterInstall(
  commands: readonly ShellCommand[],
  installs: (command: ShellCommand) => boolean,
  cleans: (command: ShellCommand) => boolean,
): boolean {
  const install = commands.findIndex(installs);
  if (install === -1) return true;
  const clean = commands.findIndex(cleans);
  return clean !== -1 && install < clean;
}
