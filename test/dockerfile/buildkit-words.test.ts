import { describe, expect, it } from 'vitest';
import { processWord } from '../../src/dockerfile/facts/buildkit-words.js';

const env = new Map([['A', 'x'], ['EMPTY', ''], ['V', 'hello.tar.gz']]);
const run = (word: string, escape = '\\') => {
  const r = processWord(word, env, { escape });
  return { result: r.result, matched: [...r.matched], unmatched: [...r.unmatched], error: r.error };
};

describe("processWord: BuildKit's shell lexer (frontend/dockerfile/shell/lex.go)", () => {
  it.each([
    ['$A', { result: 'x', matched: ['A'], unmatched: [], error: null }],
    ['${A}-$B', { result: 'x-', matched: ['A'], unmatched: ['B'], error: null }],
    ['${B:-d}', { result: 'd', matched: [], unmatched: ['B'], error: null }],
    ['${EMPTY:-d}', { result: 'd', matched: ['EMPTY'], unmatched: [], error: null }],
    ['${EMPTY-d}', { result: '', matched: ['EMPTY'], unmatched: [], error: null }],
    ['${A:+y}${B+y}', { result: 'y', matched: ['A'], unmatched: ['B'], error: null }],
    ['${V%.*}|${V%%.*}|${V#*.}|${V##*.}', { result: 'hello.tar|hello|tar.gz|gz', matched: ['V'], unmatched: [], error: null }],
    ['${V/l/L}|${V//l/L}', { result: 'heLlo.tar.gz|heLLo.tar.gz', matched: ['V'], unmatched: [], error: null }],
    ["'$A'\"$A\"\\$A", { result: '$Ax$A', matched: ['A'], unmatched: [], error: null }],
    ['$1 $@', { result: ' ', matched: [], unmatched: ['1', '@'], error: null }],
    ['a$', { result: 'a$', matched: [], unmatched: [], error: null }],
    ['${A', { result: '', matched: [], unmatched: [], error: 'unsupported modifier (\uFFFD) in substitution' }],
    ['${A:-x', { result: '', matched: [], unmatched: [], error: "syntax error: missing '}'" }],
    ['${:}', { result: '', matched: [], unmatched: [], error: 'syntax error: bad substitution' }],
    ['${B?must be set}', { result: '', matched: [], unmatched: ['B'], error: 'B: must be set' }],
    ['"open', { result: '', matched: [], unmatched: [], error: 'unexpected end of statement while looking for matching double-quote' }],
  ])('%s', (word, want) => expect(run(word)).toEqual(want));

  it('the backtick escape', () => expect(run('`$A$A', '`').result).toBe('$Ax'));
  it('splits words after expansion, quotes kept together', () => {
    expect(processWord('80/tcp  "8 1" $P', new Map([['P', '90 91']])).words).toEqual(['80/tcp', '8 1', '90', '91']);
  });
  it('hostile words end in a clear error, not a crash', () => {
    expect(processWord(`${'${A:-'.repeat(10_000)}x${'}'.repeat(10_000)}`, env).error).toBe('substitutions nested too deeply');
    const long = new Map([['L', 'a'.repeat(200_000)]]);
    expect(processWord('${L%a*b}', long).result).toHaveLength(200_000);
  });
});
