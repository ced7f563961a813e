import { UndefinedVar } from '../../../src/rules/buildkit/UndefinedVar.js';
import { describeBuildKit } from './harness.js';

const alpine = { 'docker.io/library/alpine:latest': { os: 'linux', architecture: 'amd64', env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], shell: false } };
const msg = (name: string, suggestion = ''): string => `Usage of undefined variable '$${name}'${suggestion ? ` (did you mean $${suggestion}?)` : ''}`;

describeBuildKit(UndefinedVar, [
  { name: 'every stage is checked', from: 'testAllTargetUnmarshal', dockerfile: '\nFROM scratch AS first\nCOPY $foo .\n\nFROM scratch AS second\nCOPY $bar .\n', expect: [[3, msg('foo')], [6, msg('bar')]] },
  { name: 'an ARG without value', from: 'testUnmatchedVars', dockerfile: '\nFROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n', expect: [] },
  { name: 'an ARG of the base stage', from: 'testUnmatchedVars', images: alpine, dockerfile: '\nFROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo .\n', expect: [] },
  { name: 'a RUN script is the shell\'s', from: 'testUnmatchedVars', images: alpine, dockerfile: '\nFROM alpine\nRUN echo $PATH\n', expect: [] },
  { name: 'used above its ARG', from: 'testUnmatchedVars', images: alpine, dockerfile: '\nFROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n', expect: [[3, msg('foo')]] },
  { name: 'a near miss', from: 'testUnmatchedVars', images: alpine, dockerfile: '\nFROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nARG DIR_CONFIG=config/\nCOPY $DIR_ASSET .\n\t', expect: [[6, msg('DIR_ASSET', 'DIR_ASSETS')]] },
  { name: "a near miss of the image's PATH", from: 'testUnmatchedVars', images: alpine, dockerfile: '\nFROM alpine\nENV PATH=$PAHT:/tmp/bin\n\t\t', expect: [[3, msg('PAHT', 'PATH')]] },
  // Without the image's config, only near misses: the image may define any other name.
  { name: 'unknown image config: a near miss is still reported', from: 'ours', dockerfile: 'FROM alpine\nARG DIR_ASSETS=assets/\nCOPY $DIR_ASSET .\n', expect: [[3, msg('DIR_ASSET', 'DIR_ASSETS')]] },
  { name: 'unknown image config: another name may be the image\'s', from: 'ours', dockerfile: 'FROM node:20\nWORKDIR /app/$NODE_VERSION\n', expect: [] },
  { name: 'ENV values expand before the instruction', from: 'ours', dockerfile: 'FROM scratch\nENV A=1 B=$A\n', expect: [[2, msg('A')]] },
  { name: 'single quotes and an escaped $ are literal', from: 'ours', dockerfile: "FROM scratch\nENV A='$X' B=\\$Y\nLABEL c=\"$Z\"\n", expect: [[3, msg('Z', 'A')]] },
  { name: 'COPY flags, USER, VOLUME, STOPSIGNAL, RUN --mount', from: 'ours', dockerfile: 'FROM scratch\nCOPY --chown=$U a /a\nUSER $V\nVOLUME $W\nSTOPSIGNAL $S\nRUN --mount=type=cache,target=$T true\nEXPOSE $E\nCMD echo $C\n', expect: [[2, msg('U')], [3, msg('V')], [4, msg('W')], [5, msg('S')], [6, msg('T')]] },
  { name: "an ARG's default sees the ARGs before it", from: 'ours', dockerfile: 'FROM scratch\nARG A=1 B=$A C=$D\n', expect: [[2, msg('D', 'A')]] },
  { name: 'a COPY heredoc body expands when its delimiter is bare', from: 'ours', dockerfile: "FROM scratch\nCOPY <<EOF /a\n$X\nEOF\nCOPY <<'EOF' /b\n$Y\nEOF\n", expect: [[2, msg('X')]] },
  { name: 'skipped by a check comment above', from: 'ours', dockerfile: 'FROM scratch\n# check=skip=UndefinedVar\nCOPY $a .\nCOPY $b .\n', expect: [[4, msg('b')]] },
]);
