import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import { lintBatch } from '../../src/lint/batch.js';
import { defaultSettings } from '../../src/lint/settings.js';
import { DL3006 } from '../../src/rules/DL3006.js';
import { headerLineCount, shellcheckHits, type ShellCheckComment } from '../../src/shellcheck/findings.js';
import type { ShellCheckRunner } from '../../src/shellcheck/run.js';
import { shellcheckScripts } from '../../src/shellcheck/scripts.js';

const comment = (over: Partial<ShellCheckComment>): ShellCheckComment => ({
  line: 1, endLine: 1, column: 1, endColumn: 2, level: 'warning', code: 2154, message: 'x is referenced but not assigned.', ...over,
});

describe('shellcheckHits: ShellCheck comments as findings', () => {
  const dockerfile = parseDockerfile('Dockerfile', 'FROM debian\nRUN apt-get update \\\n    && echo $a\n');
  const [script] = shellcheckScripts(dockerfile);
  const header = headerLineCount(script!);
  const at = script!.text.indexOf('$a') + 1; // 1-based column of `$a` in ShellCheck's file

  it('reports on the RUN line, column 1, with the span running to the script\'s own line', () => {
    const hits = shellcheckHits(script!, [
      comment({ line: header + 1, endLine: header + 1, column: at, endColumn: at + 2, level: 'info', code: 2086, message: 'Double quote to prevent globbing and word splitting.' }),
    ]);
    expect(hits).toEqual([
      { code: 'SC2086', level: 'info', line: 2, column: 1, endLine: 3, endColumn: 15, message: 'Double quote to prevent globbing and word splitting.' },
    ]);
  });

  it('keeps hadolint\'s levels (error, warning, info, style; anything else is an error)', () => {
    const levels = ['error', 'warning', 'info', 'style', 'unknown'].map((level) => shellcheckHits(script!, [comment({ line: header + 1, level })])[0]!.level);
    expect(levels).toEqual(['error', 'warning', 'info', 'style', 'error']);
  });

  it('drops the codes hadolint excludes (2187 ash, 1090/1091 source)', () => {
    const hits = shellcheckHits(script!, [2187, 1090, 1091, 2035].map((code) => comment({ line: header + 1, code })));
    expect(hits.map((hit) => hit.code)).toEqual(['SC2035']);
  });

  it('places a comment on the #! line (an unsupported shell) on the RUN line', () => {
    const hits = shellcheckHits(script!, [comment({ line: 1, level: 'error', code: 1071, message: 'ShellCheck only supports sh/bash/dash/ksh scripts. Sorry!' })]);
    expect(hits[0]).toEqual(expect.objectContaining({ code: 'SC1071', line: 2, endLine: 2 }));
  });
});

/** A ShellCheck stand-in: answers every script with the same comments on its first line. */
function fakeShellCheck(comments: Array<Partial<ShellCheckComment>>): ShellCheckRunner & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    async check(files) {
      calls.push([...files]);
      return {
        ok: true,
        comments: files.map((file) => {
          const header = file.split('\n').findIndex((line) => !line.startsWith('#!') && !line.startsWith('export '));
          return comments.map((c) => comment({ ...c, line: header + 1, endLine: header + 1 }));
        }),
      };
    },
  };
}

describe('lintBatch with ShellCheck', () => {
  const sc2086 = { level: 'info', code: 2086, message: 'Double quote to prevent globbing and word splitting.' };
  const sc2154 = { level: 'warning', code: 2154, message: 'a is referenced but not assigned.' };

  it('checks every script of every file in one ShellCheck call and merges the findings in order', async () => {
    const runner = fakeShellCheck([sc2086]);
    const files = [
      { path: 'a/Dockerfile', text: 'FROM debian:12\nRUN echo $a\nRUN echo $b\n' },
      { path: 'b/Dockerfile', text: 'FROM debian\nRUN echo $c\n' },
    ];
    const result = await lintBatch(files, { rules: [DL3006], shellcheck: runner });
    expect(runner.calls).toHaveLength(1);
    expect(runner.calls[0]).toHaveLength(3);
    expect(result.shellcheck).toEqual({ state: 'ran' });
    const codes = result.files.map((file) => ('findings' in file ? file.findings.map((f) => `${f.line} ${f.code} ${f.level}`) : []));
    expect(codes).toEqual([['2 SC2086 info', '3 SC2086 info'], ['1 DL3006 warning', '2 SC2086 info']]);
  });

  it('applies ignore pragmas, `ignored` and level overrides to SC codes as to DL codes', async () => {
    const text = [
      '# hadolint global ignore=SC2035',
      'FROM debian:12',
      '# hadolint ignore=SC2086',
      'RUN echo $a',
      'RUN echo $b',
    ].join('\n');
    const settings = { ...defaultSettings(), ignored: ['SC2154'], levels: { SC2086: 'error' as const } };
    const result = await lintBatch([{ path: 'Dockerfile', text }], {
      rules: [],
      settings,
      shellcheck: fakeShellCheck([sc2086, sc2154, { level: 'warning', code: 2035, message: 'Use ./*glob* or -- *glob*.' }]),
    });
    expect(result.files[0]).toEqual({
      findings: [expect.objectContaining({ code: 'SC2086', level: 'error', line: 5 })],
    });
  });

  it('still lints when ShellCheck cannot run, and says why', async () => {
    const broken: ShellCheckRunner = { check: async () => ({ ok: false, reason: 'shellcheck is not installed' }) };
    const result = await lintBatch([{ path: 'Dockerfile', text: 'FROM debian\nRUN echo $a\n' }], { rules: [DL3006], shellcheck: broken });
    expect(result.shellcheck).toEqual({ state: 'skipped', reason: 'shellcheck is not installed' });
    expect(result.files[0]).toEqual({ findings: [expect.objectContaining({ code: 'DL3006' })] });
  });
});
