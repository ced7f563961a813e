import { DL3003 } from '../../src/rules/DL3003.js';
import { describeRule } from './harness.js';

describeRule(DL3003, [
  // hadolint DL3003Spec: every case below, by its case name
  { name: 'ok using WORKDIR', dockerfile: 'WORKDIR /opt', lines: [] },
  { name: 'not ok using cd', dockerfile: 'RUN cd /opt', lines: [1] },
  // corner cases
  { name: 'cd chained', dockerfile: 'FROM a:1\nRUN cd /tmp && make', lines: [2] },
  { name: 'cd in a subshell', dockerfile: 'RUN (cd /tmp && make)', lines: [1] },
  { name: 'cd as an argument is fine', dockerfile: 'RUN echo cd', lines: [] },
  { name: 'exec form', dockerfile: 'RUN ["cd", "/tmp"]', lines: [1] },
  { name: 'multi-line RUN reported on its first line', dockerfile: 'FROM a:1\nRUN make \\\n && cd /x', lines: [2] },
  { name: 'hadolint does not look inside ONBUILD', dockerfile: 'FROM a:1\nONBUILD RUN cd /x', lines: [] },
  { name: 'heredoc body', dockerfile: 'FROM a:1\nRUN <<EOF\ncd /x\nEOF', lines: [2] },
  { name: 'ignored by pragma', dockerfile: '# hadolint ignore=DL3003\nRUN cd /x', lines: [] },
  {
    name: 'a script that is not POSIX shell is not read (ShellCheck gives hadolint no tree)',
    dockerfile: "FROM a:1\nRUN powershell -Command iex ((new-object net.webclient).DownloadString('https://x')); cd C:\\",
    lines: [],
  },
]);
