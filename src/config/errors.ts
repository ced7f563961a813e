import type { z } from 'zod';
import { exists, locate, locateKey, type Key, type YamlFile } from './yaml-file.js';

/** One problem in a policy or repository config, with the place it was written. */
export interface PolicyError {
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  /** Says which key and what was expected: `images[2].update must be one of patch, minor, major, got "minr"`. */
  message: string;
}

/** `plimsoll-policy.yml:14: images[2].update must be one of ...` */
export function formatPolicyError(error: PolicyError): string {
  return `${error.file}:${error.line}: ${error.message}`;
}

/** `images[2].update`, `digests["20.11.1-alpine3.19"]`. */
export function formatPath(path: readonly Key[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** An error placed at the value found at `path`. */
export function errorAt(file: YamlFile, path: readonly Key[], message: string): PolicyError {
  const { line, column } = locate(file, path);
  return { file: file.path, line, column, message };
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
};

/** What the file holds at `path`, for "got ..." in messages. */
export function describeValue(file: YamlFile, path: readonly Key[]): string {
  if (!exists(file, path)) return 'nothing';
  let value: unknown = file.value;
  for (const key of path) value = (value as Record<Key, unknown> | null)?.[key];
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/**
 * Turn zod's issues into messages a person can act on, each at the line it is about.
 * `knownKeys` gives the accepted keys of the mapping at a path, for "did you mean" hints.
 */
export function issuesToErrors(
  file: YamlFile,
  issues: readonly z.core.$ZodIssue[],
  knownKeys: (path: readonly Key[]) => string[],
): PolicyError[] {
  const errors: PolicyError[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((k): k is Key => typeof k !== 'symbol');
    const where = formatPath(path);
    const subject = where === '' ? 'the file' : where;
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const keyPath = [...path, key];
          const hint = suggest(key, knownKeys(path));
          const { line, column } = locateKey(file, keyPath);
          errors.push({
            file: file.path,
            line,
            column,
            message: `${formatPath(keyPath)} is not a known key; ${
              hint ? `did you mean ${hint}?` : `known keys: ${knownKeys(path).join(', ')}`
            }`,
          });
        }
        break;
      case 'invalid_type': {
        const got = describeValue(file, path);
        const expected = EXPECTED[issue.expected] ?? issue.expected;
        const message =
          got === 'nothing' && !exists(file, path) ? `${subject} is required` : `${subject} must be ${expected}, got ${got}`;
        errors.push(errorAt(file, path, message));
        break;
      }
      case 'invalid_value': {
        const values = issue.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
        const choices = values.length === 1 ? values[0] : `one of ${values.join(', ')}`;
        const message = exists(file, path) ? `${subject} must be ${choices}, got ${describeValue(file, path)}` : `${subject} is required`;
        errors.push(errorAt(file, path, message));
        break;
      }
      case 'invalid_key': {
        const inner = issue.issues[0]?.message ?? 'is not an accepted key';
        const { line, column } = locateKey(file, path);
        errors.push({ file: file.path, line, column, message: `${subject} ${inner}` });
        break;
      }
      case 'too_small':
        errors.push(
          errorAt(
            file,
            path,
            issue.origin === 'string'
              ? `${subject} must not be empty`
              : issue.origin === 'array'
                ? `${subject} must list at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`
                : `${subject} must be at least ${String(issue.minimum)}, got ${describeValue(file, path)}`,
          ),
        );
        break;
      default: {
        // Refinements carry a predicate ("must be a version such as 20.11.1"), completed with the
        // value; checks that phrase the whole problem mark it `complete`.
        const complete = issue.code === 'custom' && (issue.params as { complete?: boolean } | undefined)?.complete;
        errors.push(errorAt(file, path, `${subject} ${issue.message}${complete ? '' : `, got ${describeValue(file, path)}`}`));
      }
    }
  }
  return errors;
}

/** The closest known key within two edits, for typos such as `verions`. */
export function suggest(key: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
