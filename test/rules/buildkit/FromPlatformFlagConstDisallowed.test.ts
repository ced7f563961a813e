import { FromPlatformFlagConstDisallowed } from '../../../src/rules/buildkit/FromPlatformFlagConstDisallowed.js';
import { describeBuildKit } from './harness.js';

describeBuildKit(FromPlatformFlagConstDisallowed, [
  { name: 'a constant platform', from: 'testFromPlatformFlagConstDisallowed', dockerfile: '\nFROM --platform=linux/amd64 scratch\n', expect: [[2, 'FROM --platform flag should not use constant value "linux/amd64"']] },
  { name: 'the stage is named for the architecture', from: 'testFromPlatformFlagConstDisallowed', dockerfile: '\nFROM --platform=linux/amd64 scratch AS my_amd64_stage\n', expect: [] },
  { name: 'the stage is named for the OS', from: 'testFromPlatformFlagConstDisallowed', dockerfile: '\nFROM --platform=linux/amd64 scratch AS linux\n', expect: [] },
  { name: 'a variable is not a constant', from: 'ours', dockerfile: 'FROM --platform=$BUILDPLATFORM golang AS build\n', expect: [] },
  { name: 'normalised before comparing to the name', from: 'ours', dockerfile: 'FROM --platform=linux/x86_64 alpine AS build-x86_64\nFROM --platform=linux/aarch64 alpine AS build-arm64\n', expect: [[1, 'FROM --platform flag should not use constant value "linux/x86_64"']] },
  { name: 'not a platform: BuildKit fails later', from: 'ours', dockerfile: 'FROM --platform=nonsense/x/y/z alpine\n', expect: [] },
]);
