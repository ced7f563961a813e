/** How a failed job is treated: wait and retry without counting, back off and retry, or give up. */
export type Failure = { kind: 'rate-limited'; waitMs: number } | { kind: 'transient' } | { kind: 'permanent' };

interface ErrorShape {
  status?: unknown;
  message?: unknown;
  code?: unknown;
  response?: { headers?: Record<string, unknown> };
  /** GraphQL errors in a 200 answer (octokit's GraphqlResponseError). */
  errors?: { type?: unknown; message?: unknown }[];
}

/** GraphQL error types that retrying cannot fix. */
const PERMANENT_GRAPHQL = new Set(['FORBIDDEN', 'NOT_FOUND', 'INSUFFICIENT_SCOPES', 'UNPROCESSABLE']);

const NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EAI_AGAIN', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * GitHub's answers: 403/429 with `retry-after` (seconds) or with `x-ratelimit-remaining: 0` and
 * `x-ratelimit-reset` (epoch seconds) are rate limits; a 403 naming the secondary rate limit
 * without a header waits a minute, as GitHub's docs ask; 5xx and network errors are transient;
 * other 4xx will not change by retrying.
 */
export function classifyFailure(error: unknown, now: number = Date.now()): Failure {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
  const status = typeof shape.status === 'number' ? shape.status : null;
  const headers = shape.response?.headers ?? {};
  if (status === null && Array.isArray(shape.errors) && shape.errors.length > 0) return classifyGraphQL(shape.errors);
  if (status === 403 || status === 429) {
    const retryAfter = Number(headers['retry-after']);
    if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) return { kind: 'rate-limited', waitMs: Math.max(0, retryAfter) * 1000 };
    const reset = Number(headers['x-ratelimit-reset']);
    if (String(headers['x-ratelimit-remaining']) === '0' && Number.isFinite(reset)) {
      return { kind: 'rate-limited', waitMs: Math.max(0, reset * 1000 - now) };
    }
    if (status === 429 || /secondary rate limit|abuse/i.test(String(shape.message ?? ''))) return { kind: 'rate-limited', waitMs: 60_000 };
    return { kind: 'permanent' };
  }
  if (status !== null) return status >= 500 ? { kind: 'transient' } : { kind: 'permanent' };
  if (typeof shape.code === 'string' && NETWORK_CODES.has(shape.code)) return { kind: 'transient' };
  return { kind: 'permanent' };
}

/**
 * A GraphQL answer with errors: a rate limit waits a minute; a refusal is final; the rest (the
 * branch moved under `expectedHeadOid`, a pull request opened meanwhile) is a race that a retry,
 * which reads GitHub's state again, resolves.
 */
function classifyGraphQL(errors: readonly { type?: unknown; message?: unknown }[]): Failure {
  if (errors.some((error) => error.type === 'RATE_LIMITED' || /rate limit/i.test(String(error.message ?? '')))) return { kind: 'rate-limited', waitMs: 60_000 };
  if (errors.some((error) => PERMANENT_GRAPHQL.has(String(error.type)))) return { kind: 'permanent' };
  return { kind: 'transient' };
}
