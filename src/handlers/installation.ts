import type { Context } from 'probot';
import type { Octokit } from '../github/client.js';
import type { FanOutService } from './fanout.js';

/**
 * `installation` (created, permissions accepted, unsuspended) and `installation_repositories`
 * (added, removed): the organization scanned into the inventory and the inventory issue written at
 * once (fanout.ts `installed`), not after the first policy push.
 */
export function onInstallation(fanOut: FanOutService) {
  return async (context: Context<'installation' | 'installation_repositories'>): Promise<void> => {
    const { installation } = context.payload;
    const account = installation.account as { login?: string } | null;
    if (!account?.login) return;
    fanOut.installed(context.octokit as unknown as Octokit, installation.id, account.login, context.log);
  };
}
