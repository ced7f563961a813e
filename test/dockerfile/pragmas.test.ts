import { describe, expect, it } from 'vitest';
import { parseIgnorePragma, parsePragma } from '../../src/dockerfile/pragmas.js';

describe('parsePragma: the comment grammar hadolint accepts', () => {
  const cases: Array<[string, ReturnType<typeof parsePragma>]> = [
    [' hadolint ignore=DL3008', { kind: 'ignore', rules: ['DL3008'] }],
    ['hadolint ignore=DL3000', { kind: 'ignore', rules: ['DL3000'] }],
    ['   hadolint ignore=DL3003,SC1035', { kind: 'ignore', rules: ['DL3003', 'SC1035'] }],
    [' hadolint ignore=DL3023, DL3021', { kind: 'ignore', rules: ['DL3023', 'DL3021'] }],
    [' hadolint ignore = DL3023 , DL3021', { kind: 'ignore', rules: ['DL3023', 'DL3021'] }],
    ['\thadolint\tignore=DL3008', { kind: 'ignore', rules: ['DL3008'] }],
    [' hadolint ignore=DL3002 # reason', { kind: 'ignore', rules: ['DL3002'] }],
    [' hadolint ignore=DL3002#reason', { kind: 'ignore', rules: ['DL3002'] }],
    [' hadolint ignore=DL3002 ', { kind: 'ignore', rules: ['DL3002'] }],
    [' hadolint ignore=DL3002\r', { kind: 'ignore', rules: ['DL3002'] }],
    // The trailing comment swallows the rest of the line, commas included.
    [' hadolint ignore=DL1 # x, DL2', { kind: 'ignore', rules: ['DL1'] }],
    // hadolint checks characters only.
    [' hadolint ignore=DDD', { kind: 'ignore', rules: ['DDD'] }],
    // Plimsoll's extensions.
    [' plimsoll ignore=PL2001', { kind: 'ignore', rules: ['PL2001'] }],
    [' hadolint ignore=DL3008,PL2001', { kind: 'ignore', rules: ['DL3008', 'PL2001'] }],
    [' hadolint global ignore=DL3003,DL3006,SC1035 # why', { kind: 'global', rules: ['DL3003', 'DL3006', 'SC1035'] }],
    [' hadolint global ignore = DL3023 , DL3021', { kind: 'global', rules: ['DL3023', 'DL3021'] }],
    [' plimsoll global ignore=PL1004', { kind: 'global', rules: ['PL1004'] }],
    [' hadolint stage ignore=DL3011', { kind: 'stage', rules: ['DL3011'] }],
    [' hadolint shell=powershell', { kind: 'shell', shell: 'powershell' }],
    [' hadolint shell = powershell.exe', { kind: 'shell', shell: 'powershell.exe' }],
    [' hadolint shell=powershell # comment', { kind: 'shell', shell: 'powershell' }],
    // BuildKit's check names: letters only, starting upper-case (hadolint itself rejects these).
    [' hadolint ignore=FromAsCasing,DL3006', { kind: 'ignore', rules: ['FromAsCasing', 'DL3006'] }],
    [' plimsoll global ignore=UndefinedVar # noisy here', { kind: 'global', rules: ['UndefinedVar'] }],
    // Not pragmas: nothing is ignored.
    [' hadolint ignore=DL3008x', null],
    [' hadolint ignore=fromAsCasing', null],
    [' hadolint ignore=From_As', null],
    [' hadolint ignore=crazy,DL3002', null],
    [' hadolint ignore=dl3008', null],
    [' hadolint ignore=DL3008,', null],
    [' hadolint ignore=DL3008 DL3009', null],
    [' hadolint ignore=DL3008 because apt', null],
    [' hadolint ignore=', null],
    [' hadolint ignore DL3008', null],
    [' hadolintignore=DL3008', null],
    [' Hadolint ignore=DL3008', null],
    [' hadolint IGNORE=DL3008', null],
    [' hadolint ignored=DL3008', null],
    [' hadolint global  ignore=', null],
    [' hadolint globalignore=DL3008', null],
    [' plimsol ignore=DL3008', null],
    [' escape=`', null],
    [' just a comment', null],
    ['', null],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(parsePragma(text)).toEqual(expected);
  });

  it('parseIgnorePragma answers only the inline ignore form (what DL1001 flags)', () => {
    expect(parseIgnorePragma(' hadolint ignore=DL3008')).toEqual(['DL3008']);
    expect(parseIgnorePragma(' hadolint global ignore=DL3008')).toBeNull();
    expect(parseIgnorePragma(' hadolint stage ignore=DL3008')).toBeNull();
    expect(parseIgnorePragma(' hadolint shell=bash')).toBeNull();
  });
});
