/**
 * GitHub's delivery refused because its signature does not match: the webhook secret GitHub signs
 * with is not `WEBHOOK_SECRET`. Probot logs the raw error; this says what to do, in one line.
 */
export function webhookSecretProblem(error: unknown): string | null {
  const errors = error instanceof AggregateError ? error.errors : [error];
  const mismatch = errors.some((e) => /signature does not match|x-hub-signature/i.test((e as Error)?.message ?? ''));
  return mismatch
    ? "A webhook delivery was refused: its signature does not match WEBHOOK_SECRET. Set WEBHOOK_SECRET to the webhook secret on the app's settings page (or set that secret to WEBHOOK_SECRET's value), then redeliver from the app's Advanced tab."
    : null;
}
