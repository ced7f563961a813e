import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import { formatReport } from '../../src/format/index.js';
import { checkDirective, parseCheckOptions } from '../../src/lint/check-directive.js';
import { lintText } from '../../src/lint/lint.js';
import { defaultSettings, type LintSettings } from '../../src/lint/settings.js';
import { allRules } from '../../src/rules/index.js';

const buildkit = allRules.filter((rule) => rule.buildkit);
const meta = allRules.filter((rule) => rule.code === 'PL2008' || rule.code === 'PL2009');

function lint(text: string, settings: Partial<LintSettings> = {}, rules = buildkit) {
  return lintText('Dockerfile', text, { rules, settings: { ...defaultSettings(), ...settings } }).findings;
}
const summary = (findings: ReturnType<typeof lint>) => findings.map((f) => `${f.line} ${f.level} ${f.code}`);

const FROM_AS = "'as' and 'FROM' keywords' casing do not match";

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

describe('the directive applied to BuildKit checks (testRuleCheckOption)', () => {
  const file = (directive: string) => `${directive}\nFROM scratch as base\ncopy Dockerfile .\n`;

  it('skip=all', () => expect(lint(file('#check=skip=all'))).toEqual([]));
  it('skip=all;error=true', () => expect(lint(file('#check=skip=all;error=true'))).toEqual([]));
  it('skip=ConsistentInstructionCasing,FromAsCasing', () => expect(lint(file('#check=skip=ConsistentInstructionCasing,FromAsCasing'))).toEqual([]));
  it('skip=ConsistentInstructionCasing,FromAsCasing;error=true', () => expect(lint(file('#check=skip=ConsistentInstructionCasing,FromAsCasing;error=true'))).toEqual([]));
  it('skip=ConsistentInstructionCasing', () => {
    expect(lint(file('#check=skip=ConsistentInstructionCasing')).map((f) => [f.line, f.level, f.code, f.message])).toEqual([[2, 'warning', 'FromAsCasing', FROM_AS]]);
  });
  it('skip=ConsistentInstructionCasing;error=true: the finding is an error', () => {
    expect(lint(file('#check=skip=ConsistentInstructionCasing;error=true')).map((f) => [f.line, f.level, f.code])).toEqual([[2, 'error', 'FromAsCasing']]);
  });
  it('the build argument replaces the directive', () => {
    expect(summary(lint(file('#check=skip=all'), { buildkitCheck: 'skip=ConsistentInstructionCasing;error=true' }))).toEqual(['2 error FromAsCasing']);
    expect(lint(file('#check=error=true'), { buildkitCheck: 'skip=all' })).toEqual([]);
  });
  it('an empty build argument still replaces the directive', () => {
    expect(summary(lint(file('#check=skip=all'), { buildkitCheck: '' }))).toEqual(['2 warning FromAsCasing', '3 warning ConsistentInstructionCasing']);
  });
  it('no directive: every non-experimental check, as warnings', () => {
    expect(summary(lint(file('# nothing')))).toEqual(['2 warning FromAsCasing', '3 warning ConsistentInstructionCasing']);
  });
  it('names are case-sensitive', () => {
    expect(summary(lint(file('#check=skip=fromascasing,consistentinstructioncasing')))).toEqual(['2 warning FromAsCasing', '3 warning ConsistentInstructionCasing']);
  });
  it('error=true leaves other families alone', () => {
    const findings = lintText('Dockerfile', '# check=error=true\nFROM scratch as base\nMAINTAINER me\n', { settings: defaultSettings() }).findings;
    expect(findings.filter((f) => f.code === 'DL4000').map((f) => f.level)).toEqual(['error']);
    expect(findings.filter((f) => f.code === 'DL3006' || f.code === 'DL3059').every((f) => f.level !== 'error')).toBe(true);
    expect(findings.filter((f) => f.code === 'MaintainerDeprecated').map((f) => f.level)).toEqual(['error']);
  });
  it('a directive BuildKit refuses: no BuildKit check runs, PL2008 says the build fails', () => {
    const text = '# check=skip=all;error=yes\nFROM scratch as base\nMAINTAINER me\n';
    expect(lint(text)).toEqual([]);
    expect(lint(text, {}, meta).map((f) => [f.line, f.level, f.code, f.message])).toEqual([
      [1, 'error', 'PL2008', 'BuildKit refuses this # check= directive, the build fails: failed to parse check options: failed to parse check option "error=yes": strconv.ParseBool: parsing "yes": invalid syntax'],
    ]);
  });
  it('unknown rule names: BuildKit ignores them, PL2009 says so', () => {
    const text = '# check=skip=FromAsCasng,fromascasing;experimental=Nope\nFROM scratch\n# check=skip=MaintainerDeprecatd\nMAINTAINER me\n# check=bogus\nCMD ["a"]\n';
    expect(lint(text, {}, meta).map((f) => [f.line, f.code, f.message])).toEqual([
      [1, 'PL2009', 'BuildKit ignores "FromAsCasng" in # check=: it has no rule of that name (did you mean FromAsCasing?)'],
      [1, 'PL2009', 'BuildKit ignores "fromascasing" in # check=: it has no rule of that name (did you mean FromAsCasing?)'],
      [1, 'PL2009', 'BuildKit ignores "Nope" in # check=: it has no rule of that name'],
      [3, 'PL2009', 'BuildKit ignores "MaintainerDeprecatd" in # check=: it has no rule of that name (did you mean MaintainerDeprecated?)'],
      [5, 'PL2009', 'BuildKit ignores this # check= comment: invalid check option "bogus"'],
    ]);
  });
  it('a parse problem: checks made while parsing report above it, the others not at all', () => {
    expect(summary(lint('FROM scratch AS Bad\nMAINTAINER me\nBADCMD\nMAINTAINER again\nWORKDIR rel\n').filter((f) => f.code !== 'DL1000'))).toEqual(['1 warning StageNameCasing', '2 warning MaintainerDeprecated']);
  });
});

