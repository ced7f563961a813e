import { processWord } from '../../dockerfile/facts/buildkit-words.js';
import { walkStages } from '../../dockerfile/facts/buildkit-stages.js';
import type { BuildFacts } from '../../dockerfile/build-facts.js';
import type { Dockerfile, Instruction } from '../../dockerfile/types.js';

/** One port of an EXPOSE as BuildKit splits it (`[ip:][hostPort:]containerPort[/proto]`). */
export interface ExposedPort {
  instruction: Instruction;
  /** The port as written, after its variables expand. */
  raw: string;
  proto: string;
  ip: string;
  hostPort: string;
}

/**
 * The ports of every EXPOSE, read as BuildKit's `parsePorts` reads them for its checks: each word
 * expanded and split, then parsed in order; the first port BuildKit refuses (no port, an unknown
 * protocol) ends the instruction, as the build fails there.
 */
export function exposedPorts(dockerfile: Dockerfile, build: BuildFacts | undefined): readonly ExposedPort[] {
  const cached = read.get(dockerfile);
  if (cached !== undefined && cached.build === build) return cached.ports;
  const ports = dockerfile.instructions.some((i) => i.keyword === 'EXPOSE') ? readPorts(dockerfile, build) : [];
  read.set(dockerfile, { build, ports });
  return ports;
}

/** Both EXPOSE checks read the same ports: read once per file. */
const read = new WeakMap<Dockerfile, { build: BuildFacts | undefined; ports: readonly ExposedPort[] }>();

function readPorts(dockerfile: Dockerfile, build: BuildFacts | undefined): ExposedPort[] {
  const ports: ExposedPort[] = [];
  walkStages(dockerfile, build, (instruction, state) => {
    if (instruction.keyword !== 'EXPOSE') return;
    const raws = instruction.words.flatMap((word) => processWord(word.value, state.env, { escape: dockerfile.escape }).words);
    for (const raw of raws) {
      const parts = raw.split(':');
      const n = parts.length;
      const ip = n >= 3 ? parts.slice(0, n - 2).join(':') : '';
      const hostPort = n >= 2 ? parts[n - 2]! : '';
      const container = parts[n - 1]!;
      const slash = container.indexOf('/');
      const port = slash === -1 ? container : container.slice(0, slash);
      const proto = slash === -1 ? '' : container.slice(slash + 1);
      if (port === '' || !['', 'tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) return;
      ports.push({ instruction, raw, proto: proto === '' ? 'tcp' : proto, ip, hostPort });
      if (!validAfterChecks(ip, hostPort, port)) return;
    }
  });
  return ports;
}

/** What BuildKit checks after its lint of a port; a failure ends the instruction. */
function validAfterChecks(ip: string, hostPort: string, port: string): boolean {
  const address = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (ip !== '' && !/^[\d.]+$|^[0-9a-fA-F:.]+$/.test(address)) return false;
  return range(port) && (hostPort === '' || range(hostPort));
}

function range(text: string): boolean {
  const [start, end] = text.split('-', 2) as [string, string | undefined];
  const number = (n: string) => /^[+-]?\d+$/.test(n) && Number(n) >= 0 && Number(n) <= 65535;
  return number(start) && (end === undefined || end === start || (number(end) && Number(end) >= Number(start)));
}
