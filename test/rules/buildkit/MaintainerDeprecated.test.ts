import { MaintainerDeprecated } from '../../../src/rules/buildkit/MaintainerDeprecated.js';
import { describeBuildKit } from './harness.js';

const msg = 'Maintainer instruction is deprecated in favor of using label';

describeBuildKit(MaintainerDeprecated, [
  { name: 'MAINTAINER', from: 'testMaintainerDeprecated', dockerfile: '\nFROM scratch\nMAINTAINER me@example.org\n', expect: [[3, msg]] },
  { name: 'a LABEL instead', from: 'testMaintainerDeprecated', dockerfile: '\nFROM scratch\nLABEL org.opencontainers.image.authors="me@example.org"\n', expect: [] },
  { name: 'check=skip=MaintainerDeprecated above it', from: 'testMaintainerDeprecated', dockerfile: '\nFROM scratch\n# check=skip=MaintainerDeprecated\nMAINTAINER me@example.org\n', expect: [] },
  { name: 'reported before the line BuildKit cannot parse', from: 'testWarningsBeforeError', dockerfile: '\nFROM scratch AS BadStageName\nMAINTAINER me@example.org\nBADCMD\n', expect: [[3, msg]] },
  { name: 'not after it', from: 'ours', dockerfile: 'FROM scratch\nBADCMD\nMAINTAINER me@example.org\n', expect: [] },
]);
