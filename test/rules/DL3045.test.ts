import { DL3045 } from '../../src/rules/DL3045.js';
import { describeRule } from './harness.js';

describeRule(DL3045, [
  { name: 'absolute destination', dockerfile: 'COPY bla.sh /usr/local/bin/blubb.sh', lines: [] },
  { name: 'quoted absolute destination', dockerfile: 'COPY bla.sh "/usr/local/bin/blubb.s"', lines: [] },
  { name: 'windows absolute destination', dockerfile: 'COPY bla.sh c:\\system32\\blubb.sh', lines: [] },
  { name: 'quoted windows destination', dockerfile: 'COPY bla.sh "d:\\mypath\\blubb.sh"', lines: [] },
  { name: 'windows destination with slashes', dockerfile: 'COPY bla.sh c:/system32/blubb.sh', lines: [] },
  { name: 'relative destination after WORKDIR', dockerfile: 'FROM scratch\nWORKDIR /usr\nCOPY bla.sh blubb.sh', lines: [] },
  { name: 'relative destination after windows WORKDIR', dockerfile: 'FROM scratch\nWORKDIR c:\\system32\nCOPY bla.sh blubb.sh', lines: [] },
  { name: 'destination ${VAR}', dockerfile: 'COPY src.sh ${SRC_BASE_ENV}', lines: [] },
  { name: 'destination $VAR', dockerfile: 'COPY src.sh $SRC_BASE_ENV', lines: [] },
  { name: 'destination "${VAR}"', dockerfile: 'COPY src.sh "${SRC_BASE_ENV}"', lines: [] },
  { name: 'destination "$VAR"', dockerfile: 'COPY src.sh "$SRC_BASE_ENV"', lines: [] },
  { name: 'relative destination, no WORKDIR', dockerfile: 'COPY bla.sh blubb.sh', lines: [1] },
  { name: 'quoted relative destination', dockerfile: 'COPY bla.sh "blubb.sh"', lines: [1] },
  {
    name: 'WORKDIR of an unrelated stage',
    dockerfile: 'FROM debian:buster as stage1\nWORKDIR /usr\nFROM debian:buster\nCOPY foo bar\n',
    lines: [4],
  },
  {
    name: 'WORKDIR of an unrelated stage, windows',
    dockerfile: 'FROM microsoft/windowsservercore as stage1\nWORKDIR c:\\system32\nFROM microsoft/windowsservercore\nCOPY foo bar\n',
    lines: [4],
  },
  {
    name: 'WORKDIR of the base stage',
    dockerfile: 'FROM debian:buster as base\nWORKDIR /usr\nFROM debian:buster as stage-inbetween\nRUN foo\nFROM base\nCOPY foo bar\n',
    lines: [],
  },
  {
    name: 'WORKDIR inherited two stages deep',
    dockerfile: 'FROM debian:buster as base1\nWORKDIR /usr\nFROM base1 as base2\nRUN foo\nFROM base2\nCOPY foo bar\n',
    lines: [],
  },
  {
    name: 'both inside ONBUILD (not checked)',
    dockerfile: 'FROM debian:buster\nONBUILD WORKDIR /usr/local/lib\nONBUILD COPY foo bar\n',
    lines: [],
  },
  { name: 'single character paths', dockerfile: 'COPY a b', lines: [1] },
  { name: 'exec form relative destination', dockerfile: 'FROM alpine:3\nCOPY ["a.txt", "b/"]', lines: [2] },
  { name: 'with --chown flag', dockerfile: 'FROM alpine:3\nCOPY --chown=1000 a.txt /app/', lines: [] },
  { name: 'lowercase keyword', dockerfile: 'FROM alpine:3\ncopy a.txt app/', lines: [2] },
  // hadolint DL3045Spec: "ok: `COPY` to relative destination if `WORKDIR` has been set in base image - windows"
  {
    name: 'WORKDIR of the base stage, windows',
    dockerfile: 'FROM microsoft/windowsservercore as base\nWORKDIR c:\\system32\nFROM microsoft/windowsservercore as stage-inbetween\nRUN foo\nFROM base\nCOPY foo bar\n',
    lines: [],
  },
  // hadolint DL3045Spec: "ok: `COPY` to relative destination if `WORKDIR` has been set in previous stage, deep case - windows"
  {
    name: 'WORKDIR inherited two stages deep, windows',
    dockerfile: 'FROM microsoft/windowsservercore as base1\nWORKDIR c:\\system32\nFROM base1 as base2\nRUN foo\nFROM base2\nCOPY foo bar\n',
    lines: [],
  },
  // hadolint DL3045Spec: "ok: `COPY` with absolute destination and no `WORKDIR` set - windows" (second drive)
  { name: 'windows absolute destination on drive d:', dockerfile: 'COPY bla.sh d:\\mypath\\blubb.sh', lines: [] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3045Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3045Spec: ok: `COPY` with absolute destination and no `WORKDIR` set with quotes (ONBUILD)', dockerfile: 'COPY bla.sh "/usr/local/bin/blubb.sh"\n', lines: [] },
  { name: 'DL3045Spec: ok: `COPY` with absolute destination and no `WORKDIR` set - windows with quotes', dockerfile: 'COPY bla.sh "c:\\system32\\blubb.sh"\n', lines: [] },
  { name: 'DL3045Spec: ok: `COPY` with absolute destination and no `WORKDIR` set - windows with alternative paths (ONBUILD)', dockerfile: 'COPY bla.sh d:/mypath/blubb.sh\n', lines: [] },
  { name: 'DL3045Spec: ok: `COPY` to relative destination if `WORKDIR` has been set in base image (ONBUILD)', dockerfile: 'FROM debian:buster as base\nWORKDIR /usr\nFROM debian:buster as stage-inbetween\nONBUILD RUN foo\nFROM base\nCOPY foo bar\n\n', lines: [] },
  { name: 'DL3045Spec: ok: `COPY` to relative destination if `WORKDIR` has been set in base image - windows (ONBUILD)', dockerfile: 'FROM microsoft/windowsservercore as base\nWORKDIR c:\\system32\nFROM microsoft/windowsservercore as stage-inbetween\nONBUILD RUN foo\nFROM base\nCOPY foo bar\n\n', lines: [] },
  { name: 'DL3045Spec: ok: `COPY` to relative destination if `WORKDIR` has been set in previous stage, deep case (ONBUILD)', dockerfile: 'FROM debian:buster as base1\nWORKDIR /usr\nFROM base1 as base2\nONBUILD RUN foo\nFROM base2\nCOPY foo bar\n\n', lines: [] },
  { name: 'DL3045Spec: ok: `COPY` to relative destination if `WORKDIR` has been set in previous stage, deep case - windows (ONBUILD)', dockerfile: 'FROM microsoft/windowsservercore as base1\nWORKDIR c:\\system32\nFROM base1 as base2\nONBUILD RUN foo\nFROM base2\nCOPY foo bar\n\n', lines: [] },
]);
