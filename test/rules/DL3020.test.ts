import { DL3020 } from '../../src/rules/DL3020.js';
import { describeRule } from './harness.js';

describeRule(DL3020, [
  // hadolint DL3020Spec: every case below, by its case name
  { name: 'add for tar', dockerfile: 'ADD file.tar /usr/src/app/', lines: [] },
  { name: 'add for gzip', dockerfile: 'ADD file.gz /usr/src/app/', lines: [] },
  { name: 'add for bz2', dockerfile: 'ADD file.bz2 /usr/src/app/', lines: [] },
  { name: 'add for xz', dockerfile: 'ADD file.xz /usr/src/app/', lines: [] },
  { name: 'add for tgz', dockerfile: 'ADD file.tgz /usr/src/app/', lines: [] },
  { name: 'add for url', dockerfile: 'ADD http://file.com /usr/src/app/', lines: [] },
  { name: 'using add', dockerfile: 'ADD file /usr/src/app/', lines: [1], message: 'Use COPY instead of ADD for files and folders' },
  { name: 'warn for zip (ADD does not unpack zip)', dockerfile: 'ADD file.zip /usr/src/app/', lines: [1] },
  { name: 'add for tgz with quotes', dockerfile: 'ADD "file.tgz" /usr/src/app/', lines: [] },
  { name: 'add for url with quotes', dockerfile: 'ADD "http://file.com" /usr/src/app/', lines: [] },
  { name: 'warn for zip with quotes', dockerfile: 'ADD "file.zip" /usr/src/app/', lines: [1] },
  // corner cases
  { name: 'https url', dockerfile: 'ADD https://example.com/a.txt /a.txt', lines: [] },
  { name: 'other archive suffixes', dockerfile: 'ADD a.tpz b.txz c.Z d.lzma /x/', lines: [] },
  { name: 'one plain file among archives', dockerfile: 'ADD a.tar.gz notes.txt /x/', lines: [1] },
  { name: 'exec form, plain file', dockerfile: 'ADD ["file", "/usr/src/app/"]', lines: [1] },
  { name: 'exec form, archive', dockerfile: 'ADD ["file.tar.gz", "/usr/src/app/"]', lines: [] },
  { name: 'flags do not count as sources', dockerfile: 'ADD --chown=1:1 --checksum=sha256:abc https://x.io/a /a', lines: [] },
  { name: 'git repository is not an http url', dockerfile: 'ADD git@github.com:moby/buildkit.git /src', lines: [1] },
  { name: 'lowercase keyword', dockerfile: 'add file /app/', lines: [1] },
  { name: 'continuation lines, reported on the first', dockerfile: 'FROM alpine:3.19\nADD \\\n  file \\\n  /app/', lines: [2] },
  { name: 'COPY is never reported', dockerfile: 'COPY file /app/', lines: [] },
  { name: 'ADD inside ONBUILD is not checked', dockerfile: 'ONBUILD ADD file /app/', lines: [] },
  { name: 'ignored by pragma', dockerfile: '# hadolint ignore=DL3020\nADD file /app/', lines: [] },
]);
