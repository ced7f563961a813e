import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/dockerfile/model.js';
import { copyPaths, flagValue, onbuildTriggers } from '../../../src/dockerfile/facts/instructions.js';

const instructions = (text: string) => parseDockerfile('Dockerfile', text).instructions;

describe('instruction facts', () => {
  it('flagValue: the value, empty for a bare flag, null when absent', () => {
    const [copy] = instructions('COPY --from=build --link a b');
    expect(flagValue(copy!, 'from')).toBe('build');
    expect(flagValue(copy!, 'link')).toBe('');
    expect(flagValue(copy!, 'chown')).toBeNull();
  });
  it('copyPaths splits at blanks after the flags, keeping quotes and backslashes (language-docker)', () => {
    const [a, b, c] = instructions('COPY --chown=1:1 "my file" dir\\x.tar /dst/\nCOPY ["a b", "c"]\nADD --checksum=sha256:1 http://x/y.tgz /');
    expect(copyPaths(a!)).toEqual(['"my', 'file"', 'dir\\x.tar', '/dst/']);
    expect(copyPaths(b!)).toEqual(['a b', 'c']);
    expect(copyPaths(c!)).toEqual(['http://x/y.tgz', '/']);
  });
  it('onbuildTriggers: the triggers, each on its ONBUILD line', () => {
    const triggers = onbuildTriggers(parseDockerfile('Dockerfile', 'FROM a\nONBUILD RUN make\nONBUILD \\\n  COPY a b'));
    expect(triggers.map((t) => [t.keyword, t.line])).toEqual([['RUN', 2], ['COPY', 3]]);
  });
});
