import type { Nodes, Parent, PhrasingContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/**
 * The lines of a comment that GitHub shows as ordinary paragraph text, parsed as GitHub parses
 * Markdown (CommonMark with GitHub's extensions). What a reader does not see as plain text is left
 * out: code blocks and code spans, HTML blocks and inline HTML (comments, `<pre>`, tags),
 * blockquotes with their lazy continuation lines, struck-through text, tables and headings.
 * Paragraphs inside lists and `<details>` bodies count: GitHub renders them as text. Pure.
 */
export function visibleParagraphLines(markdown: string): string[] {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const lines: string[] = [];
  walk(tree, lines);
  return lines;
}

/** Stand-in for text a reader sees but that cannot be part of a command (a code span, a tag). */
const OPAQUE = '\u0000';

function walk(node: Nodes, lines: string[]): void {
  switch (node.type) {
    case 'paragraph':
      for (const line of phrasingText(node.children).split(/\r\n|\r|\n/)) {
        // What follows hidden or non-text content on a line is not part of what a reader sees as one sentence.
        const shown = line.split(OPAQUE)[0]!.trim();
        if (shown !== '') lines.push(shown);
      }
      return;
    case 'blockquote':
    case 'code':
    case 'html':
    case 'table':
    case 'heading':
    case 'footnoteDefinition':
    case 'definition':
      return;
    default:
      if ('children' in node) for (const child of (node as Parent).children) walk(child as Nodes, lines);
  }
}

function phrasingText(children: readonly PhrasingContent[]): string {
  let text = '';
  for (const child of children) {
    switch (child.type) {
      case 'text':
        text += child.value;
        break;
      case 'break':
        text += '\n';
        break;
      case 'emphasis':
      case 'strong':
      case 'link':
      case 'linkReference':
        text += phrasingText(child.children);
        break;
      case 'inlineCode':
        // Code inside a sentence reads as its text; a line that starts with code is code.
        text += /(^|[\r\n])[ \t]*$/.test(text) ? OPAQUE : child.value;
        break;
      case 'delete':
      case 'html':
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        text += OPAQUE;
        break;
      default:
        break;
    }
  }
  return text;
}
