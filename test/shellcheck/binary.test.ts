import { describe, expect, it } from 'vitest';
import { lintBatch } from '../../src/lint/batch.js';
import { findShellCheck, processRunner } from '../../src/shellcheck/run.js';

/**
 * The real `shellcheck` binary (Debian's package; .ci/run installs it), on hadolint's own
 * ShellcheckSpec cases. Skipped, with the reason, when it is not installed.
 */
const found = findShellCheck(process.env);
const binary = 'binary' in found ? found.binary : null;
const reason = 'missing' in found ? found.missing : 'PLIMSOLL_SHELLCHECK=off';

async function scCodes(dockerfile: string): Promise<string[]> {
  const result = await lintBatch([{ path: 'Dockerfile', text: dockerfile }], { rules: [], shellcheck: processRunner(binary!) });
  expect(result.shellcheck).toEqual({ state: 'ran' });
  const file = result.files[0]!;
  if (!('findings' in file)) throw new Error(file.error);
  return file.findings.map((finding) => `${finding.line}:${finding.code}`);
}

/** hadolint's ShellcheckSpec: a RUN, then the same RUN as an ONBUILD trigger. */
const onbuild = (dockerfile: string) => dockerfile.replace(/^RUN /gm, 'ONBUILD RUN ');

describe.skipIf(binary === null)(binary ? 'ShellCheck (real binary)' : `ShellCheck (real binary; skipped: ${reason})`, () => {
  const passes = async (dockerfile: string) => expect(await scCodes(dockerfile)).toEqual([]);
  const fails = async (dockerfile: string) => expect((await scCodes(dockerfile)).length).toBeGreaterThan(0);

  it('runs shellcheck on RUN instructions, not on exec form', async () => {
    expect(await scCodes('RUN echo $MISSING_QUOTES\n')).toEqual(['1:SC2086']);
    await fails(onbuild('RUN echo $MISSING_QUOTES\n'));
    await passes('RUN echo foo\n');
    await passes(onbuild('RUN echo foo\n'));
    await passes('RUN ["foobar", "$f"]\n');
  });

  it('knows the proxy variables, ARG and ENV names, and forgets them at FROM', async () => {
    const proxies = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];
    await passes(proxies.map((name) => `RUN echo "$${name}"\n`).join(''));
    await fails('RUN echo "$RTTP_PROXY"\n');
    const declared = 'ARG foo=bar\nARG another_foo\nENV bar=10 baz=20\nRUN echo "$foo"\nRUN echo "$another_foo"\nRUN echo "$bar"\nRUN echo "$baz"\n';
    await passes(declared);
    await fails(onbuild(declared));
    await fails('ARG foo=bar\nARG another_foo\nENV bar=10 baz=20\nFROM debian\nRUN echo "$foo"\n');
  });

  it('checks as sh unless SHELL or the pragma says otherwise', async () => {
    await fails('RUN echo $RANDOM\n');
    await passes('SHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN echo $RANDOM\n');
    await fails('SHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nFROM debian\nRUN echo $RANDOM\n');
    await passes('SHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN echo hello\n');
    await passes('SHELL ["pwsh", "-c"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n');
    await passes('FROM mcr.microsoft.com/foo/bar/windows:10\n# hadolint shell = powershell.exe\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n');
  });

  it('a stage built on an earlier one keeps its SHELL', async () => {
    await passes('FROM ubuntu:24.04 AS base\nSHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]\n\nFROM base\nRUN source /etc/os-release\n');
    await fails('FROM ubuntu:24.04 AS base\nSHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]\n\nFROM ubuntu:24.04\nRUN source /etc/os-release\n');
  });

  it('reports every finding of a RUN, where hadolint keeps one', async () => {
    expect(await scCodes('FROM debian\nRUN cd $dir && ls *.txt\n')).toEqual(['2:SC2035', '2:SC2086', '2:SC2154']);
  });

  it('says why when the binary cannot run', async () => {
    const result = await lintBatch([{ path: 'Dockerfile', text: 'RUN echo $a\n' }], { rules: [], shellcheck: processRunner('/nonexistent/shellcheck') });
    expect(result.shellcheck).toEqual({ state: 'skipped', reason: 'shellcheck is not installed' });
  });
});
