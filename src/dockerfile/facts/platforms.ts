/*
 * Platform specifiers (`linux/amd64`, `linux/arm/v7`, `windows(10.0.17763)/amd64`) as BuildKit reads
 * them (containerd/platforms `Parse`, `Normalize`, `FormatAll`), for the FROM --platform checks.
 * A bare OS or architecture takes the rest from the host BuildKit runs on: here linux/amd64.
 */

export interface Platform {
  os: string;
  architecture: string;
  variant: string;
  osVersion: string;
}

const KNOWN_OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'windows', 'zos']);
const KNOWN_ARCH = new Set(['386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm']);
const OS_PART = /^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.%-]*)((?:\+[A-Za-z0-9_.%-]+)*)\))?$/;
const PART = /^[A-Za-z0-9_.-]+$/;
const HOST = { os: 'linux', architecture: 'amd64' };

function normalizeOS(os: string): string {
  const lower = os.toLowerCase();
  return lower === 'macos' ? 'darwin' : lower;
}

function normalizeArch(architecture: string, variant: string): [string, string] {
  const arch = architecture.toLowerCase();
  const v = variant.toLowerCase();
  switch (arch) {
    case 'i386':
      return ['386', ''];
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      return ['amd64', v === 'v1' ? '' : v];
    case 'aarch64':
    case 'arm64':
      return ['arm64', v === '8' || v === 'v8' || v === 'v8.0' ? '' : v === '9' || v === '9.0' || v === 'v9.0' ? 'v9' : v];
    case 'armhf':
      return ['arm', 'v7'];
    case 'armel':
      return ['arm', 'v6'];
    case 'arm':
      return ['arm', v === '' || v === '7' ? 'v7' : v === '5' || v === '6' || v === '8' ? `v${v}` : v];
    default:
      return [arch, v];
  }
}

/** containerd's `platforms.Parse`; null where it returns an error. */
export function parsePlatform(specifier: string): Platform | null {
  if (specifier.includes('*')) return null;
  const parts = specifier.split('/');
  if (parts.length > 3) return null;
  const os = OS_PART.exec(parts[0]!);
  if (os === null || !parts.slice(1).every((part) => PART.test(part))) return null;
  const platform: Platform = { os: normalizeOS(os[1]!), architecture: '', variant: '', osVersion: decodeURIComponent(os[2] ?? '') };
  if (parts.length === 1) {
    if (KNOWN_OS.has(platform.os)) return { ...platform, architecture: HOST.architecture };
    const [architecture, variant] = normalizeArch(parts[0]!, '');
    return KNOWN_ARCH.has(architecture) ? { ...platform, os: HOST.os, architecture, variant: architecture === 'arm' && variant === 'v7' ? '' : variant } : null;
  }
  if (parts.length === 2) {
    const [architecture, variant] = normalizeArch(parts[1]!, '');
    return { ...platform, architecture, variant: architecture === 'arm' && variant === 'v7' ? '' : variant };
  }
  const [architecture, variant] = normalizeArch(parts[1]!, parts[2]!);
  return { ...platform, architecture, variant: architecture === 'arm64' && variant === '' ? 'v8' : variant };
}

/** containerd's `FormatAll` of a normalised platform: `linux/arm/v7`, `windows(10.0.17763)/amd64`. */
export function formatPlatform(platform: Pick<Platform, 'os' | 'architecture'> & Partial<Platform>): string {
  if (platform.os === '') return 'unknown';
  const [architecture, variant] = normalizeArch(platform.architecture, platform.variant ?? '');
  const os = platform.osVersion ? `${platform.os}(${platform.osVersion})` : platform.os;
  return [os, architecture, variant].filter((part) => part !== '').join('/');
}
