import { NoEmptyContinuation } from '../../../src/rules/buildkit/NoEmptyContinuation.js';
import { describeBuildKit } from './harness.js';

describeBuildKit(NoEmptyContinuation, [
  {
    name: 'a blank line inside a continued COPY, reported where the instruction ends', from: 'testNoEmptyContinuation',
    dockerfile: '\nFROM scratch\n# warning: empty continuation line\nCOPY Dockerfile \\\n\n.\nCOPY Dockerfile \\\n.\n',
    expect: [[6, 'Empty continuation line']],
  },
  { name: 'a comment line inside a continuation is fine', from: 'ours', dockerfile: 'FROM scratch\nRUN echo a \\\n# note\n  && echo b\n', expect: [] },
  { name: 'a line of blanks counts as empty', from: 'ours', dockerfile: 'FROM scratch\nRUN echo a \\\n   \n  && echo b \\\n\n  && echo c\n', expect: [[6, 'Empty continuation line']] },
  { name: 'with the backtick escape', from: 'ours', dockerfile: '# escape=`\nFROM scratch\nRUN echo a `\n\n  b\n', expect: [[5, 'Empty continuation line']] },
  { name: 'CRLF line ends', from: 'ours', dockerfile: 'FROM scratch\r\nRUN echo a \\\r\n\r\n  b\r\n', expect: [[4, 'Empty continuation line']] },
  { name: 'an escaped escape does not continue', from: 'ours', dockerfile: 'FROM scratch\nRUN echo a\\\\\n\nRUN b\n', expect: [] },
]);
