import type { IssueWrite } from '../fanout/ports.js';
import { INVENTORY_MARKER, INVENTORY_TITLE, sameInventoryBody } from '../inventory/render.js';
import type { WriteThrottle } from '../queue/throttle.js';
import type { Octokit, RepoRef } from './client.js';

export type { IssueWrite };

interface IssueSummary {
  number: number;
  title: string;
  body?: string | null;
  pull_request?: unknown;
  user?: { login: string; type?: string } | null;
}



/**
 * Create or edit in place the inventory issue of the policy repository. It is found among the
 * open issues labelled `plimsoll` by its hidden marker (or its title, if someone edited the body),
 * so a repeat run never opens a second one; a body that differs only in its "Updated" time is
 * not written again.
 */
export async function upsertInventoryIssue(octokit: Octokit, where: RepoRef, body: string, throttle?: WriteThrottle): Promise<IssueWrite> {
  const existing = await findInventoryIssue(octokit, where);
  await throttle?.acquire();
  if (!existing) {
    const created = await octokit.request('POST /repos/{owner}/{repo}/issues', { ...where, title: INVENTORY_TITLE, body, labels: ['plimsoll'] });
    return { number: created.data.number, action: 'created' };
  }
  if (existing.body && sameInventoryBody(existing.body, body) && existing.title === INVENTORY_TITLE) return { number: existing.number, action: 'unchanged' };
  await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...where, issue_number: existing.number, title: INVENTORY_TITLE, body });
  return { number: existing.number, action: 'edited' };
}

/**
 * Page by page, stopping at the first page that holds it (the policy repository's own bump pull
 * requests carry the label too). Only an issue the app opened counts: a person who pastes the
 * marker into an issue of their own does not get it rewritten.
 */
async function findInventoryIssue(octokit: Octokit, where: RepoRef): Promise<IssueSummary | null> {
  let byTitle: IssueSummary | null = null;
  for await (const page of octokit.paginate.iterator('GET /repos/{owner}/{repo}/issues', { ...where, state: 'open', labels: 'plimsoll', per_page: 100 })) {
    const issues = (page.data as IssueSummary[]).filter((issue) => !issue.pull_request && issue.user?.type === 'Bot');
    const marked = issues.find((issue) => issue.body?.includes(INVENTORY_MARKER));
    if (marked) return marked;
    byTitle ??= issues.find((issue) => issue.title === INVENTORY_TITLE) ?? null;
  }
  return byTitle;
}
