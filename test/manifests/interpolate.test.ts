import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../src/manifests/dotenv.js';
import { interpolate } from '../../src/manifests/interpolate.js';
import { placeOf, written } from '../../src/manifests/traced.js';

/** Compose's interpolation ("Interpolation" in the Compose Specification) and its .env syntax. */

const env = (text: string) => {
  const entries = parseDotenv(text, '.env');
  return (name: string) => {
    const entry = entries.get(name);
    return entry === undefined ? undefined : entry.value;
  };
};

describe('interpolate', () => {
  it.each([
    ['plain text', 'nginx:1.25.3', '', 'nginx:1.25.3'],
    ['${VAR}', 'nginx:${TAG}', 'TAG=1.25.3', 'nginx:1.25.3'],
    ['$VAR', 'nginx:$TAG', 'TAG=1.25.3', 'nginx:1.25.3'],
    ['$VAR ends at a character a name cannot hold', 'nginx:$TAG-alpine', 'TAG=1.25.3', 'nginx:1.25.3-alpine'],
    [':- unset', 'nginx:${TAG:-1.24}', '', 'nginx:1.24'],
    [':- empty', 'nginx:${TAG:-1.24}', 'TAG=', 'nginx:1.24'],
    [':- set', 'nginx:${TAG:-1.24}', 'TAG=1.25', 'nginx:1.25'],
    ['- unset', 'nginx:${TAG-1.24}', '', 'nginx:1.24'],
    ['- empty', 'nginx:${TAG-1.24}', 'TAG=', 'nginx:'],
    [':+ set', 'nginx${TAG:+:1.25}', 'TAG=x', 'nginx:1.25'],
    [':+ empty', 'nginx${TAG:+:1.25}', 'TAG=', 'nginx'],
    ['+ empty', 'nginx${TAG+:1.25}', 'TAG=', 'nginx:1.25'],
    [':? set', 'nginx:${TAG:?no tag}', 'TAG=1.25', 'nginx:1.25'],
    ['nested default', '${A:-${B:-x}}', 'B=y', 'y'],
    ['nested default, all unset', '${A:-${B:-x}}', '', 'x'],
    ['$$ escapes', 'a$$b', '', 'a$b'],
    ['$$ before a brace', '$${TAG}', 'TAG=1', '${TAG}'],
    ['a lone $ is kept', 'a$-b', '', 'a$-b'],
    ['a default with a colon', '${IMAGE:-redis:7.2.4}', '', 'redis:7.2.4'],
  ])('%s', (_name, input, envText, expected) => {
    const result = interpolate(written(input, 'compose.yaml', 0), env(envText));
    expect(result.problem).toBeNull();
    expect(result.value?.text).toBe(expected);
  });

  it.each([
    ['${VAR} unset', 'nginx:${TAG}', '', 'unset', 'TAG'],
    ['$VAR unset', 'nginx:$TAG', '', 'unset', 'TAG'],
    [':? unset', 'nginx:${TAG:?need it}', '', 'required', 'TAG'],
    [':? empty', 'nginx:${TAG:?need it}', 'TAG=', 'required', 'TAG'],
    ['? unset', 'nginx:${TAG?need it}', '', 'required', 'TAG'],
    ['unclosed brace', 'nginx:${TAG', '', 'invalid', ''],
    ['a bad name', 'nginx:${1TAG}', '', 'invalid', ''],
    ['an unknown operator', 'nginx:${TAG/x/y}', '', 'invalid', 'TAG'],
    ['a nested variable with no value', '${A:-${B}}', '', 'unset', 'B'],
    ['a .env value made of an unset variable', 'nginx:${TAG}', 'TAG=${UNSET}', 'unknown', 'TAG'],
  ])('%s: no value', (_name, input, envText, kind, name) => {
    const result = interpolate(written(input, 'compose.yaml', 0), env(envText));
    expect(result.value).toBeNull();
    expect(result.problem).toMatchObject({ kind, name });
  });

  it('keeps each character\'s place: a default in the compose file, a value in .env', () => {
    const fromDefault = interpolate(written('node:${TAG:-20.11.1}', 'compose.yaml', 100), env(''));
    expect(placeOf(fromDefault.value!, 5, 12)).toEqual({ file: 'compose.yaml', start: 112, end: 119 });
    expect(fromDefault.variables).toEqual([{ name: 'TAG', from: 'default', value: expect.objectContaining({ text: '20.11.1' }) }]);
    const fromEnv = interpolate(written('node:${TAG:-1}', 'compose.yaml', 0), env('# pins\nTAG=20.11.1\n'));
    expect(placeOf(fromEnv.value!, 5, 12)).toEqual({ file: '.env', start: 11, end: 18 });
    expect(fromEnv.variables[0]).toMatchObject({ name: 'TAG', from: 'env-file' });
  });
});

describe('.env files', () => {
  it.each([
    ['VAR=VAL', 'TAG=1.25.3', '1.25.3'],
    ['double quotes', 'TAG="1.25.3"', '1.25.3'],
    ['single quotes', "TAG='1.25.3'", '1.25.3'],
    ['an inline comment after a blank', 'TAG=1.25.3 # pinned', '1.25.3'],
    ['# without a blank is part of the value', 'TAG=1.25.3#x', '1.25.3#x'],
    ['a comment after a closing quote', 'TAG="1.25 # not a comment" # comment', '1.25 # not a comment'],
    ['single quotes are literal', "TAG='${OTHER}'", '${OTHER}'],
    ['an escaped quote in single quotes', "TAG='it\\'s'", "it's"],
    ['escapes in double quotes', 'TAG="a\\tb"', 'a\tb'],
    ['export prefix', 'export TAG=1.25.3', '1.25.3'],
    ['blanks around =', 'TAG = 1.25.3', '1.25.3'],
    ['trailing blanks', 'TAG=1.25.3   ', '1.25.3'],
    ['CRLF', 'TAG=1.25.3\r\n', '1.25.3'],
    ['interpolation of an earlier variable', 'V=1.25\nTAG=${V}.3', '1.25.3'],
    ['a later line wins', 'TAG=1\nTAG=2', '2'],
    ['an empty value', 'TAG=', ''],
  ])('%s', (_name, text, expected) => {
    expect(parseDotenv(text, '.env').get('TAG')?.value?.text).toBe(expected);
  });

  it('skips comments, blank lines and lines that set nothing', () => {
    const entries = parseDotenv('# comment\n\n  \nJUST_A_NAME\n=novar\nTAG=1\n', '.env');
    expect([...entries.keys()]).toEqual(['TAG']);
    expect(entries.get('TAG')?.line).toBe(6);
  });

  it('reads a double-quoted value across lines and counts lines after it', () => {
    const entries = parseDotenv('A="x\ny"\nTAG=2\n', '.env');
    expect(entries.get('A')?.value?.text).toBe('x\ny');
    expect(entries.get('TAG')?.line).toBe(3);
  });

  it('an escape sequence has no single place, so a bump will not edit it', () => {
    const value = parseDotenv('TAG="1\\t2"\n', '.env').get('TAG')!.value!;
    expect(placeOf(value, 0, 1)).toEqual({ file: '.env', start: 5, end: 6 });
    expect(placeOf(value, 1, 2)).toBeNull();
  });
});
