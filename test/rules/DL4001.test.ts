import { DL4001 } from '../../src/rules/DL4001.js';
import { describeRule } from './harness.js';

describeRule(DL4001, [
  { name: 'warns when using both wget and curl', dockerfile: 'FROM node as foo\nRUN wget my.xyz\nRUN curl localhost\n', lines: [3], message: 'Either use Wget or Curl but not both' },
  { name: 'warns when using both wget and curl in same instruction', dockerfile: 'FROM node as foo\nRUN wget my.xyz && curl localhost\n', lines: [2] },
  { name: 'does not warn when using only wget', dockerfile: 'FROM node as foo\nRUN wget my.xyz\n', lines: [] },
  { name: 'does not warn when using both curl and wget in different stages', dockerfile: 'FROM node as foo\nRUN wget my.xyz\nFROM scratch\nRUN curl localhost\n', lines: [] },
  { name: 'warns when using both on a single stage', dockerfile: 'FROM node as foo\nRUN wget my.xyz\nRUN curl localhost\nFROM scratch\nRUN curl localhost\n', lines: [3] },
  { name: 'only warns on the relevant RUN instruction', dockerfile: 'FROM node as foo\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\n', lines: [3] },
  { name: 'only warns on many relevant RUN instructions', dockerfile: 'FROM node as foo\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\nRUN wget foo.com\n', lines: [3, 5] },
  { name: 'only curl', dockerfile: 'FROM debian\nRUN curl -fsSL a -o a\nRUN curl -fsSL b -o b', lines: [] },
  { name: 'inside a pipeline and a subshell', dockerfile: 'FROM debian\nRUN (wget -qO- a | tar x) && echo $(curl -s b)', lines: [2] },
  { name: 'exec form is read as hadolint joins it', dockerfile: 'FROM debian\nRUN ["wget", "a"]\nRUN ["curl", "b"]', lines: [3] },
  { name: 'continuation lines report the first line', dockerfile: 'FROM debian\nRUN wget a \\\n && curl b', lines: [2] },
  { name: 'a path or sudo prefix is not the command name (as ShellCheck names it)', dockerfile: 'FROM debian\nRUN /usr/bin/wget a && sudo curl b', lines: [] },
  { name: 'the word in an argument is not a command', dockerfile: 'FROM debian\nRUN apt-get install -y curl wget', lines: [] },
  { name: 'lowercase run', dockerfile: 'FROM debian\nrun wget a\nrun curl b', lines: [3] },
  { name: 'ONBUILD triggers are checked among themselves', dockerfile: 'FROM debian\nONBUILD RUN wget a\nONBUILD RUN curl b', lines: [3] },
  { name: 'ONBUILD and direct RUNs do not mix', dockerfile: 'FROM debian\nRUN wget a\nONBUILD RUN curl b', lines: [] },
  { name: 'ONBUILD state is not reset by FROM', dockerfile: 'FROM debian\nONBUILD RUN wget a\nFROM alpine\nONBUILD RUN curl b', lines: [4] },
  { name: 'fragment without FROM', dockerfile: 'RUN wget a\nRUN curl b', lines: [2] },
  { name: 'heredoc body', dockerfile: 'FROM debian\nRUN <<EOF\nwget a\ncurl b\nEOF', lines: [2] },
]);
