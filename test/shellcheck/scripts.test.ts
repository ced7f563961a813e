import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import { scriptFile } from '../../src/shellcheck/findings.js';
import { placeOf, shellcheckScripts } from '../../src/shellcheck/scripts.js';

const scripts = (text: string) => shellcheckScripts(parseDockerfile('Dockerfile', text));
const PROXIES = ['FTP_PROXY', 'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'ftp_proxy', 'http_proxy', 'https_proxy', 'no_proxy'];
/** What ShellCheck sees of each script: `line shell text`, and the variables beyond the proxies. */
const seen = (text: string) =>
  scripts(text).map((s) => ({ line: s.line, shell: s.shell, text: s.text, variables: s.variables.filter((v) => !PROXIES.includes(v)) }));

describe('shellcheckScripts: what hadolint hands to ShellCheck', () => {
  it('checks each shell-form RUN with /bin/sh and the proxy variables Docker predefines', () => {
    const [script] = scripts('FROM debian\nRUN echo $MISSING_QUOTES\n');
    expect(script).toEqual(expect.objectContaining({ line: 2, shell: '/bin/sh', text: 'echo $MISSING_QUOTES', variables: PROXIES }));
    expect(scriptFile(script!)).toBe(`#!/bin/sh\n${PROXIES.map((v) => `export ${v}=1\n`).join('')}echo $MISSING_QUOTES`);
  });

  it('skips exec form', () => {
    expect(scripts('FROM debian\nRUN ["foobar", "$f"]\n')).toEqual([]);
  });

  it('declares ARG and ENV names, ARGs without a value too', () => {
    expect(seen('ARG foo=bar\nARG another_foo\nENV bar=10 baz=20\nRUN echo "$foo"\n')[0]!.variables).toEqual(['another_foo', 'bar', 'baz', 'foo']);
  });

  it('starts every FROM over: variables and SHELL before it do not carry into the stage', () => {
    expect(seen('ARG foo=bar\nENV bar=10\nFROM debian\nRUN echo "$foo"\n')).toEqual([{ line: 4, shell: '/bin/sh', text: 'echo "$foo"', variables: [] }]);
    expect(seen('SHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nFROM debian\nRUN echo $RANDOM\n')[0]!.shell).toBe('/bin/sh');
  });

  it('uses the first word of SHELL as the #! line', () => {
    expect(seen('FROM debian\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN echo $RANDOM\n')[0]!.shell).toBe('/bin/bash');
    expect(seen('FROM alpine\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN echo hello\n')[0]!.shell).toBe('/bin/ash');
  });

  it('skips pwsh, powershell and cmd shells, by SHELL or by pragma', () => {
    expect(scripts('FROM x\nSHELL ["pwsh", "-c"]\nRUN Get-Variable PSVersionTable\n')).toEqual([]);
    expect(scripts('FROM x\nSHELL ["cmd.exe", "/c"]\nRUN dir\n')).toEqual([]);
    expect(scripts('FROM x\nSHELL ["C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe", "-command"]\nRUN Get-Item x\n')).toEqual([]);
    expect(scripts('FROM mcr.microsoft.com/windows:10\n# hadolint shell = powershell.exe\nRUN Get-Variable x\n')).toEqual([]);
  });

  it('a pragma before anything sets the shell of every stage; after a FROM, of that stage only', () => {
    expect(scripts('# hadolint shell=powershell.exe\nFROM w:10\nRUN Get-Item a\nFROM w:10\nRUN Get-Item b\n')).toEqual([]);
    expect(seen('FROM w:10\n# hadolint shell=powershell\nRUN Get-Item a\nFROM w:10\nRUN echo b\n').map((s) => s.line)).toEqual([5]);
    expect(seen('# hadolint shell=bash\nFROM a\nRUN x\nFROM b\nRUN y\n').map((s) => s.shell)).toEqual(['bash', 'bash']);
  });

  it('a stage built FROM an earlier stage inherits its shell and variables', () => {
    const base = 'FROM ubuntu:24.04 AS base\nSHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]\nENV LANG=C\n';
    expect(seen(`${base}FROM base\nRUN source /etc/os-release\n`)).toEqual([{ line: 5, shell: '/bin/bash', text: 'source /etc/os-release', variables: ['LANG'] }]);
    expect(seen(`${base}FROM ubuntu:24.04\nRUN source /etc/os-release\n`)[0]!.shell).toBe('/bin/sh');
    expect(seen(`FROM something AS nothing\n${base}FROM nothing\nFROM base\nRUN source x\n`)[0]!.shell).toBe('/bin/bash');
    expect(seen(`${base}FROM base AS next\nRUN a\nFROM next\nRUN source x\n`).map((s) => s.shell)).toEqual(['/bin/bash', '/bin/bash']);
  });

  it('checks ONBUILD RUN with only the ONBUILD ARG/ENV/SHELL before it, on the ONBUILD line', () => {
    expect(seen('FROM debian\nARG foo=1\nONBUILD RUN echo "$foo"\n')).toEqual([{ line: 3, shell: '/bin/sh', text: 'echo "$foo"', variables: [] }]);
    expect(seen('FROM debian\nONBUILD ARG foo=1\nONBUILD RUN echo "$foo"\n')[0]!.variables).toEqual(['foo']);
    expect(seen('FROM debian\nSHELL ["/bin/bash", "-c"]\nONBUILD RUN echo $RANDOM\n')[0]!.shell).toBe('/bin/sh');
  });

  it('skips a script whose #! line names another interpreter, checks sh, bash and ksh ones', () => {
    expect(scripts('FROM python\nRUN <<EOF\n#!/usr/bin/env python3\nprint("hi")\nEOF\n')).toEqual([]);
    expect(seen('FROM debian\nRUN <<EOF\n#!/bin/bash\necho $x\nEOF\n')[0]!.text).toBe('#!/bin/bash\necho $x');
  });

  it('joins continuation lines as hadolint does: indentation becomes one space, comments vanish', () => {
    const text = 'FROM debian\nRUN apt-get update \\\n    && apt-get install -y curl \\\n# a comment\n\n  && rm -rf /var/lib/apt/lists/*\n';
    expect(seen(text)[0]!.text).toBe('apt-get update  && apt-get install -y curl  && rm -rf /var/lib/apt/lists/*');
    expect(seen('FROM debian\nRUN echo a\\\nb\n')[0]!.text).toBe('echo ab');
    expect(seen('# escape=`\nFROM debian\nRUN echo a `\n  b\n')[0]!.text).toBe('echo a  b');
  });

  it('drops the RUN flags hadolint parses, on any line', () => {
    expect(seen('FROM debian\nRUN --mount=type=cache,target=/var/cache/apt \\\n    --network=none apt-get update\n')[0]!.text).toBe('apt-get update');
  });

  it('runs a heredoc body as the script, and a command fed by a heredoc alone', () => {
    expect(seen('FROM debian\nRUN <<EOF\napt-get update\napt-get install -y x\nEOF\n')[0]!.text).toBe('apt-get update\napt-get install -y x');
    expect(seen('FROM debian\nRUN <<-"EOT"\n\techo $a\nEOT\n')[0]!.text).toBe('echo $a');
    expect(seen('FROM python\nRUN python3 <<EOF\nprint(1)\nEOF\n')[0]!.text).toBe('python3');
  });

  it('reads CRLF files as LF', () => {
    expect(seen('FROM debian\r\nRUN echo a \\\r\n  b\r\n')[0]!.text).toBe('echo a  b');
  });
});

describe('placeOf: where a character of the script sits in the Dockerfile', () => {
  it('follows continuation lines and heredoc bodies back to their lines and columns', () => {
    const [joined] = scripts('FROM debian\nRUN apt-get update \\\n    && echo $a\n');
    const dollar = joined!.text.indexOf('$a');
    expect(placeOf(joined!, 0)).toEqual({ line: 2, column: 5 });
    expect(placeOf(joined!, dollar)).toEqual({ line: 3, column: 13 });
    const [heredoc] = scripts('FROM debian\nRUN <<EOF\necho one\necho $two\nEOF\n');
    expect(placeOf(heredoc!, heredoc!.text.indexOf('$two'))).toEqual({ line: 4, column: 6 });
  });
});
