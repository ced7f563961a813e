import { describe, expect, it } from 'vitest';
import { parseCommands, scopeToKnownFile } from '../../src/review/commands.js';

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
      { kind: 'invalid', text: '/plimsoll approve because', problem: '`approve` needs a rule code (such as PL1001) or `all`, and what follows it is not one' },
      {
        kind: 'invalid',
        text: '/plimsoll merge',
        problem:
          'unknown command; use one of: `/plimsoll approve PL1001 <reason>`, `/plimsoll approve PL1001 path/to/Dockerfile:3 <reason>`, `/plimsoll approve all <reason>`, `/plimsoll revoke PL1001`, `/plimsoll recheck`',
      },
    ]);
  });

  it('reads one command per line anywhere in the body, but not quoted or fenced ones', () => {
    const body = 'Thanks!\r\n/plimsoll recheck\r\n> /plimsoll approve all quoted\r\n```\r\n/plimsoll approve all fenced\r\n```\r\n/plimsoll revoke all';
    expect(parseCommands(body)).toStrictEqual([{ kind: 'recheck' }, { kind: 'revoke', code: 'all', file: null, line: null }]);
    expect(parseCommands('mentions /plimsoll approve inline')).toStrictEqual([]);
  });
});

describe('the grammar of SPEC §6, as users write it', () => {
  it.each([
    // A file scope without a line: a container definition path by the default globs.
    ['/plimsoll approve PL1001 Dockerfile vendor SDK needs EL7', { kind: 'approve', code: 'PL1001', file: 'Dockerfile', line: null, reason: 'vendor SDK needs EL7' }],
    ['/plimsoll approve PL1001 services/billing/Dockerfile vendor SDK', { kind: 'approve', code: 'PL1001', file: 'services/billing/Dockerfile', line: null, reason: 'vendor SDK' }],
    ['/plimsoll approve all ./ci/build.Dockerfile emergency fix', { kind: 'approve', code: 'all', file: 'ci/build.Dockerfile', line: null, reason: 'emergency fix' }],
    ['/plimsoll revoke PL1001 services/billing/Dockerfile', { kind: 'revoke', code: 'PL1001', file: 'services/billing/Dockerfile', line: null }],
    ['/plimsoll revoke pl1001 Dockerfile:3', { kind: 'revoke', code: 'PL1001', file: 'Dockerfile', line: 3 }],
    // Blanks, tabs and case do not matter; a reason in one pair of quotes loses them.
    ['/plimsoll\tapprove   dl3006    Dockerfile:2\t  "pinned upstream"  ', { kind: 'approve', code: 'DL3006', file: 'Dockerfile', line: 2, reason: 'pinned upstream' }],
    ["/plimsoll approve ALL 'tracked in OPS-1'", { kind: 'approve', code: 'all', file: null, line: null, reason: 'tracked in OPS-1' }],
    ['/plimsoll approve PL1001 "a" and "b"', { kind: 'approve', code: 'PL1001', file: null, line: null, reason: '"a" and "b"' }],
    // A word that is not a definition path stays in the reason.
    ['/plimsoll approve PL1001 vendor/sdk needs EL7', { kind: 'approve', code: 'PL1001', file: null, line: null, reason: 'vendor/sdk needs EL7' }],
  ])('%s', (body, command) => {
    expect(parseCommands(body)).toStrictEqual([command]);
  });

  it('a file without a reason is refused, as is a quoted empty reason', () => {
    expect(parseCommands('/plimsoll approve PL1001 Dockerfile\n/plimsoll approve PL1001 ""').map((c) => c.kind === 'invalid' && c.problem)).toStrictEqual([
      'an approval needs a reason after the code, e.g. `/plimsoll approve PL1001 vendor SDK needs EL7`',
      'an approval needs a reason after the code, e.g. `/plimsoll approve PL1001 vendor SDK needs EL7`',
    ]);
  });

  it('reads several commands in order, with CRLF or CR line ends, and skips what GitHub shows as code', () => {
    const body = [
      '/plimsoll approve PL1001 Dockerfile:1 legacy',
      '',
      '    /plimsoll approve all indented code',
      '',
      '\t/plimsoll approve all tab-indented code',
      '',
      '~~~text',
      '/plimsoll approve all tilde fence',
      '```',
      '/plimsoll approve all still inside the tilde fence',
      '~~~',
      '````md',
      '```',
      '/plimsoll approve all inside a longer fence',
      '````',
      '`/plimsoll approve all inline code`',
      '',
      '>/plimsoll approve all quoted without a blank',
      '',
      '  /plimsoll revoke DL3006',
      '/plimsoll recheck',
    ].join('\r\n');
    expect(parseCommands(body)).toStrictEqual([
      { kind: 'approve', code: 'PL1001', file: 'Dockerfile', line: 1, reason: 'legacy' },
      { kind: 'revoke', code: 'DL3006', file: null, line: null },
      { kind: 'recheck' },
    ]);
    expect(parseCommands('/plimsoll recheck\r/plimsoll revoke all')).toHaveLength(2);
  });

  it('an indented line that continues a paragraph is text, as GitHub shows it', () => {
    expect(parseCommands('Looks fine.\n    /plimsoll approve all legacy base')).toStrictEqual([
      { kind: 'approve', code: 'all', file: null, line: null, reason: 'legacy base' },
    ]);
  });

  const hidden: Array<[string, string]> = [
    ['a multi-line HTML comment', 'Thanks!\n\n<!--\n/plimsoll approve all hidden\n-->\n'],
    ['an HTML comment inside a paragraph', 'Thanks! <!-- \n/plimsoll approve all hidden\n-->'],
    ['a <pre> block', '<pre>\n/plimsoll approve all hidden\n</pre>'],
    ['a lazy blockquote continuation', '> quoting the author\n/plimsoll approve all lazily quoted'],
    ['a nested quotation', '> > /plimsoll approve all'],
    ['struck through text', '~~/plimsoll approve all changed my mind~~'],
    ['a table cell', '| cmd |\n|---|\n| /plimsoll approve all in a table |'],
    ['a heading', '# /plimsoll approve all as a heading'],
    ['a line starting with inline code', '`x` /plimsoll approve all after code'],
    ['an HTML block', '<div>\n/plimsoll approve all in a div\n</div>'],
    ['an image', '![/plimsoll approve all alt text](x.png)'],
  ];
  it.each(hidden)('is not a command inside %s', (_where, body) => {
    expect(parseCommands(body)).toStrictEqual([]);
  });

  it('counts commands GitHub shows as text: in a list, emphasised, inside <details>, after an escaped slash', () => {
    const body = [
      '- /plimsoll approve PL1001 listed',
      '',
      '*/plimsoll approve PL1002 emphasised*',
      '',
      '<details><summary>exceptions</summary>',
      '',
      '/plimsoll approve PL1003 inside details',
      '',
      '</details>',
      '',
      '\\/plimsoll approve PL1004 escaped slash',
    ].join('\n');
    expect(parseCommands(body).map((c) => c.kind === 'approve' && [c.code, c.reason])).toStrictEqual([
      ['PL1001', 'listed'],
      ['PL1002', 'emphasised'],
      ['PL1003', 'inside details'],
      ['PL1004', 'escaped slash'],
    ]);
  });

  it('keeps code written inside a command as its text, and stops at hidden text', () => {
    expect(parseCommands('/plimsoll approve PL1001 `Dockerfile:3` vendor SDK')).toStrictEqual([
      { kind: 'approve', code: 'PL1001', file: 'Dockerfile', line: 3, reason: 'vendor SDK' },
    ]);
    expect(parseCommands('/plimsoll approve all <!-- emergency --> fix')[0]).toMatchObject({ kind: 'invalid' });
  });

  it('reads no more than GitHub keeps of a comment', () => {
    expect(parseCommands(`${'x'.repeat(70_000)}\n\n/plimsoll approve all late`)).toStrictEqual([]);
  });
});

