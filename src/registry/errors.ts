/**
 * Why a registry did not answer. `kind` lets callers decide without reading messages: a watch skips
 * an image it may not read, `verify` exits 2, the admission webhook applies
 * `deploy.registry-unreachable` to `unreachable`, `rate-limited` and `invalid`.
 */
export type RegistryErrorKind = 'not-found' | 'denied' | 'unreachable' | 'rate-limited' | 'invalid' | 'config';

export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    /** The registry as users name it (`docker.io`), for messages. */
    readonly registry: string,
    message: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

export function isRegistryError(error: unknown): error is RegistryError {
  return error instanceof RegistryError;
}
