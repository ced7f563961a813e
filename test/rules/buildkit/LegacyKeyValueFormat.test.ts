import { LegacyKeyValueFormat } from '../../../src/rules/buildkit/LegacyKeyValueFormat.js';
import { describeBuildKit } from './harness.js';

const msg = (name: string): string => `"${name} key=value" should be used instead of legacy "${name} key value" format`;

describeBuildKit(LegacyKeyValueFormat, [
  { name: 'ENV and LABEL', from: 'testLegacyKeyValueFormat', dockerfile: '\nFROM scratch\nENV testkey value\nLABEL key value\n', expect: [[3, msg('ENV')], [4, msg('LABEL')]] },
  { name: 'key=value', from: 'testLegacyKeyValueFormat', dockerfile: '\nFROM scratch\nENV testkey=value\nLABEL key=value\n', expect: [] },
  { name: 'in a stage no target reaches (lint checks every stage)', from: 'testLegacyKeyValueFormat', dockerfile: '\nFROM scratch AS a\n\nFROM a AS b\nENV testkey value\nLABEL key value\n\nFROM a AS c\n', expect: [[5, msg('ENV')], [6, msg('LABEL')]] },
  { name: 'check=skip=LegacyKeyValueFormat above each', from: 'testLegacyKeyValueFormat', dockerfile: '\nFROM scratch\n# check=skip=LegacyKeyValueFormat\nENV testkey value\n# check=skip=LegacyKeyValueFormat\nLABEL key value\n', expect: [] },
  { name: 'named as written; a value with blanks', from: 'ours', dockerfile: 'from scratch\nenv PATH /a /b\n', expect: [[2, msg('env')]] },
]);
