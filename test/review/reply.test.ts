import { describe, expect, it } from 'vitest';
import type { CommandOutcome } from '../../src/review/approvals.js';
import { parseCommands } from '../../src/review/commands.js';
import { commandReply, REPLY_MARKER, type ReviewedCommands } from '../../src/review/reply.js';

const commands = parseCommands('/plimsoll approve PL1001 vendor SDK\n/plimsoll recheck\n/plimsoll frobnicate');
const [approve, recheck] = commands as [CommandOutcome['command'], CommandOutcome['command']];
/** The invalid third command's own problem, with the usage quoted inertly. */
const UNKNOWN = expect.stringMatching(/^- a command that could not be read: unknown command; use one of: \\`\/plimsoll approve PL1001 &lt;reason&gt;\\`/) as string;

interface Row {
  name: string;
  review: ReviewedCommands;
  reactions: string[];
  /** Lines of the reply after its marker and heading; null: no reply. */
  refusals: Array<string> | null;
}

const rows: Row[] = [
  {
    name: 'the review read the comment: its outcomes are the answer',
    review: { skipped: null, outcomes: [{ command: approve, refusal: null }, { command: recheck, refusal: null }] },
    reactions: ['+1'],
    refusals: null,
  },
  {
    name: 'one refused: both reactions, and the reply says why',
    review: { skipped: null, outcomes: [{ command: approve, refusal: 'olga is not in acme/platform-ops' }, { command: recheck, refusal: null }] },
    reactions: ['+1', 'confused'],
    refusals: ['- approve PL1001: olga is not in acme/platform-ops'],
  },
  {
    name: 'no container definition changed: every grant is refused with that reason, recheck is fine',
    review: { skipped: 'no-definitions', outcomes: [] },
    reactions: ['+1', 'confused'],
    refusals: ['- approve PL1001: this pull request changes no container definition', UNKNOWN],
  },
  {
    name: 'a closed pull request',
    review: { skipped: 'closed', outcomes: [] },
    reactions: ['+1', 'confused'],
    refusals: ['- approve PL1001: the pull request is closed', UNKNOWN],
  },
  {
    name: 'the review failed: the grant is refused with the error',
    review: { skipped: null, error: 'GitHub refused (403)', outcomes: [] },
    reactions: ['+1', 'confused'],
    refusals: ['- approve PL1001: the review could not finish: GitHub refused (403)', UNKNOWN],
  },
];

describe('commandReply: the answer to a comment of commands, pure', () => {
  it.each(rows)('$name', (row) => {
    const reply = commandReply(42, commands, row.review);
    expect(reply.reactions).toEqual(row.reactions);
    if (row.refusals === null) {
      expect(reply.body).toBeNull();
      return;
    }
    const [marker, heading, blank, ...lines] = reply.body!.split('\n');
    expect(marker).toBe(REPLY_MARKER(42));
    expect(heading).toBe(`Plimsoll did not accept ${row.refusals.length === 1 ? 'a command' : `${row.refusals.length} commands`} of comment 42:`);
    expect(blank).toBe('');
    expect(lines).toEqual(row.refusals);
  });

  it('a refusal quoting hostile text stays inert', () => {
    const reply = commandReply(1, [approve], { skipped: null, outcomes: [{ command: approve, refusal: '<img src=x onerror=alert(1)> @everyone' }] });
    expect(reply.body).not.toContain('<img');
    expect(reply.body).not.toMatch(/(^|[^`\\])@everyone/);
  });

  it('a stale review reads nothing, refuses nothing', () => {
    expect(commandReply(1, [approve], { skipped: 'stale', outcomes: [] })).toEqual({ outcomes: [{ command: approve, refusal: null }], reactions: ['+1'], body: null });
  });
});
