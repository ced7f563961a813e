/**
 * CODEOWNERS as GitHub reads it: the first of `.github/CODEOWNERS`, `CODEOWNERS` and
 * `docs/CODEOWNERS` on the base branch; one pattern and its owners per line; the last matching
 * pattern wins (a pattern with no owners leaves its files without any). Patterns follow
 * gitignore, minus what GitHub does not support (`!` negation, `[ ]` ranges, `\#` escapes: such
 * lines are skipped, as GitHub skips invalid lines), and paths are case-sensitive. Pure.
 */

/** Where GitHub looks, in its order: the first that exists is the repository's. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

export interface CodeownersRule {
  line: number;
  pattern: string;
  owners: string[];
  matches: RegExp;
}

export interface Codeowners {
  rules: CodeownersRule[];
  /** Lines GitHub would skip, with why. */
  skipped: Array<{ line: number; reason: string }>;
}

export function parseCodeowners(text: string): Codeowners {
  const rules: CodeownersRule[] = [];
  const skipped: Codeowners['skipped'] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    // A `#` at the start, or after whitespace, starts a comment.
    const content = raw.replace(/(^|\s)#.*$/, '').trim();
    if (content === '') return;
    const [pattern = '', ...owners] = content.split(/\s+/);
    const why = unsupported(pattern);
    if (why) return void skipped.push({ line, reason: why });
    rules.push({ line, pattern, owners, matches: compile(pattern) });
  });
  return { rules, skipped };
}

function unsupported(pattern: string): string | null {
  if (pattern.startsWith('!')) return 'negation (`!`) is not supported';
  if (/[[\]]/.test(pattern)) return 'character ranges (`[ ]`) are not supported';
  if (pattern.startsWith('\\#')) return 'escaping `#` is not supported';
  return null;
}

/**
 * gitignore's rules as GitHub documents them for CODEOWNERS: a pattern with a slash at its start
 * or middle is anchored at the root, otherwise it matches at any depth; a trailing slash matches a
 * directory's contents; `**` crosses directories, `*` and `?` do not. A pattern also owns what is
 * inside the directory it names, except when its last segment is a wildcard (`docs/*` owns
 * `docs/a.md`, not `docs/build/b.md`).
 */
function compile(pattern: string): RegExp {
  const directory = pattern.endsWith('/');
  let body = pattern.replace(/\/+$/, '');
  const anchored = body.includes('/');
  body = body.replace(/^\/+/, '');
  const segments = body.split('/');
  const last = segments.at(-1) ?? '';
  let source = '';
  segments.forEach((segment, i) => {
    const end = i === segments.length - 1;
    if (segment === '**') {
      // `a/**/b`: zero or more directories; a trailing `**`: everything inside.
      source += end ? '.*' : '(?:[^/]+/)*';
      return;
    }
    source += segment.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
    if (!end) source += '/';
  });
  const inside = directory ? '/.+' : /[*?]/.test(last) ? '' : '(?:/.+)?';
  return new RegExp(`^${anchored ? '' : '(?:[^/]+/)*'}${source}${inside}$`);
}

/** The owners of one path: those of the last rule that matches it, none when no rule does. */
export function ownersOf(codeowners: Codeowners, path: string): string[] {
  for (let i = codeowners.rules.length - 1; i >= 0; i--) {
    const rule = codeowners.rules[i]!;
    if (rule.matches.test(path)) return rule.owners;
  }
  return [];
}

/** `@user` or `@org/team` as GitHub spells them; emails are owners too, but cannot be mentioned. */
const MENTIONABLE = /^@(?:[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})(?:\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})?$/;

/**
 * Who to mention for a change to `paths`: every mentionable owner of any of them, in the order
 * first met, at most `limit` (a CODEOWNERS file is the repository's text, not a list to spam from).
 */
export function ownersToMention(text: string, paths: readonly string[], limit = 20): string[] {
  const codeowners = parseCodeowners(text);
  const seen = new Map<string, string>();
  for (const path of paths) {
    for (const owner of ownersOf(codeowners, path)) {
      if (MENTIONABLE.test(owner) && !seen.has(owner.toLowerCase())) seen.set(owner.toLowerCase(), owner);
    }
  }
  return [...seen.values()].slice(0, limit);
}
