import { inertMarkdown } from '../markdown/inert.js';
import type { AutomergeRecord, Inventory } from './model.js';

/**
 * The merge-on-green part of the inventory (SPEC §7): what merged, what waits on a red check,
 * what waits on a person, and what waits for its checks. Pure.
 */

/** Keeps one record per job; true when the stored inventory changed. Merged means no longer open. */
export function applyAutomergeRecord(inventory: Inventory, id: string, record: AutomergeRecord | null): boolean {
  const records = (inventory.automerge ??= {});
  const before = records[id];
  if (record?.standing === 'merged' && inventory.openPullRequests[id]?.number === record.number) delete inventory.openPullRequests[id];
  if (record === null) {
    if (!before) return false;
    delete records[id];
    return true;
  }
  if (before && before.standing === record.standing && before.detail === record.detail && before.number === record.number && before.url === record.url) return false;
  records[id] = record;
  return true;
}

const SECTIONS: ReadonlyArray<[AutomergeRecord['standing'], string]> = [
  ['merged', 'Merged'],
  ['red-check', 'Waiting on a red check'],
  ['person', 'Waiting on a person'],
  ['auto-merge', "Waiting for checks, GitHub's auto-merge on"],
  ['waiting', 'Waiting for checks'],
];

/** The section's lines; none when no bump pull request was ever a candidate. */
export function renderAutomerge(inventory: Inventory, listItems: number): string[] {
  const records = Object.values(inventory.automerge ?? {});
  if (records.length === 0) return [];
  const out = ['## Bump pull requests merged on green', ''];
  out.push(SECTIONS.map(([standing, title]) => `${title}: ${records.filter((r) => r.standing === standing).length}`).join(' · '));
  for (const [standing, title] of SECTIONS) {
    const rows = records.filter((r) => r.standing === standing).sort((a, b) => compare(a.repo, b.repo) || compare(a.image, b.image));
    if (rows.length === 0) continue;
    out.push('', `### ${title} (${rows.length})`, '');
    for (const row of rows.slice(0, listItems)) {
      out.push(`- ${row.repo}#${row.number}: ${inertMarkdown(row.image, { max: 200 })} → ${inertMarkdown(row.target, { max: 200 })}: ${row.detail} (${row.at.slice(0, 16).replace('T', ' ')} UTC)`);
    }
    if (rows.length > listItems) out.push(`- …and ${rows.length - listItems} more`);
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
