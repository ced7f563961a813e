import type { ParseArgsConfig } from 'node:util';
import { parseImageReference } from '../dockerfile/reference.js';
import { decideDeploy, type DeployDecision } from '../deploy/decide.js';
import { formatVerifyJson, formatVerifyTty } from '../deploy/format.js';
import { readImageRecord } from '../deploy/read.js';
import { createRegistryClient } from '../registry/client.js';
import { isRegistryError } from '../registry/errors.js';
import { readPolicyFile } from './policy-file.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parse, UsageError, type CliIO } from './io.js';

/** `plimsoll verify` (SPEC §10). */

export const VERIFY_USAGE = `Usage: plimsoll verify --policy FILE [--repo OWNER/NAME] [--format tty|json] IMAGE...

For each image reference, reads from its registry what the image records about how it was built
(OCI base annotations on the index or manifests, the same keys as config labels, BuildKit
provenance attestations, on every platform) and judges the image and everything it was built from
against the policy: allowed, denied (PL codes and the policy's reasons) or unknown (nothing
recorded; the policy's deploy.unknown-base decides whether that passes). Standing exceptions apply
to the repository --repo names, else to the one org.opencontainers.image.source names.

Registries: PLIMSOLL_REGISTRY_ENDPOINTS, PLIMSOLL_REGISTRY_AUTH, PLIMSOLL_DOCKER_CONFIG (see
'plimsoll upstream --help').

Exit status: 0 all allowed, 1 any denied, 2 bad usage, an invalid policy, an image the registry
does not have or a registry that cannot be read (named on stderr).
`;

const VERIFY_OPTIONS = {
  policy: { type: 'string' },
  repo: { type: 'string' },
  format: { type: 'string', short: 'f' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export async function verifyCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, VERIFY_OPTIONS, 'verify');
  if (values.help) {
    io.stdout.write(VERIFY_USAGE);
    return EXIT_OK;
  }
  if (values.policy === undefined) throw new UsageError(`--policy FILE is required\n${VERIFY_USAGE}`);
  const format = values.format ?? 'tty';
  if (format !== 'tty' && format !== 'json') throw new UsageError(`unknown format "${format}" (use tty or json)`);
  if (positionals.length === 0) throw new UsageError(`no IMAGE given\n${VERIFY_USAGE}`);
  const refs = positionals.map((text) => {
    const ref = parseImageReference(text);
    if (!ref) throw new UsageError(`"${text}" is not an image reference (such as ghcr.io/acme/api:1.4.0)`);
    return ref;
  });
  const context = (await readPolicyFile(values.policy, values.repo, io))!;
  let client;
  try {
    client = createRegistryClient({ env: io.env });
  } catch (error) {
    if (isRegistryError(error)) throw new UsageError(error.message);
    throw error;
  }

  let failed = false;
  const decisions: DeployDecision[] = [];
  const records = await Promise.all(
    refs.map(async (ref) => {
      try {
        return await readImageRecord(client, ref, context.policy);
      } catch (error) {
        if (!isRegistryError(error)) throw error;
        io.stderr.write(`plimsoll: ${ref.raw}: ${error.message}\n`);
        failed = true;
        return null;
      }
    }),
  );
  for (const record of records) {
    if (record) decisions.push(decideDeploy(context.policy, record, { repo: context.repo, now: context.now }));
  }
  io.stdout.write(format === 'json' ? formatVerifyJson(decisions) : formatVerifyTty(decisions));
  if (failed) return EXIT_USAGE;
  return decisions.every((decision) => decision.admitted) ? EXIT_OK : EXIT_FINDINGS;
}
