import { PL2007 } from '../../src/rules/PL2007.js';
import { describeRule } from './harness.js';

const F = 'FROM debian:12.5\n';
/** 20,000 commands joined by `&&`: long, but simple enough to read. */
const longSimple = Array.from({ length: 20_000 }, (_, i) => `echo ${i}`).join(' && ');
/** Over 256 KiB and with a backtick, which only tree-sitter reads, and it is not given that much. */
const longComplex = `echo \`id\` && ${longSimple}`;

describeRule(PL2007, [
  { name: 'a short script is read', dockerfile: `${F}RUN apt-get update`, lines: [] },
  { name: 'a long simple script is read', dockerfile: `${F}RUN ${longSimple}`, lines: [] },
  { name: 'a long script only tree-sitter could read is not', dockerfile: `${F}RUN ${longComplex}`, lines: [2] },
  { name: 'a long exec-form script is not read either', dockerfile: `${F}RUN ["sh", "-c", "${longComplex}"]`, lines: [2] },
  { name: 'ONBUILD RUN too, on the ONBUILD line', dockerfile: `${F}ONBUILD RUN ${longComplex}`, lines: [2] },
  { name: 'a script past 4 MiB is never read', dockerfile: `${F}RUN echo ${'x'.repeat(4_200_000)}`, lines: [2] },
  { name: 'a long CMD is no RUN', dockerfile: `${F}CMD ${longComplex}`, lines: [] },
]);
