import { CopyIgnoredFile } from '../../../src/rules/buildkit/CopyIgnoredFile.js';
import { describeBuildKit } from './harness.js';

const copy = (file: string): string => `Attempting to Copy file "${file}" that is excluded by .dockerignore`;
const add = (file: string): string => `Attempting to Add file "${file}" that is excluded by .dockerignore`;

describeBuildKit(CopyIgnoredFile, [
  { name: 'COPY and ADD of an ignored file', from: 'testCopyIgnoredFiles', dockerignore: ['Dockerfile'], dockerfile: '\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n', expect: [[3, copy('Dockerfile')], [4, add('Dockerfile')]] },
  { name: 'check=skip=CopyIgnoredFile', from: 'testCopyIgnoredFiles', dockerignore: ['Dockerfile'], dockerfile: '# check=skip=CopyIgnoredFile\n\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n', expect: [] },
  { name: 'COPY --from another stage', from: 'testCopyIgnoredFiles', dockerignore: ['foobar'], dockerfile: '\nFROM scratch AS base\nCOPY Dockerfile /foobar\nADD Dockerfile /windy\n\nFROM base\nCOPY --from=base /foobar /Dockerfile\n', expect: [] },
  { name: 'a .dockerignore with exceptions is not judged', from: 'testCopyIgnoredFiles', dockerignore: ['**', '!Dockerfile'], dockerfile: '\nFROM scratch\nCOPY ./Dockerfile .\n', expect: [] },
  { name: 'COPY . with exceptions', from: 'testCopyIgnoredFiles', dockerignore: ['**', '!Dockerfile'], dockerfile: '\nFROM scratch\nCOPY . .\n\t', expect: [] },
  { name: 'COPY . with dotfiles ignored', from: 'testCopyIgnoredFileContextRoot', dockerignore: ['.*'], dockerfile: '\nFROM scratch\nCOPY . .\n', expect: [] },
  { name: 'COPY . with everything ignored', from: 'testCopyIgnoredFileContextRoot', dockerignore: ['*'], dockerfile: '\nFROM scratch\nCOPY . .\n', expect: [[3, copy('.')]] },
  { name: 'a file in an ignored directory', from: 'ours', dockerignore: ['node_modules', 'build/**'], dockerfile: 'FROM scratch\nCOPY node_modules/x/index.js build/out.js ./src /app/\n', expect: [[2, copy('node_modules/x/index.js')], [2, copy('build/out.js')]] },
  { name: 'no .dockerignore known', from: 'ours', dockerfile: 'FROM scratch\nCOPY Dockerfile .\n', expect: [] },
  { name: 'a URL is not from the context', from: 'ours', dockerignore: ['*'], dockerfile: 'FROM scratch\nADD https://example.com/a.tgz /a\n', expect: [] },
]);