describe('levels, pragmas and families reach BuildKit codes', () => {
  const text = 'FROM scratch as base\nMAINTAINER me\n';
  it('a level override and off', () => {
    expect(summary(lint(text, { levels: { FromAsCasing: 'error', MaintainerDeprecated: 'off' } }))).toEqual(['1 error FromAsCasing']);
  });
  it('a family switched off; a rule named on its own wins', () => {
    expect(summary(lint(text, { levels: { buildkit: 'off' } }))).toEqual([]);
    expect(summary(lint(text, { levels: { buildkit: 'off', MaintainerDeprecated: 'info' } }))).toEqual(['2 info MaintainerDeprecated']);
    const all = lintText('Dockerfile', text, { settings: { ...defaultSettings(), levels: { hadolint: 'off' } } }).findings;
    expect(all.some((f) => f.code.startsWith('DL'))).toBe(false);
    expect(all.some((f) => f.code === 'MaintainerDeprecated')).toBe(true);
  });
  it('ignore pragmas name BuildKit checks', () => {
    expect(summary(lint('# hadolint ignore=FromAsCasing,DL3006\nFROM scratch as base\n# plimsoll ignore=MaintainerDeprecated\nMAINTAINER me\n'))).toEqual([]);
    expect(summary(lint('# hadolint global ignore=MaintainerDeprecated\nFROM scratch as base\nMAINTAINER me\n'))).toEqual(['2 warning FromAsCasing']);
  });
  it('the ignored list drops BuildKit checks', () => {
    expect(summary(lint(text, { ignored: ['FromAsCasing'] }))).toEqual(['2 warning MaintainerDeprecated']);
  });
  it('every format carries BuildKit codes', () => {
    const findings = lint(text);
    const report = { files: ['Dockerfile'], findings };
    expect(JSON.parse(formatReport('json', report, { color: false, rules: allRules, version: '0' }))).toEqual([
      { code: 'FromAsCasing', column: 1, file: 'Dockerfile', level: 'warning', line: 1, message: FROM_AS },
      { code: 'MaintainerDeprecated', column: 1, file: 'Dockerfile', level: 'warning', line: 2, message: 'Maintainer instruction is deprecated in favor of using label' },
    ]);
    const sarif = JSON.parse(formatReport('sarif', report, { color: false, rules: allRules, version: '0' })) as { runs: Array<{ results: Array<{ ruleId: string }>; tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } } }> };
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toEqual(['FromAsCasing', 'MaintainerDeprecated']);
    for (const format of ['tty', 'checkstyle', 'gnu', 'github', 'codeclimate', 'gitlab_codeclimate', 'codacy', 'sonarqube', 'junit'] as const) {
      expect(formatReport(format, report, { color: false, rules: allRules, version: '0' })).toContain('FromAsCasing');
    }
  });
});
