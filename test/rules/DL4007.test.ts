import { DL4007 } from '../../src/rules/DL4007.js';
import { describeRule } from './harness.js';

describeRule(DL4007, [
  { name: 'warns on COPY . .', dockerfile: 'FROM scratch\nCOPY . .\n', lines: [2], message: "COPY with '.' as source" },
  { name: 'warns on COPY . /app', dockerfile: 'FROM scratch\nCOPY . /app\n', lines: [2] },
  { name: "warns on COPY './' /app", dockerfile: "FROM scratch\nCOPY './' /app\n", lines: [2] },
  { name: 'does not warn on COPY src/ .', dockerfile: 'FROM scratch\nCOPY src/ .\n', lines: [] },
  { name: 'does not warn on specific COPY', dockerfile: 'FROM scratch\nCOPY package.json yarn.lock /app/\n', lines: [] },
  { name: 'warns on COPY . . even after FROM alias', dockerfile: 'FROM node:18 as build\nCOPY . .\nRUN echo hello\n', lines: [2] },
  { name: 'double-quoted dot', dockerfile: 'FROM scratch\nCOPY "." /app', lines: [2] },
  { name: 'dot among several sources', dockerfile: 'FROM scratch\nCOPY package.json . /app/', lines: [2] },
  { name: 'exec form', dockerfile: 'FROM scratch\nCOPY ["./", "/app"]', lines: [2] },
  { name: 'with flags', dockerfile: 'FROM scratch\nCOPY --chown=app:app --link . /app', lines: [2] },
  { name: 'dot as destination only', dockerfile: 'FROM scratch\nCOPY app.js .', lines: [] },
  { name: 'a subfolder of dot', dockerfile: 'FROM scratch\nCOPY ./src /app', lines: [] },
  { name: 'ADD is not checked', dockerfile: 'FROM scratch\nADD . /app', lines: [] },
  { name: 'ONBUILD COPY is not checked', dockerfile: 'FROM scratch\nONBUILD COPY . /app', lines: [] },
  { name: 'lowercase copy', dockerfile: 'FROM scratch\ncopy . /app', lines: [2] },
  { name: 'every COPY is reported', dockerfile: 'FROM node:20 AS a\nCOPY . .\nFROM node:20\nCOPY --from=a . .', lines: [2, 4] },
]);
