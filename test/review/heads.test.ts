import { describe, expect, it } from 'vitest';
import { headWhenWritten } from '../../src/review/heads.js';

const heads = [
  { sha: 'a', since: '2026-12-01T10:00:00.000Z' },
  { sha: 'b', since: '2026-12-01T11:00:00.000Z' },
  { sha: 'c', since: '2026-12-01T12:00:00.000Z' },
];

describe('headWhenWritten', () => {
  const rows: Array<[string, string | null]> = [
    ['2026-12-01T09:59:59.999Z', null],
    ['2026-12-01T10:00:00.000Z', 'a'],
    ['2026-12-01T10:59:59.999Z', 'a'],
    ['2026-12-01T11:00:00.000Z', 'b'],
    ['2026-12-01T13:00:00Z', 'c'],
  ];
  it.each(rows)('a comment written at %s was written against %s', (at, sha) => {
    expect(headWhenWritten(heads, at)).toBe(sha);
  });

  it('does not depend on the order heads are listed in', () => {
    expect(headWhenWritten([...heads].reverse(), '2026-12-01T11:30:00Z')).toBe('b');
  });
});
