import { describe, expect, it } from 'vitest';
import { parseCommands } from '../../src/review/commands.js';

describe('parseCommands', () => {
  it.each([
    ['/plimsoll approve PL1001 vendor SDK needs EL7', { kind: 'approve', code: 'PL1001', file: null, line: null, reason: 'vendor SDK needs EL7' }],
    ['/plimsoll approve PL1001 services/billing/Dockerfile:3 vendor SDK needs EL7', { kind: 'approve', code: 'PL1001', file: 'services/billing/Dockerfile', line: 3, reason: 'vendor SDK needs EL7' }],
    ['/plimsoll approve all emergency fix, tracked in OPS-1234', { kind: 'approve', code: 'all', file: null, line: null, reason: 'emergency fix, tracked in OPS-1234' }],
    ['/plimsoll revoke PL1001', { kind: 'revoke', code: 'PL1001', file: null, line: null }],
    ['/plimsoll recheck', { kind: 'recheck' }],
    ['  /Plimsoll APPROVE pl1001 ./Dockerfile:2 ok  ', { kind: 'approve', code: 'PL1001', file: 'Dockerfile', line: 2, reason: 'ok' }],
  ])('%s', (body, command) => {
    expect(parseCommands(body)).toStrictEqual([command]);
  });

  it('names a file without a line when it is one of the known files', () => {
    expect(parseCommands('/plimsoll approve DL3006 Dockerfile base is pinned by digest upstream', ['Dockerfile'])).toStrictEqual([
      { kind: 'approve', code: 'DL3006', file: 'Dockerfile', line: null, reason: 'base is pinned by digest upstream' },
    ]);
  });

  it('refuses commands without a reason, code or verb, with the reason why', () => {
    expect(parseCommands('/plimsoll approve PL1001\n/plimsoll approve because\n/plimsoll merge')).toStrictEqual([
      { kind: 'invalid', text: '/plimsoll approve PL1001', problem: 'an approval needs a reason after the code, e.g. `/plimsoll approve PL1001 vendor SDK needs EL7`' },
      { kind: 'invalid', text: '/plimsoll approve because', problem: '`approve` needs a rule code (such as PL1001) or `all`, got `because`' },
      {
        kind: 'invalid',
        text: '/plimsoll merge',
        problem:
          'unknown command `merge`; use one of: `/plimsoll approve PL1001 <reason>`, `/plimsoll approve PL1001 path/to/Dockerfile:3 <reason>`, `/plimsoll approve all <reason>`, `/plimsoll revoke PL1001`, `/plimsoll recheck`',
      },
    ]);
  });

  it('reads one command per line anywhere in the body, but not quoted or fenced ones', () => {
    const body = 'Thanks!\r\n/plimsoll recheck\r\n> /plimsoll approve all quoted\r\n```\r\n/plimsoll approve all fenced\r\n```\r\n/plimsoll revoke all';
    expect(parseCommands(body)).toStrictEqual([{ kind: 'recheck' }, { kind: 'revoke', code: 'all', file: null, line: null }]);
    expect(parseCommands('mentions /plimsoll approve inline')).toStrictEqual([]);
  });
});
