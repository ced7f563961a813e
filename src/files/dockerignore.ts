/*
 * `.dockerignore` as BuildKit reads and matches it (moby/patternmatcher and its ignorefile): for
 * CopyIgnoredFile. Pure: the caller reads the file.
 */

/** The file names BuildKit looks for beside a Dockerfile, the Dockerfile's own first. */
export function dockerignoreCandidates(dockerfileName: string): string[] {
  return [`${dockerfileName}.dockerignore`, '.dockerignore'];
}

/** `ignorefile.ReadAll`: one pattern a line, `#` lines skipped, trimmed, cleaned, no leading `/`. */
export function readDockerignore(text: string): string[] {
  const patterns: string[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = index === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.startsWith('#')) continue;
    let pattern = line.trim();
    if (pattern === '') continue;
    const invert = pattern.startsWith('!');
    if (invert) pattern = pattern.slice(1).trim();
    if (pattern !== '') {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    patterns.push(invert ? `!${pattern}` : pattern);
  }
  return patterns;
}

/** Go's `path.Clean`: `.` and `..` resolved lexically, repeated and trailing slashes dropped. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined === '' ? '.' : joined;
}

interface Pattern {
  text: string;
  exclusion: boolean;
  match: (path: string) => boolean;
}

/** A compiled `.dockerignore` (patternmatcher.PatternMatcher). Bad patterns match nothing. */
export class IgnoreMatcher {
  readonly patterns: readonly Pattern[];
  /** Some pattern starts with `!`. */
  readonly exclusions: boolean;

  constructor(patterns: readonly string[]) {
    const compiled: Pattern[] = [];
    for (const raw of patterns) {
      let text = raw.trim();
      if (text === '') continue;
      text = cleanPath(text);
      const exclusion = text.startsWith('!');
      if (exclusion) text = text.slice(1);
      if (text === '') continue;
      compiled.push({ text, exclusion, match: compile(text) });
    }
    this.patterns = compiled;
    this.exclusions = compiled.some((p) => p.exclusion);
  }

  /** `MatchesOrParentMatches`: the path, or one of its parent directories, is excluded from the context. */
  matchesOrParentMatches(file: string): boolean {
    let matched = false;
    const parent = dirname(file);
    const parentDirs = parent.split('/');
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      let match = pattern.match(file);
      if (!match && parent !== '.') {
        for (let i = 0; i < parentDirs.length && !match; i++) match = pattern.match(parentDirs.slice(0, i + 1).join('/'));
      }
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }

  /** A pattern that excludes every entry at the context's root (`*`, `**`, `**\/*`). */
  get excludesRoot(): boolean {
    return this.patterns.some((p) => !p.exclusion && (p.text === '*' || p.text === '**' || p.text === '**/*'));
  }
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  if (slash === -1) return '.';
  return cleanPath(path.slice(0, slash) || '/');
}

/** `Pattern.compile`: exact, prefix (`a/**`), suffix (`**\/a`) or regular-expression match. */
function compile(pattern: string): (path: string) => boolean {
  let regex = '^';
  let type: 'exact' | 'prefix' | 'suffix' | 'regexp' = 'exact';
  const chars = [...pattern];
  for (let i = 0, index = 0; i < chars.length; i++, index++) {
    const ch = chars[i]!;
    if (ch === '*') {
      if (chars[i + 1] === '*') {
        i++;
        if (chars[i + 1] === '/') i++;
        if (i + 1 >= chars.length) {
          if (type === 'exact') type = 'prefix';
          else {
            regex += '.*';
            type = 'regexp';
          }
        } else {
          regex += '(.*/)?';
          type = 'regexp';
        }
        if (index === 0) type = 'suffix';
      } else {
        regex += '[^/]*';
        type = 'regexp';
      }
    } else if (ch === '?') {
      regex += '[^/]';
      type = 'regexp';
    } else if ('.+()|{}$'.includes(ch)) {
      regex += `\\${ch}`;
    } else if (ch === '\\') {
      if (i + 1 < chars.length) {
        regex += `\\${chars[++i]}`;
        type = 'regexp';
      } else regex += '\\\\';
    } else if (ch === '[' || ch === ']') {
      regex += ch;
      type = 'regexp';
    } else {
      regex += ch;
    }
  }
  switch (type) {
    case 'exact':
      return (path) => path === pattern;
    case 'prefix': {
      const prefix = pattern.slice(0, -2);
      return (path) => path.startsWith(prefix);
    }
    case 'suffix': {
      const suffix = pattern.slice(2);
      return (path) => path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
    }
    default: {
      let compiled: RegExp | null;
      try {
        compiled = new RegExp(`${regex}$`, 'u');
      } catch {
        compiled = null;
      }
      return (path) => compiled !== null && compiled.test(path);
    }
  }
}
