import { DL4006 } from '../../src/rules/DL4006.js';
import { describeRule } from './harness.js';

const pipe = 'RUN wget -O - https://some.site | wc -l file > /number';

describeRule(DL4006, [
  { name: 'warn on missing pipefail', dockerfile: 'FROM scratch\nRUN wget -O - https://some.site | wc -l > /number\n', lines: [2], message: 'Set the SHELL option -o pipefail' },
  { name: "don't warn on commands with no pipes", dockerfile: 'FROM scratch as build\nRUN wget -O - https://some.site && wc -l file > /number\n', lines: [] },
  { name: "don't warn on commands with pipes and the pipefail option", dockerfile: `FROM scratch as build\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\n${pipe}\n`, lines: [] },
  { name: "don't warn on commands with pipes and the pipefail option 2", dockerfile: `FROM scratch as build\nSHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]\n${pipe}\n`, lines: [] },
  { name: "don't warn on commands with pipes and the pipefail option 3", dockerfile: `FROM scratch as build\nSHELL ["/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"]\n${pipe}\n`, lines: [] },
  { name: "don't warn on commands with pipes and the pipefail zsh", dockerfile: `FROM scratch as build\nSHELL ["/bin/zsh", "-o", "pipefail", "-c"]\n${pipe}\n`, lines: [] },
  { name: "don't warn on powershell", dockerfile: 'FROM scratch as build\nSHELL ["pwsh", "-c"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n', lines: [] },
  { name: 'warns when using plain sh', dockerfile: `FROM scratch as build\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\n${pipe}\n`, lines: [3] },
  { name: 'warn on missing pipefail in the next image', dockerfile: `FROM scratch as build\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n${pipe}\nFROM scratch as build2\n${pipe}\n`, lines: [5] },
  { name: 'warn on missing pipefail if next SHELL is not using it', dockerfile: `FROM scratch as build\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n${pipe}\nSHELL ["/bin/sh", "-c"]\n${pipe}\n`, lines: [5] },
  { name: 'ignore non posix shells: pwsh', dockerfile: 'FROM mcr.microsoft.com/powershell:ubuntu-16.04\nSHELL [ "pwsh", "-c" ]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n', lines: [] },
  { name: 'ignore non posix shells: powershell', dockerfile: 'FROM mcr.microsoft.com/powershell:ubuntu-16.04\nSHELL [ "powershell.exe" ]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n', lines: [] },
  { name: 'ignore non posix shells: cmd.exe', dockerfile: 'FROM mcr.microsoft.com/powershell:ubuntu-16.04\nSHELL [ "cmd.exe", "/c" ]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n', lines: [] },
  { name: 'ignore non posix shells given with a Windows path', dockerfile: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe", "-Command"]\nRUN a | b', lines: [] },
  { name: 'ash with pipefail', dockerfile: `FROM alpine:3.19\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\n${pipe}`, lines: [] },
  { name: 'bash under /usr/bin', dockerfile: `FROM debian:12\nSHELL ["/usr/bin/bash", "-o", "pipefail", "-c"]\n${pipe}`, lines: [] },
  { name: 'bash without pipefail', dockerfile: `FROM debian:12\nSHELL ["/bin/bash", "-c"]\n${pipe}`, lines: [3] },
  { name: 'pipefail word without -o does not count', dockerfile: `FROM debian:12\nSHELL ["/bin/bash", "-e", "pipefail", "-c"]\n${pipe}`, lines: [3] },
  { name: 'SHELL before the pipe only', dockerfile: `FROM debian:12\n${pipe}\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n${pipe}`, lines: [2] },
  { name: 'set -o pipefail inside the RUN is not enough (as hadolint)', dockerfile: 'FROM debian:12\nRUN set -o pipefail && a | b', lines: [2] },
  { name: 'logical or is not a pipe', dockerfile: 'FROM debian:12\nRUN a || b', lines: [] },
  { name: 'a quoted bar is not a pipe', dockerfile: "FROM debian:12\nRUN echo 'a | b' && grep -E \"x|y\" f", lines: [] },
  { name: 'pipe inside a command substitution', dockerfile: 'FROM debian:12\nRUN v=$(cat f | head -1) && echo $v', lines: [2] },
  { name: 'pipe on a continuation line', dockerfile: 'FROM debian:12\nRUN apt-get update \\\n  && curl a \\\n  | tar x', lines: [2] },
  { name: 'exec form joined like hadolint', dockerfile: 'FROM debian:12\nRUN ["sh", "-c", "a", "|", "b"]', lines: [2] },
  { name: 'every piped RUN is reported', dockerfile: 'FROM debian:12\nRUN a | b\nRUN c\nRUN d | e', lines: [2, 4] },
  { name: 'ONBUILD RUN is not checked', dockerfile: 'FROM debian:12\nONBUILD RUN a | b', lines: [] },
  { name: 'lowercase keywords', dockerfile: 'from debian:12\nshell ["/bin/bash", "-o", "pipefail", "-c"]\nrun a | b\nfrom alpine\nrun a | b', lines: [5] },
  { name: 'a script the shell parser cannot read has no pipes (as ShellCheck)', dockerfile: 'FROM debian:12\nRUN if (!($x)) { a | b }', lines: [] },
  // hadolint DL4006Spec: "don't warn when zsh is invoked via a non-standard absolute path"
  { name: 'zsh under /usr/local/bin', dockerfile: `FROM scratch as build\nSHELL ["/usr/local/bin/zsh", "-o", "pipefail", "-c"]\n${pipe}\n`, lines: [] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL4006Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL4006Spec: don\'t warn when bash is invoked via a non-standard absolute path', dockerfile: 'FROM scratch as build\nSHELL ["/usr/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -O - https://some.site | wc -l file > /number\n\n', lines: [] },
]);
