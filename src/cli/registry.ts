import { createRegistryClient, type HttpRegistryClient } from '../registry/client.js';
import { isRegistryError } from '../registry/errors.js';
import { UsageError, type CliIO } from './io.js';

/**
 * The registry client of a command (`--registry`, `--platform`, `upstream`, `verify`), configured
 * from PLIMSOLL_REGISTRY_* and the Docker config in the environment: a setting it cannot use stops
 * the run as a usage error that names it.
 */
export function registryClientFor(io: CliIO): HttpRegistryClient {
  try {
    return createRegistryClient({ env: io.env });
  } catch (error) {
    if (isRegistryError(error)) throw new UsageError(error.message);
    throw error;
  }
}
