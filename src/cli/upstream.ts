import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { unifiedDiff } from '../bump/diff.js';
import { editPolicyText } from '../upstream/edit.js';
import { watchedImages, watchUpstream } from '../upstream/watch.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parse, UsageError, type CliIO } from './io.js';
import { loadPolicyFile } from './policy-file.js';
import { registryClientFor } from './registry.js';

/** `plimsoll upstream` (SPEC §9). */

export const UPSTREAM_USAGE = `Usage: plimsoll upstream --policy FILE [--write]

Asks the registry of every whitelisted image that lists versions for newer tags (per release line
within the image's update scope, in a listed variant, not banned), and prints the policy with those
versions added (and, where the image pins digests, each new tag's digest, and new digests for
pinned tags that moved upstream) as a unified diff. --write saves the policy; comments and
formatting are kept.

Registries: PLIMSOLL_REGISTRY_ENDPOINTS=docker.io=https://mirror.example,... points a registry
elsewhere; credentials come from PLIMSOLL_REGISTRY_AUTH (JSON) or the Docker config.json that
PLIMSOLL_DOCKER_CONFIG / DOCKER_CONFIG names. Without them, registries are read anonymously.

Exit status: 0 nothing new (or written with --write), 1 proposals shown, 2 bad usage, an invalid
policy, or a registry that cannot be read (named on stderr).
`;

const UPSTREAM_OPTIONS = {
  policy: { type: 'string' },
  write: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export async function upstreamCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, UPSTREAM_OPTIONS, 'upstream');
  if (values.help) {
    io.stdout.write(UPSTREAM_USAGE);
    return EXIT_OK;
  }
  if (values.policy === undefined) throw new UsageError(`--policy FILE is required\n${UPSTREAM_USAGE}`);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"\n${UPSTREAM_USAGE}`);
  const path = values.policy;
  const read = await loadPolicyFile(path, io);

  const client = registryClientFor(io);
  const result = await watchUpstream(read.policy, client);
  for (const problem of result.problems) io.stderr.write(`plimsoll: ${problem.image}: ${problem.message}\n`);

  const edited = editPolicyText(read.text, result.changes);
  if (!edited.ok) {
    io.stderr.write(`plimsoll: ${path}: ${edited.problem}\n`);
    return EXIT_USAGE;
  }
  const watched = watchedImages(read.policy).length;
  const note = `plimsoll: ${watched} ${watched === 1 ? 'image' : 'images'} watched, ${client.requests} registry requests`;
  if (edited.text === read.text) {
    io.stderr.write(`${note}; nothing new\n`);
    return result.problems.length > 0 ? EXIT_USAGE : EXIT_OK;
  }
  io.stdout.write(unifiedDiff(path, read.text, edited.text));
  if (values.write) {
    try {
      await writeFile(resolve(io.cwd, path), edited.text);
    } catch (error) {
      io.stderr.write(`plimsoll: ${path}: cannot be written (${(error as Error).message})\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`${note}; wrote ${path}\n`);
    return result.problems.length > 0 ? EXIT_USAGE : EXIT_OK;
  }
  io.stderr.write(`${note}\n`);
  return result.problems.length > 0 ? EXIT_USAGE : EXIT_FINDINGS;
}
