import type { Probot } from 'probot';

/** Who the app is on GitHub: its check runs carry `app.id`, its comments are by `<slug>[bot]`. */
export interface AppIdentity {
  id: number;
  slug: string;
  botLogin: string;
}

/**
 * The app's identity, asked of GitHub once per process (`GET /app`, authenticated as the app) and
 * kept; a failed answer is not kept, the next caller asks again. Used to trust only what this app
 * wrote: a check run of the same name or a comment with the same marker by anyone else is ignored.
 */
export function appIdentity(app: Probot): () => Promise<AppIdentity> {
  let known: Promise<AppIdentity> | null = null;
  return () => {
    known ??= (async () => {
      const octokit = await app.auth();
      const { data } = await octokit.request('GET /app');
      if (!data) throw new Error('GitHub did not describe the app (GET /app)');
      const slug = data.slug ?? String(data.id);
      return { id: data.id, slug, botLogin: `${slug}[bot]` };
    })();
    known.catch(() => (known = null));
    return known;
  };
}

/** True when `user` is this app's bot account. */
export function isAppBot(user: { login?: string; type?: string } | null | undefined, identity: AppIdentity): boolean {
  return user?.type === 'Bot' && user.login?.toLowerCase() === identity.botLogin.toLowerCase();
}
