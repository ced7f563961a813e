import { RedundantTargetPlatform } from '../../../src/rules/buildkit/RedundantTargetPlatform.js';
import { describeBuildKit } from './harness.js';

describeBuildKit(RedundantTargetPlatform, [
  { name: '$TARGETPLATFORM', from: 'testRedundantTargetPlatform', dockerfile: '\nFROM --platform=$TARGETPLATFORM scratch\n', expect: [[2, 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior']] },
  { name: '${TARGETPLATFORM}', from: 'testRedundantTargetPlatform', dockerfile: '\nFROM --platform=${TARGETPLATFORM} scratch\n', expect: [[2, 'Setting platform to predefined ${TARGETPLATFORM} in FROM is redundant as this is the default behavior']] },
  { name: 'check=skip=RedundantTargetPlatform', from: 'testRedundantTargetPlatform', dockerfile: '\n# check=skip=RedundantTargetPlatform\nFROM --platform=$TARGETPLATFORM scratch\n', expect: [] },
  { name: 'BUILDPLATFORM is not redundant', from: 'ours', dockerfile: 'FROM --platform=$BUILDPLATFORM golang AS build\n', expect: [] },
  { name: 'more than TARGETPLATFORM', from: 'ours', dockerfile: 'ARG V=\nFROM --platform=$TARGETPLATFORM$V scratch\n', expect: [] },
]);
