import { DL4005 } from '../../src/rules/DL4005.js';
import { describeRule } from './harness.js';

describeRule(DL4005, [
  { name: 'RUN ln', dockerfile: 'RUN ln -sfv /bin/bash /bin/sh', lines: [1], message: 'Use SHELL to change the default shell' },
  { name: 'ONBUILD RUN ln', dockerfile: 'ONBUILD RUN ln -sfv /bin/bash /bin/sh', lines: [1] },
  { name: 'RUN ln with unrelated symlinks', dockerfile: 'RUN ln -sf /bin/true /sbin/initctl', lines: [] },
  { name: 'ONBUILD RUN ln with unrelated symlinks', dockerfile: 'ONBUILD RUN ln -sf /bin/true /sbin/initctl', lines: [] },
  { name: 'RUN ln with multiple acceptable commands', dockerfile: 'RUN ln -s foo bar && unrelated && something_with /bin/sh', lines: [] },
  { name: 'ONBUILD RUN ln with multiple acceptable commands', dockerfile: 'ONBUILD RUN ln -s foo bar && unrelated && something_with /bin/sh', lines: [] },
  { name: 'quoted target', dockerfile: 'FROM debian\nRUN ln -sf "/bin/bash" "/bin/sh"', lines: [2] },
  { name: 'after other commands', dockerfile: 'FROM debian\nRUN apt-get update && \\\n  ln -sf /bin/bash /bin/sh', lines: [2] },
  { name: 'exec form', dockerfile: 'FROM debian\nRUN ["ln", "-sf", "/bin/bash", "/bin/sh"]', lines: [2] },
  { name: 'relinking /bin/bash is not the default shell', dockerfile: 'FROM debian\nRUN ln -sf /bin/zsh /bin/bash', lines: [] },
  { name: 'SHELL is the fix', dockerfile: 'FROM debian\nSHELL ["/bin/bash", "-c"]', lines: [] },
  { name: 'lowercase run', dockerfile: 'FROM debian\nrun ln -s /bin/bash /bin/sh', lines: [2] },
]);
