import { describe, expect, it } from 'vitest';
import { expandVariables } from '../../src/dockerfile/expand.js';

const values = new Map<string, string | null>([['NODE', '20.11.1'], ['EMPTY', ''], ['UNKNOWN', null]]);

describe('expandVariables', () => {
  it.each([
    ['node:${NODE}-alpine', 'node:20.11.1-alpine'],
    ['node:$NODE', 'node:20.11.1'],
    ['x${MISSING}y', 'xy'],
    ['${MISSING:-def}', 'def'],
    ['${EMPTY:-def}', 'def'],
    ['${EMPTY-def}', ''],
    ['${NODE:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${MISSING+alt}', ''],
    ['\\$NODE', '$NODE'],
  ])('%s -> %s', (text, expected) => {
    expect(expandVariables(text, values).value).toBe(expected);
  });

  it('is unknown when an ARG without default is used', () => {
    expect(expandVariables('node:${UNKNOWN}', values)).toEqual({ value: null, names: ['UNKNOWN'] });
    expect(expandVariables('${UNKNOWN:-x}', values).value).toBeNull();
  });

  it('honours the backtick escape character', () => {
    expect(expandVariables('`$NODE', values, '`').value).toBe('$NODE');
  });

  it('reads a modifier\'s word as BuildKit does: quotes removed, escapes applied, variables expanded', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(expandVariables(`\${REF:-"alpine:3.19@${digest}"}`, values).value).toBe(`alpine:3.19@${digest}`);
    expect(expandVariables("${REF:-'alpine:3.19'}", values).value).toBe('alpine:3.19');
    expect(expandVariables('${REF:-"node:${NODE}"}-slim', values).value).toBe('node:20.11.1-slim');
    expect(expandVariables('${REF:-${MISSING:-node}:${NODE}}', values)).toEqual({ value: 'node:20.11.1', names: ['REF', 'MISSING', 'NODE'] });
    expect(expandVariables('${REF:-a\\}b}', values).value).toBe('a}b');
    expect(expandVariables('${NODE:-"unused ${UNKNOWN}"}', values).value).toBe('20.11.1');
  });

  it('keeps text it cannot read as a substitution', () => {
    expect(expandVariables('${NODE?err}', values).value).toBe('${NODE?err}');
    expect(expandVariables('a$', values).value).toBe('a$');
    expect(expandVariables('${NODE', values).value).toBe('${NODE');
  });
});
