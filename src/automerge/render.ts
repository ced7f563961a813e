import { inertMarkdown } from '../markdown/inert.js';
import { HOLD_LABEL, type Blocked, type MergeVerdict } from './decide.js';

/** The one comment Plimsoll keeps on a bump pull request it does not merge for a red check. */
export const AUTOMERGE_MARKER = '<!-- plimsoll:automerge -->';

/** Check names and logins come from other apps and people: inert, bold so they stand out. */
const code = (text: string) => `**${inertMarkdown(text, { max: 200 })}**`;

/**
 * The comment for a check that failed or never came, naming each; null for every other verdict
 * (a person's block needs no telling, and a green pull request is merged). Check names come from
 * other apps: inert.
 */
export function checksComment(verdict: MergeVerdict, headSha: string, statusesReadable: boolean): string | null {
  if (verdict.verdict !== 'blocked') return null;
  const reason = verdict.reason;
  const at = headSha.slice(0, 7);
  const lines = [AUTOMERGE_MARKER];
  if (reason.kind === 'checks-failed') {
    lines.push(`**Not merged automatically**: ${reason.checks.length === 1 ? 'a required check' : 'required checks'} failed on ${at}:`, '');
    for (const check of reason.checks) lines.push(`- ${code(check.name)}: ${check.conclusion}`);
  } else if (reason.kind === 'checks-missing') {
    lines.push(`**Not merged automatically**: ${reason.checks.length === 1 ? 'a required check has' : 'required checks have'} not reported on ${at}, and every other check has finished:`, '');
    for (const check of reason.checks) {
      lines.push(`- ${code(check.name)}${check.appId === null ? '' : ` (from the GitHub App with id ${check.appId}: a check or status of that name from anyone else does not count)`}`);
    }
    if (!statusesReadable) lines.push('', 'Commit statuses could not be read: the installation has not granted Plimsoll `statuses: read` yet.');
  } else if (reason.kind === 'refused') {
    lines.push(`**Not merged automatically**: GitHub refused to merge ${at}:`, '', `> ${inertMarkdown(reason.message, { max: 500 }).replace(/\n+/g, ' ')}`, '');
    lines.push('A branch protection rule or ruleset Plimsoll could not read blocks it. Plimsoll asks again only when a check, a review or the head changes; merge it yourself once the rule is met.');
    return `${lines.join('\n')}\n`;
  } else if (reason.kind === 'update-restricted') {
    lines.push(`**Not merged automatically**: a ruleset restricts updates to the base branch (${reason.sources.map(code).join(', ')}), and Plimsoll may not bypass it.`, '');
    lines.push('Only someone allowed to bypass that ruleset can merge this bump pull request.');
    return `${lines.join('\n')}\n`;
  } else {
    return null;
  }
  lines.push(
    '',
    'Plimsoll merges this bump pull request once every check the repository requires passes on its head: re-run the check or fix its cause, or merge it yourself. A push by a person, a review requesting changes or the `' +
      HOLD_LABEL +
      '` label stops automatic merging.',
  );
  return `${lines.join('\n')}\n`;
}

/**
 * The comment once the pull request merged on green after all (a re-run passed): the earlier
 * "not merged" would mislead. GitHub keeps the comment's history.
 */
export function mergedComment(headSha: string): string {
  return `${AUTOMERGE_MARKER}\n**Merged on green** at ${headSha.slice(0, 7)}: every check the repository requires passed on its head.\n`;
}

/** One line for the inventory issue: why a bump pull request waits. */
export function describeVerdict(verdict: MergeVerdict): string {
  switch (verdict.verdict) {
    case 'merge':
      return 'green';
    case 'update':
      return 'green, brought up to date with its base';
    case 'wait':
      return verdict.on.length > 0 ? `waiting on ${verdict.on.map(code).join(', ')}` : 'waiting for a check to report';
    case 'blocked':
      return describeBlock(verdict.reason);
  }
}

function describeBlock(reason: Blocked): string {
  switch (reason.kind) {
    case 'closed':
      return 'closed';
    case 'not-eligible':
      return 'not a kind `bumps.automerge` lists';
    case 'hold':
      return `labelled \`${HOLD_LABEL}\``;
    case 'person-pushed':
      return `pushed to by ${reason.who.map(code).join(', ')}`;
    case 'changes-requested':
      return `changes requested by ${reason.by.map(code).join(', ')}`;
    case 'draft':
      return 'turned into a draft';
    case 'conflict':
      return 'conflicts with its base';
    case 'checks-failed':
      return `${reason.checks.map((check) => `${code(check.name)} ${check.conclusion}`).join(', ')}`;
    case 'checks-missing':
      return `${reason.checks.map((check) => code(check.name)).join(', ')} never reported`;
    case 'update-restricted':
      return `a ruleset restricts updates to the base branch (${reason.sources.map(code).join(', ')}): only someone allowed to bypass it can merge`;
    case 'reviews-required':
      return `a ruleset requires ${reason.count === 1 ? 'an approving review' : `${reason.count} approving reviews`}: GitHub's auto-merge or a person merges it, not Plimsoll`;
    case 'refused':
      return `GitHub refused the merge: ${inertMarkdown(reason.message, { max: 300 }).replace(/\n+/g, ' ')}`;
  }
}
