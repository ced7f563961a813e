/**
 * Retries for the few failures that go away on their own: GitHub's 5xx answers and its secondary
 * rate limit (403/429 with `retry-after`). Probot's throttling plugin already waits in production;
 * this layer keeps the behaviour the same when it is off (tests) and bounds the wait.
 */

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** Injected so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Longest wait we accept for a secondary rate limit before giving up with a clear error. */
  maxWaitMs?: number;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Shape of @octokit/request-error without importing it. */
export interface HttpError {
  status: number;
  message: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

export function isHttpError(error: unknown): error is HttpError {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';
}

/** Seconds GitHub asks us to wait, or null when this is not a rate limit. */
export function rateLimitWait(error: HttpError): number | null {
  if (error.status !== 403 && error.status !== 429) return null;
  const headers = error.response?.headers ?? {};
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined) return Math.max(0, Number(retryAfter)) || 0;
  if (String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    if (Number.isFinite(reset)) return Math.max(0, reset - Math.floor(Date.now() / 1000));
  }
  if (/secondary rate limit/i.test(error.message)) return 60;
  return null;
}

export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 3;
  const sleep = options.sleep ?? realSleep;
  const maxWaitMs = options.maxWaitMs ?? 120_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !isHttpError(error)) throw error;
      const wait = rateLimitWait(error);
      if (wait !== null) {
        if (wait * 1000 > maxWaitMs) throw error;
        await sleep(wait * 1000);
      } else if (error.status >= 500) {
        await sleep(attempt * 1000);
      } else {
        throw error;
      }
    }
  }
}

/** A sentence for people (summary comments, check output, logs) saying what GitHub refused. */
export function describeGitHubError(error: unknown, action: string): string {
  if (!isHttpError(error)) return `${action} failed: ${(error as Error)?.message ?? String(error)}`;
  const wait = rateLimitWait(error);
  if (wait !== null) return `${action} hit GitHub's rate limit (retry after ${wait} s)`;
  const detail = githubMessage(error);
  switch (error.status) {
    case 401:
      return `${action} failed: the app's credentials were refused (401)`;
    case 403:
      return `${action} was forbidden (403): the app lacks a permission or access to this repository${detail}`;
    case 404:
      return `${action} failed: not found (404), or the app cannot see it${detail}`;
    case 422:
      return `${action} was rejected by GitHub (422)${detail}`;
    default:
      return error.status >= 500
        ? `${action} failed: GitHub answered ${error.status} and kept failing after retries`
        : `${action} failed with status ${error.status}${detail}`;
  }
}

function githubMessage(error: HttpError): string {
  const data = error.response?.data as { message?: unknown; errors?: unknown } | undefined;
  const parts: string[] = [];
  if (typeof data?.message === 'string') parts.push(data.message);
  if (Array.isArray(data?.errors)) {
    for (const item of data.errors) {
      if (typeof item === 'string') parts.push(item);
      else if (item && typeof (item as { message?: unknown }).message === 'string') parts.push((item as { message: string }).message);
    }
  }
  return parts.length > 0 ? `: ${parts.join('; ')}` : '';
}
