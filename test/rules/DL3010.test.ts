import { DL3010 } from '../../src/rules/DL3010.js';
import { describeRule } from './harness.js';

describeRule(DL3010, [
  // hadolint DL3010Spec: every case below, by its case name
  { name: 'copy archive then extract 1', dockerfile: 'COPY packaged-app.tar /usr/src/app\nRUN tar -xf /usr/src/app/packaged-app.tar', lines: [1] },
  {
    name: 'copy archive then extract 2',
    dockerfile: 'COPY packaged-app.tar /usr/src/app\nWORKDIR /usr/src/app\nRUN foo bar && echo something && tar -xf packaged-app.tar',
    lines: [1],
  },
  { name: 'copy archive then extract 3', dockerfile: 'COPY foo/bar/packaged-app.tar /foo.tar\nRUN tar -xf /foo.tar', lines: [1] },
  {
    name: 'copy archive then extract windows paths 1',
    dockerfile: 'COPY build\\foo\\bar.tar.gz "C:\\Program Files\\Foo"\nRUN tar -xf "C:\\Program Files\\Foo\\bar.tar.gz"',
    lines: [1],
  },
  {
    name: 'copy archive then extract windows paths 2',
    dockerfile: 'COPY build\\foo\\bar.tar.gz "C:\\Program Files\\foo.tar.gz"\nRUN tar -xf foo.tar.gz',
    lines: [1],
  },
  { name: 'copy archive without extract', dockerfile: 'COPY packaged-app.tar /usr/src/app\nFROM debian:11 as newstage', lines: [] },
  { name: 'non archive', dockerfile: 'COPY package.json /usr/src/app', lines: [] },
  { name: 'copy from previous stage', dockerfile: 'COPY --from=builder /usr/local/share/some.tar /opt/some.tar', lines: [] },
  // corner cases
  { name: 'a copied archive that is never extracted', dockerfile: 'FROM a:1\nCOPY app.tar.gz /opt/\nRUN ls /opt', lines: [] },
  { name: 'tar --extract', dockerfile: 'FROM a:1\nCOPY app.tgz /opt/\nRUN tar --extract -f /opt/app.tgz', lines: [2] },
  { name: 'tar without a dash is not recognised (as in hadolint)', dockerfile: 'FROM a:1\nCOPY app.tar /opt/\nRUN tar xf /opt/app.tar', lines: [] },
  { name: 'tar -c is not an extraction', dockerfile: 'FROM a:1\nCOPY app.tar /opt/\nRUN tar -cf /opt/app.tar /x', lines: [] },
  { name: 'unzip-like command', dockerfile: 'FROM a:1\nCOPY data.gz /opt/\nRUN gunzip /opt/data.gz', lines: [2] },
  { name: 'a different archive is extracted', dockerfile: 'FROM a:1\nCOPY a.tar /opt/\nRUN tar -xf /opt/b.tar', lines: [] },
  { name: 'extraction in a later stage does not count', dockerfile: 'FROM a:1\nCOPY a.tar /opt/\nFROM b:1\nRUN tar -xf /opt/a.tar', lines: [] },
  { name: 'extraction before the COPY does not count', dockerfile: 'FROM a:1\nRUN tar -xf /opt/a.tar\nCOPY a.tar /opt/', lines: [] },
  { name: 'two COPY lines extracted', dockerfile: 'FROM a:1\nCOPY a.tar /o/\nCOPY b.tgz /o/\nRUN tar -xf /o/a.tar && tar -xzf /o/b.tgz', lines: [2, 3] },
  { name: 'two archives of one COPY give one finding', dockerfile: 'FROM a:1\nCOPY a.tar b.tar /o/\nRUN tar -xf /o/a.tar && tar -xf /o/b.tar', lines: [2] },
  { name: 'exec-form COPY', dockerfile: 'FROM a:1\nCOPY ["a.tar", "/o/"]\nRUN tar -xf /o/a.tar', lines: [2] },
  { name: 'ADD is not reported', dockerfile: 'FROM a:1\nADD a.tar /o/\nRUN tar -xf /o/a.tar', lines: [] },
  { name: 'ONBUILD RUN does not count', dockerfile: 'FROM a:1\nCOPY a.tar /o/\nONBUILD RUN tar -xf /o/a.tar', lines: [] },
  { name: 'multi-line COPY reported on its first line', dockerfile: 'FROM a:1\nCOPY \\\n  a.tar /o/\nRUN tar -xf /o/a.tar', lines: [2] },
]);
