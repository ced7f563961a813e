import { describe, expect, it } from 'vitest';
import { cutText, inertMarkdown, inertPlain } from '../../src/markdown/inert.js';

describe('inertPlain', () => {
  it.each([
    ['NUL', 'a\u0000b', 'a\\u0000b'],
    ['bell and escape', '\u0007\u001b[31mred', '\\u0007\\u001B[31mred'],
    ['DEL and C1', 'x\u007f\u0085\u009b', 'x\\u007F\\u0085\\u009B'],
    ['a bidi override', 'admin\u202Etxt.exe', 'admin\\u202Etxt.exe'],
    ['bidi isolates', '\u2066a\u2069', '\\u2066a\\u2069'],
    ['zero-width characters', 'a\u200bb\u200dc\ufeff', 'a\\u200Bb\\u200Dc\\uFEFF'],
  ])('escapes %s', (_, text, expected) => {
    expect(inertPlain(text)).toBe(expected);
  });

  it('keeps tabs, newlines and ordinary text, accents and emoji included', () => {
    expect(inertPlain('line 1\n\tline 2 — café 🚢')).toBe('line 1\n\tline 2 — café 🚢');
  });
});

describe('inertMarkdown', () => {
  it('cannot forge a marker, close a section or open HTML', () => {
    const text = inertMarkdown('</details><!-- plimsoll:summary --><img src=x onerror=alert(1)>');
    expect(text).not.toContain('<');
    expect(text).not.toContain('>');
    expect(text).not.toContain('<!-- plimsoll:summary -->');
    expect(text).toBe('&lt;/details&gt;&lt;!-- plimsoll:summary --&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('neutralises mentions of users and teams, and issue references', () => {
    expect(inertMarkdown('ping @octocat and @acme/platform-ops, see #12')).toBe('ping @\u200Boctocat and @\u200Bacme/platform-ops, see #\u200B12');
  });

  it('keeps a table row and a line whole: pipes escaped, newlines folded', () => {
    expect(inertMarkdown('a | b\n# heading\r\n- item')).toBe('a \\| b # heading - item');
    expect(inertMarkdown('# heading')).toBe('\\# heading');
  });

  it('escapes code spans, emphasis and links', () => {
    expect(inertMarkdown('`x` *y* _z_ [l](https://e.x)')).toBe('\\`x\\` \\*y\\* \\_z\\_ \\[l\\](https\u200B://e.x)');
  });

  it('escapes what is invisible too', () => {
    expect(inertMarkdown('CVE\u202E-1')).toBe('CVE\\\\u202E-1');
  });
});

describe('cutText', () => {
  it('leaves short text alone and cuts long text to the limit, saying so', () => {
    expect(cutText('short', 10)).toBe('short');
    const cut = cutText('x'.repeat(100), 50, ' [cut]');
    expect(cut).toHaveLength(50);
    expect(cut.endsWith(' [cut]')).toBe(true);
  });

  it('does not split a surrogate pair', () => {
    const cut = cutText(`${'a'.repeat(9)}🚢🚢🚢`, 11, '…');
    expect(cutText(`${'a'.repeat(9)}🚢🚢🚢`, 12, '…')).toBe(`${'a'.repeat(9)}🚢…`);
    expect(cut).toBe(`${'a'.repeat(9)}…`);
  });
});
