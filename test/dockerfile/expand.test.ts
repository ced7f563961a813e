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
});
