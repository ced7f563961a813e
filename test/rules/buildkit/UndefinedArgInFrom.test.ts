import { UndefinedArgInFrom } from '../../../src/rules/buildkit/UndefinedArgInFrom.js';
import { describeBuildKit } from './harness.js';

describeBuildKit(UndefinedArgInFrom, [
  { name: 'a declared ARG', from: 'testUndeclaredArg', dockerfile: '\nARG base=scratch\nFROM $base\nCOPY Dockerfile .\n', expect: [] },
  { name: 'BUILDPLATFORM redeclared', from: 'testUndeclaredArg', dockerfile: '\nARG BUILDPLATFORM=linux/amd64\nFROM --platform=$BUILDPLATFORM scratch\nCOPY Dockerfile .\n', expect: [] },
  { name: 'BUILDPLATFORM predefined', from: 'testUndeclaredArg', dockerfile: '\nFROM --platform=$BUILDPLATFORM scratch\nCOPY Dockerfile .\n', expect: [] },
  { name: 'an ARG without default', from: 'testUndeclaredArg', dockerfile: '\nARG DEBUG\nFROM scratch${DEBUG}\nCOPY Dockerfile .\n', expect: [] },
  { name: 'an ARG without default, with a fallback', from: 'testUndeclaredArg', dockerfile: '\nARG DEBUG\nFROM scra${DEBUG:-tch}\nCOPY Dockerfile .\n', expect: [] },
  { name: 'an empty default', from: 'testUndeclaredArg', dockerfile: '\nARG DEBUG=""\nFROM scratch${DEBUG-@bogus}\nCOPY Dockerfile .\n', expect: [] },
  { name: 'a misspelt BUILDPLATFORM', from: 'testUndeclaredArg', dockerfile: '\nFROM --platform=$BULIDPLATFORM scratch\nCOPY Dockerfile .\n', expect: [[2, "FROM argument 'BULIDPLATFORM' is not declared (did you mean BUILDPLATFORM?)"]] },
  { name: 'a misspelt ARG in the platform', from: 'testUndeclaredArg', dockerfile: '\nARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\nCOPY Dockerfile .\n\t', expect: [[4, "FROM argument 'MYARCH' is not declared (did you mean MY_ARCH?)"]] },
  { name: 'no close name', from: 'testUndeclaredArg', dockerfile: '\nARG tag=latest\nFROM busybox:${tag}${version} AS b\nCOPY Dockerfile .\n', expect: [[3, "FROM argument 'version' is not declared"]] },
  { name: 'an ARG declared inside a stage does not count', from: 'ours', dockerfile: 'FROM scratch\nARG BASE=alpine\nFROM $BASE\n', expect: [[3, "FROM argument 'BASE' is not declared"]] },
]);
