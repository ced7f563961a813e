import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import type { Finding } from '../../src/findings.js';
import { applyPragmas, parseIgnorePragma, parsePragma } from '../../src/lint/pragmas.js';
import { defaultSettings } from '../../src/lint/settings.js';

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

/** A finding as a rule would report it; only code and line matter to the pragmas. */
function finding(code: string, line: number): Finding {
  return { code, level: 'warning', file: 'Dockerfile', line, column: 1, message: code };
}

type Hit = [code: string, line: number];

function kept(text: string, hits: Hit[], disableIgnorePragma = false): Hit[] {
  const dockerfile = parseDockerfile('Dockerfile', text);
  const settings = { ...defaultSettings(), disableIgnorePragma };
  return applyPragmas(hits.map(([code, line]) => finding(code, line)), dockerfile, settings).map(
    (f): Hit => [f.code, f.line],
  );
}

describe('applyPragmas: which findings an ignore pragma silences', () => {
  const cases: Array<[name: string, text: string, reported: Hit[], expected: Hit[]]> = [
    [
      'inline ignore on the line directly above the instruction',
      '# hadolint ignore=DL3006\nFROM ubuntu\n',
      [['DL3006', 2]],
      [],
    ],
    [
      'inline ignore covers only the codes it lists',
      '# hadolint ignore=DL3006\nFROM ubuntu:latest\n',
      [['DL3006', 2], ['DL3007', 2]],
      [['DL3007', 2]],
    ],
    [
      'inline ignore covers only the next line, not the whole file',
      '# hadolint ignore=DL3059\nRUN a\nRUN b\n',
      [['DL3059', 2], ['DL3059', 3]],
      [['DL3059', 3]],
    ],
    [
      'a blank line between pragma and instruction breaks it',
      '# hadolint ignore=DL3006\n\nFROM ubuntu\n',
      [['DL3006', 3]],
      [['DL3006', 3]],
    ],
    [
      'another comment between pragma and instruction breaks it',
      '# hadolint ignore=DL3006\n# why\nFROM ubuntu\n',
      [['DL3006', 3]],
      [['DL3006', 3]],
    ],
    [
      'pragma two lines above USER does not cover USER (upstream test)',
      '# hadolint ignore=DL3002\nFROM ubuntu:22.04\nUSER root\n',
      [['DL3002', 3]],
      [['DL3002', 3]],
    ],
    [
      'several codes with a trailing reason',
      'FROM ubuntu:22.04\n# hadolint ignore=DL3003,SC1035 # We accept these\nRUN cd /tmp && echo "hello!"\n',
      [['DL3003', 3], ['SC1035', 3], ['DL3059', 3]],
      [['DL3059', 3]],
    ],
    [
      'blanks around = and , are fine (upstream test)',
      'FROM node:20 AS foo\nFROM node:20\n# hadolint ignore=DL3023, DL3021\nCOPY --from=foo bar baz .\n',
      [['DL3023', 4], ['DL3021', 4]],
      [],
    ],
    [
      'a finding on a continuation line is covered by the pragma above the instruction start',
      'FROM ubuntu:22.04\n# hadolint ignore=PL2002\nRUN apt-get update && \\\n    curl -k https://x\n',
      [['PL2002', 4]],
      [],
    ],
    [
      'indented pragma comment counts',
      'FROM ubuntu:22.04\n    # hadolint ignore=DL3059\nRUN b\n',
      [['DL3059', 3]],
      [],
    ],
    [
      'a lowercase or foreign name makes the whole pragma void (upstream test)',
      'FROM ubuntu:22.04\n# hadolint ignore=crazy,DL3002\nUSER root\n',
      [['DL3002', 3]],
      [['DL3002', 3]],
    ],
    [
      'trailing comma voids the pragma',
      '# hadolint ignore=DL3006,\nFROM ubuntu\n',
      [['DL3006', 2]],
      [['DL3006', 2]],
    ],
    [
      'plimsoll spelling and PL codes',
      '# plimsoll ignore=PL1004,DL3006\nFROM ubuntu\n',
      [['PL1004', 2], ['DL3006', 2], ['PL2001', 2]],
      [['PL2001', 2]],
    ],
    [
      'global ignore before the instructions covers the whole file',
      '# hadolint global ignore=DL3003,DL3006,SC1035 # We accept these\nFROM ubuntu\nRUN cd /tmp && echo "foo"\n',
      [['DL3006', 2], ['DL3003', 3], ['SC1035', 3], ['DL3059', 3]],
      [['DL3059', 3]],
    ],
    [
      'global ignore at the end of the file still covers everything',
      'FROM ubuntu\nRUN cd /tmp\n# plimsoll global ignore=DL3006, DL3003\n',
      [['DL3006', 1], ['DL3003', 2]],
      [],
    ],
    [
      'global ignores add up',
      '# hadolint global ignore=DL3006\n# hadolint global ignore=DL3003\nFROM ubuntu\nRUN cd /tmp\n',
      [['DL3006', 3], ['DL3003', 4]],
      [],
    ],
    [
      'stage ignore covers the rest of its stage only',
      '# hadolint stage ignore=DL3011\nFROM ubuntu\nEXPOSE 80000\nFROM ubuntu\nEXPOSE 80000\n',
      [['DL3011', 3], ['DL3011', 5]],
      [['DL3011', 5]],
    ],
    [
      // hadolint picks the entry with the largest key < line: the pragma's own FROM is not
      // covered, the next FROM line still is.
      'stage ignore skips its own FROM line and reaches the next FROM line (hadolint compares with <)',
      '# hadolint stage ignore=DL3006\nFROM ubuntu\nFROM debian\nRUN x\n',
      [['DL3006', 2], ['DL3006', 3], ['DL3006', 4]],
      [['DL3006', 2], ['DL3006', 4]],
    ],
    [
      'stage ignore in the middle of a stage covers the lines after the instruction below it',
      'FROM ubuntu:22.04\nRUN a\n# hadolint stage ignore=DL3059\nRUN b\nRUN c\nFROM debian:12\nRUN d\n',
      [['DL3059', 2], ['DL3059', 4], ['DL3059', 5], ['DL3059', 7]],
      [['DL3059', 2], ['DL3059', 4], ['DL3059', 7]],
    ],
    [
      'stage ignore in the second stage leaves the first alone',
      'FROM ubuntu:22.04\nEXPOSE 80000\n# plimsoll stage ignore=DL3011\nFROM debian:12\nEXPOSE 80000\n',
      [['DL3011', 2], ['DL3011', 5]],
      [['DL3011', 2]],
    ],
    [
      'a shell pragma ignores nothing',
      '# hadolint shell=powershell\nFROM ubuntu\n',
      [['DL3006', 2]],
      [['DL3006', 2]],
    ],
    [
      'a pragma-looking comment inside a continuation is not a pragma',
      'FROM ubuntu:22.04\nRUN apt-get update \\\n# hadolint ignore=DL3009\n  && apt-get install -y x\nRUN b\n',
      [['DL3009', 2], ['DL3009', 5]],
      [['DL3009', 2], ['DL3009', 5]],
    ],
    [
      'CRLF line endings',
      '# hadolint ignore=DL3006\r\nFROM ubuntu\r\n',
      [['DL3006', 2]],
      [],
    ],
  ];

  it.each(cases)('%s', (_name, text, reported, expected) => {
    expect(kept(text, reported)).toEqual(expected);
  });

  it('disable-ignore-pragma keeps every finding (inline, stage and global)', () => {
    const text = '# hadolint global ignore=DL3003\n# hadolint stage ignore=DL3011\nFROM ubuntu\n# hadolint ignore=DL3059\nRUN cd /tmp\nEXPOSE 80000\n';
    const reported: Hit[] = [['DL3003', 5], ['DL3059', 5], ['DL3011', 6]];
    expect(kept(text, reported, false)).toEqual([]);
    expect(kept(text, reported, true)).toEqual(reported);
  });

  it('keeps findings untouched in a file without comments', () => {
    expect(kept('FROM ubuntu\nRUN cd /tmp\n', [['DL3006', 1], ['DL3003', 2]])).toEqual([['DL3006', 1], ['DL3003', 2]]);
  });
});