describe('scopeToKnownFile', () => {
  const approval = parseCommands('/plimsoll approve PL1001 images/app.df vendor SDK')[0]!;

  it('moves a changed file named first in the reason into the scope', () => {
    expect(approval).toMatchObject({ file: null, reason: 'images/app.df vendor SDK' });
    expect(scopeToKnownFile(approval, ['images/app.df'])).toStrictEqual({ kind: 'approve', code: 'PL1001', file: 'images/app.df', line: null, reason: 'vendor SDK' });
  });

  it('leaves the reason alone when the word is no changed file, or nothing would remain of the reason', () => {
    expect(scopeToKnownFile(approval, ['Dockerfile'])).toBe(approval);
    const bare = parseCommands('/plimsoll approve PL1001 images/app.df')[0]!;
    expect(scopeToKnownFile(bare, ['images/app.df'])).toBe(bare);
  });
});

describe('/plimsoll recheck upstream (in the policy repository: the upstream watch)', () => {
  it.each([
    ['/plimsoll recheck upstream', [true]],
    ['please\n/PLIMSOLL   recheck   UPSTREAM  \nthanks', [true]],
    ['/plimsoll recheck', [false]],
    ['/plimsoll recheck upstream now', [false]],
    ['```\n/plimsoll recheck upstream\n```', []],
    ['    /plimsoll recheck upstream', []],
    ['> /plimsoll recheck upstream', []],
    ['/plimsoll recheck upstream\r\n/plimsoll recheck upstream', [true, true]],
  ])('%j', (body, upstream) => {
    expect(parseCommands(body).map((c) => c.kind === 'recheck' && c.upstream === true)).toStrictEqual(upstream);
  });
});
