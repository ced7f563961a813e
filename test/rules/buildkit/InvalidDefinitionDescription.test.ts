import { InvalidDefinitionDescription } from '../../../src/rules/buildkit/InvalidDefinitionDescription.js';
import { describeBuildKit } from './harness.js';

const msg = (instruction: string, name: string): string => `Comment for ${instruction} should follow the format: \`# ${name} <description>\``;

describeBuildKit(InvalidDefinitionDescription, [
  {
    name: 'descriptions that follow the format (skip=all does not reach experimental rules)', from: 'testDefinitionDescription',
    dockerfile: '# check=skip=all;experimental=InvalidDefinitionDescription\n# foo this is the foo\nARG foo=bar\n\n# base this is the base image\nFROM scratch AS base\n\n# version this is the version number\nARG version=latest\n\n# baz this is the baz\nARG foo=baz bar=qux baz=quux\n#\nARG bit=bat\n\n# comment for something other than ARG or FROM\nCOPY Dockerfile .\n',
    expect: [],
  },
  {
    name: 'descriptions that do not', from: 'testDefinitionDescription',
    dockerfile: '# check=experimental=InvalidDefinitionDescription\n# bar this is the bar\nARG foo=bar\n# BasE this is the BasE image\nFROM scratch AS base\n# definitely a bad comment\nARG version=latest\n# definitely a bad comment\nARG foo=baz bar=qux baz=quux\n',
    expect: [[3, msg('ARG', 'foo')], [5, msg('FROM', 'base')], [7, msg('ARG', 'version')], [9, msg('ARG', '<arg_key>')]],
  },
  { name: 'experimental: off unless asked', from: 'ours', dockerfile: '# bar this is the bar\nARG foo=bar\nFROM scratch\n', expect: [] },
  { name: 'experimental=all', from: 'ours', dockerfile: '# check=experimental=all\n# bar this is the bar\nARG foo=bar\nFROM scratch\n', expect: [[3, msg('ARG', 'foo')]] },
  { name: 'asked for by a comment above the instruction', from: 'ours', dockerfile: 'FROM scratch\n# check=experimental=InvalidDefinitionDescription\nARG foo=bar\n# nope\nARG bar=1\n', expect: [[3, msg('ARG', 'foo')]] },
]);
