import { DL3047 } from '../../src/rules/DL3047.js';
import { describeRule } from './harness.js';

const df = (run: string) => `FROM node as foo\n${run}\n`;

describeRule(DL3047, [
  { name: 'wget without --progress', dockerfile: df('RUN wget my.xyz'), lines: [2] },
  { name: '--progress', dockerfile: df('RUN wget --progress=dot:giga my.xyz'), lines: [] },
  { name: '-q', dockerfile: df('RUN wget -q my.xyz'), lines: [] },
  { name: '--quiet', dockerfile: df('RUN wget --quiet my.xyz'), lines: [] },
  { name: '-nv', dockerfile: df('RUN wget -nv my.xyz'), lines: [] },
  { name: '--no-verbose', dockerfile: df('RUN wget --no-verbose my.xyz'), lines: [] },
  { name: '--output-file', dockerfile: df('RUN wget --output-file=/tmp/wget.log my.xyz'), lines: [] },
  { name: '-o', dockerfile: df('RUN wget -o /tmp/wget.log my.xyz'), lines: [] },
  { name: '--append-output', dockerfile: df('RUN wget --append-output=/tmp/wget.log my.xyz'), lines: [] },
  { name: '-a', dockerfile: df('RUN wget -a /tmp/wget.log my.xyz'), lines: [] },
  { name: '-qO- combined', dockerfile: df('RUN wget -qO- my.xyz | tar x'), lines: [] },
  { name: '-O alone is not quiet', dockerfile: df('RUN wget -O /tmp/x my.xyz'), lines: [2] },
  { name: 'ONBUILD wget', dockerfile: 'ONBUILD RUN wget my.xyz', lines: [1] },
  { name: 'curl is not wget', dockerfile: df('RUN curl -O my.xyz'), lines: [] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3047Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3047Spec: warns when using wget without --progress option (ONBUILD)', dockerfile: 'FROM node as foo\nONBUILD RUN wget my.xyz\n\n', lines: [2] },
  { name: 'DL3047Spec: does not warn when running with --progress option (ONBUILD)', dockerfile: 'FROM node as foo\nONBUILD RUN wget --progress=dot:giga my.xyz\n\n', lines: [] },
  { name: 'DL3047Spec: does not warn when running with -q (quiet short option) and without --progress option (ONBUILD)', dockerfile: 'FROM node as foo\nONBUILD RUN wget -q my.xyz\n\n', lines: [] },
  { name: 'DL3047Spec: does not warn when running with --quiet (quiet long option) and without --progress option (ONBUILD)', dockerfile: 'FROM node as foo\nONBUILD RUN wget --quiet my.xyz\n\n', lines: [] },
  { name: 'DL3047Spec: does not warn when running with -nv (no-verbose short option) and without --progress option (ONBUILD)', dockerfile: 'FROM node as foo\nONBUILD RUN wget -nv my.xyz\n\n', lines: [] },
  { name: 'DL3047Spec: does not warn when running with --no-verbose (no-verbose long option) and without --progress option (ONBUILD)', dockerfile: 'FROM node as foo\nONBUILD RUN wget --no-verbose my.xyz\n\n', lines: [] },
  { name: 'DL3047Spec: does not warn when running with --output-file (output-file long option) and without --progress option (ONBUILD)', dockerfile: 'FROM node as foo\nONBUILD RUN wget --output-file=/tmp/wget.log my.xyz\n\n', lines: [] },
  { name: 'DL3047Spec: does not warn when running with -o (output-file long option) and without --progress option (ONBUILD)', dockerfile: 'FROM node as foo\nONBUILD RUN wget -o /tmp/wget.log my.xyz\n\n', lines: [] },
  { name: 'DL3047Spec: does not warn when running with --append-output (append-output long option) and without --progress option (ONBUILD)', dockerfile: 'FROM node as foo\nONBUILD RUN wget --append-output=/tmp/wget.log my.xyz\n\n', lines: [] },
  { name: 'DL3047Spec: does not warn when running with -a (append-output long option) and without --progress option (ONBUILD)', dockerfile: 'FROM node as foo\nONBUILD RUN wget -a /tmp/wget.log my.xyz\n\n', lines: [] },
]);
