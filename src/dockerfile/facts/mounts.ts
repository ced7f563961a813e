import type { Instruction } from '../types.js';
import { dropQuotes } from './shell.js';

/** One `RUN --mount=...` flag, read once per RUN. */
export interface RunMount {
  /** `bind` when not written (BuildKit's default). */
  type: string;
  /** `target`, `dst` or `destination`; null when absent. */
  target: string | null;
  /** The stage or image a bind or cache mount reads from; null when absent. */
  from: string | null;
  /** Every option, keys lower-cased (BuildKit reads them so), values unquoted; `readonly` gives `''`. */
  options: ReadonlyMap<string, string>;
}

const mounts = new WeakMap<Instruction, readonly RunMount[]>();
const NO_MOUNTS: readonly RunMount[] = [];

/** The `--mount` flags of a RUN, in order (none for other instructions). */
export function runMounts(run: Instruction): readonly RunMount[] {
  if (run.flags.length === 0) return NO_MOUNTS;
  let found = mounts.get(run);
  if (found === undefined) {
    found = run.flags.filter((f) => f.name === 'mount' && f.value !== null).map((f) => readMount(f.value!));
    mounts.set(run, found);
  }
  return found;
}

function readMount(value: string): RunMount {
  const options = new Map<string, string>();
  for (const part of dropQuotes(value).split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) options.set(part.trim().toLowerCase(), '');
    else options.set(part.slice(0, eq).trim().toLowerCase(), dropQuotes(part.slice(eq + 1).trim()));
  }
  return {
    type: options.get('type') ?? 'bind',
    target: options.get('target') ?? options.get('dst') ?? options.get('destination') ?? null,
    from: options.get('from') ?? null,
    options,
  };
}

/** hadolint's `hasCacheOrTmpfsMountWith`: a cache or tmpfs mount whose target contains `fragment`. */
export function hasCacheOrTmpfsMountWith(run: Instruction, fragment: string): boolean {
  return runMounts(run).some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== null && m.target.includes(fragment));
}

/** A RUN's flags in a form where equal flags compare equal (mount options in any order). */
export function runFlagsKey(run: Instruction): string {
  const mountKeys = runMounts(run).map((m) => `mount=${[...m.options].map(([k, v]) => `${k}=${v}`).sort().join(',')}`);
  const others = run.flags.filter((f) => f.name !== 'mount' || f.value === null).map((f) => `${f.name}=${f.value ?? ''}`);
  return [...mountKeys, ...others].sort().join(' ');
}
