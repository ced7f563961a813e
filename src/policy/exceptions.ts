import type { ImageRef } from '../dockerfile/types.js';
import type { PolicyContext } from './context.js';
import type { StandingException } from './types.js';

export interface ExceptionMatch {
  exception: StandingException;
  /** True once `expires` has passed: the finding comes back, with a note saying so. */
  expired: boolean;
}

/**
 * The standing exception covering `code` for this image in the context's repository: only its
 * repository, only the codes it names, only until the end of its `expires` day (UTC). An active
 * exception wins over an expired one.
 */
export function exceptionFor(context: PolicyContext, code: string, ref: Pick<ImageRef, 'name' | 'tag'> | null): ExceptionMatch | null {
  if (context.repo === null) return null;
  const repo = context.repo.toLowerCase();
  let expiredMatch: ExceptionMatch | null = null;
  for (const exception of context.policy.exceptions) {
    if (exception.repo.toLowerCase() !== repo || !exception.codes.includes(code)) continue;
    if (exception.image !== null) {
      if (ref === null || exception.image !== ref.name) continue;
      if (exception.tag !== null && exception.tag !== ref.tag) continue;
    }
    if (!isExpired(exception, context.now)) return { exception, expired: false };
    expiredMatch ??= { exception, expired: true };
  }
  return expiredMatch;
}

export function isExpired(exception: StandingException, now: Date): boolean {
  if (exception.expires === null) return false;
  const [year, month, day] = exception.expires.split('-').map(Number) as [number, number, number];
  return now.getTime() >= Date.UTC(year, month - 1, day + 1);
}

/** Appended to a finding whose exception ran out. */
export function expiredNote(exception: StandingException): string {
  return ` (the exception for ${exception.repo} expired on ${exception.expires}: ${exception.reason})`;
}
