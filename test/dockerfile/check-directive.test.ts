import { describe, expect, it } from 'vitest';
import { checkDirective, parseCheckOptions } from '../../src/dockerfile/check-directive.js';
import { parseDockerfile } from '../../src/dockerfile/model.js';

describe('parseCheckOptions: BuildKit linter.ParseLintOptions', () => {
  it.each([
    ['', { skipAll: false, skip: [], experimentalAll: false, experimental: [], error: false }],
    ['skip=all', { skipAll: true, skip: [], experimentalAll: false, experimental: [], error: false }],
    ['skip=A, B ;error=true', { skipAll: false, skip: ['A', 'B'], experimentalAll: false, experimental: [], error: true }],
    [' experimental = all ; error = 1', { skipAll: false, skip: [], experimentalAll: true, experimental: [], error: true }],
    ['error=False;skip=x', { skipAll: false, skip: ['x'], experimentalAll: false, experimental: [], error: false }],
    // At most three parts: a fourth stays in the third's value (strings.SplitN).
    ['skip=A;error=true;experimental=B;skip=C', { skipAll: false, skip: ['A'], experimentalAll: false, experimental: ['B;skip=C'], error: true }],
  ])('%j', (text, want) => {
    const parsed = parseCheckOptions(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect({ ...parsed.config, skip: [...parsed.config.skip], experimental: [...parsed.config.experimental] }).toEqual(want);
  });

  it.each([
    ['skip', 'invalid check option "skip"'],
    ['skipp=all', 'invalid check option "skipp"'],
    ['error=yes', 'failed to parse check option "error=yes": strconv.ParseBool: parsing "yes": invalid syntax'],
    ['skip=A;;error=true', 'invalid check option ""'],
  ])('refuses %j with BuildKit\'s error', (text, error) => {
    expect(parseCheckOptions(text)).toEqual({ ok: false, error });
  });

  it('reads the directive as BuildKit does: top of the file, column 1, the value up to a blank', () => {
    expect(checkDirective(parseDockerfile('D', '# check=skip=A,B error=true\nFROM a\n'))).toEqual({ value: 'skip=A,B', line: 1 });
    expect(checkDirective(parseDockerfile('D', '#!/usr/bin/env docker\n# syntax=docker/dockerfile:1\n#check = error=true\nFROM a\n'))).toEqual({ value: 'error=true', line: 3 });
    expect(checkDirective(parseDockerfile('D', 'FROM a\n# check=error=true\n'))).toBeNull();
    expect(checkDirective(parseDockerfile('D', '# a comment\n# check=error=true\nFROM a\n'))).toBeNull();
    expect(checkDirective(parseDockerfile('D', ' # check=error=true\nFROM a\n'))).toBeNull();
  });
});
