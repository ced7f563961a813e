import type { Probot } from 'probot';

/**
 * Who this app is on GitHub: its id (check runs and suites are filtered by it, since any app may
 * name a check `plimsoll`) and its bot login (its own comments are output, never commands).
 */
export interface AppIdentity {
  id: number;
  slug: string;
  /** `plimsoll[bot]`. */
  botLogin: string;
}

/** Asks GitHub once (`GET /app`, as the app itself), then remembers; a failed ask is tried again next time. */
export function appIdentity(app: Pick<Probot, 'auth'>): () => Promise<AppIdentity> {
  let known: Promise<AppIdentity> | null = null;
  return () => {
    known ??= (async () => {
      const octokit = await app.auth();
      const { data } = await octokit.request('GET /app');
      if (!data) throw new Error('GitHub did not describe the app (GET /app)');
      const slug = data.slug ?? String(data.name).toLowerCase().replace(/[^a-z0-9-]+/g, '-');
      return { id: data.id, slug, botLogin: `${slug}[bot]` };
    })();
    known.catch(() => {
      known = null;
    });
    return known;
  };
}

/** True when `user` is this app's bot account. */
export function isAppBot(user: { login?: string; type?: string } | null | undefined, identity: AppIdentity): boolean {
  return user?.type === 'Bot' && user.login?.toLowerCase() === identity.botLogin.toLowerCase();
}
